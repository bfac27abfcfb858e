import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {normalize, type Envelope, type RawEvent} from '../../source/core/envelope.js';
import {InputError} from '../../source/core/errors.js';
import {openRecordingWriter, recordingLine} from '../../source/core/recording-writer.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-writer-'));
const now = Date.UTC(2026, 10, 21, 12, 0, 0);
const t0 = Date.UTC(2026, 10, 21, 10, 0, 0);

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** The envelope the engine would make of `raw`, at a fixed wall clock. */
function envelope(raw: RawEvent): Envelope {
	return normalize(raw, defaultConfig.fields, now);
}

/** Raw events covering every field and every way times can be known or not. */
const raws: RawEvent[] = [
	{
		source: 'kafka', topic: 'orders.created', partition: 2, offset: '9007199254740993', key: 'ORD-1', headers: {'event-type': 'OrderCreated'},
		value: {orderId: 'ORD-1', amount: 12.5}, timestamp: t0, receivedAt: t0 + 35,
	},
	{source: 'redis', topic: 'checkout', offset: '1795255200000-0', value: {type: 'CheckoutStarted', checkout_id: 'C-1'}, timestamp: t0, receivedAt: t0 - 5},
	{source: 'kafka', topic: 'payments', value: 'AAECAw==', valueEncoding: 'base64', timestamp: t0 + 1, receivedAt: t0 + 2},
	{source: 'kafka', topic: 'logs', value: 'plain text', valueEncoding: 'text', receivedAt: t0 + 3},
	// Event time found inside the payload, arrival unknown: no latency is invented on the way back.
	{source: 'recording', topic: 'orders.completed', value: {orderId: 'ORD-1', timestamp: '2026-11-21T10:00:04.000Z'}},
	// A fractional millisecond time survives (as a number).
	{source: 'kafka', topic: 'fractional', value: {n: 1}, timestamp: t0 + 0.25, receivedAt: t0 + 7.75},
	// Bare payloads: no topic.
	{source: 'recording', value: {event_id: 'e-1', event_type: 'ReclamationCreee', aggregate_id: 'claim_67890', timestamp: '2026-11-21T10:00:05.000Z'}},
	{source: 'recording', value: {type: 'NoTimeAtAll', colisId: 'COL-1'}},
];

/** Read a recording back into envelopes. */
async function readBack(file: string): Promise<Envelope[]> {
	const source = recordingSource(file, {maxLineBytes: 1024 * 1024});
	const envelopes: Envelope[] = [];
	// valueText (the line a value was parsed from) is where the value came from, not part of the event.
	for await (const batch of source.batches()) envelopes.push(...batch.events.map(({valueText: _, ...raw}) => envelope(raw)));
	expect(source.health().malformed).toBe(0);
	return envelopes;
}

/** Write `envelopes` in two batches and close. */
async function write(file: string, envelopes: Envelope[]): Promise<void> {
	const writer = await openRecordingWriter(file, {source: 'kafka://localhost:9092', filter: 'orderId:ORD-1'});
	await writer.write(envelopes.slice(0, 3));
	await writer.write([]);
	await writer.write(envelopes.slice(3));
	await writer.close();
}

describe('recordingLine', () => {
	it('writes envelope lines exactly as the format says, leaving out what is unknown or default', () => {
		const [kafka, redis, base64, text, insideTime] = raws.map(raw => envelope(raw));
		expect(recordingLine(kafka!)).toBe('{"topic":"orders.created","value":{"orderId":"ORD-1","amount":12.5},"timestamp":"2026-11-21T10:00:00.000Z",'
			+ '"recordedAt":"2026-11-21T10:00:00.035Z","partition":2,"offset":"9007199254740993","key":"ORD-1","headers":{"event-type":"OrderCreated"},"source":"kafka"}');
		expect(recordingLine(redis!)).toBe('{"topic":"checkout","value":{"type":"CheckoutStarted","checkout_id":"C-1"},"timestamp":"2026-11-21T10:00:00.000Z",'
			+ '"recordedAt":"2026-11-21T09:59:59.995Z","offset":"1795255200000-0","source":"redis"}');
		expect(recordingLine(base64!)).toBe('{"topic":"payments","value":"AAECAw==","timestamp":"2026-11-21T10:00:00.001Z","recordedAt":"2026-11-21T10:00:00.002Z",'
			+ '"source":"kafka","valueEncoding":"base64"}');
		expect(recordingLine(text!)).toBe('{"topic":"logs","value":"plain text","recordedAt":"2026-11-21T10:00:00.003Z","source":"kafka","valueEncoding":"text"}');
		expect(recordingLine(insideTime!)).toBe('{"topic":"orders.completed","value":{"orderId":"ORD-1","timestamp":"2026-11-21T10:00:04.000Z"},'
			+ '"timestamp":"2026-11-21T10:00:04.000Z","source":"recording"}');
	});

	it('writes an event without a topic as its bare payload, and a non-object one as an envelope line', () => {
		expect(recordingLine(envelope(raws[7]!))).toBe('{"type":"NoTimeAtAll","colisId":"COL-1"}');
		expect(recordingLine(envelope({source: 'demo', value: 'just text', valueEncoding: 'text'})))
			.toBe(`{"topic":"","value":"just text","recordedAt":"${new Date(now).toISOString()}","source":"demo","valueEncoding":"text"}`);
	});
});

describe('openRecordingWriter', () => {
	it('writes the header first, then one line per event', async () => {
		const file = path.join(work, 'plain.jsonl');
		const envelopes = raws.map(raw => envelope(raw));
		await write(file, envelopes);
		const lines = fs.readFileSync(file, 'utf8').split('\n');
		expect(lines).toHaveLength(envelopes.length + 2);
		expect(lines.at(-1)).toBe('');
		const header = JSON.parse(lines[0]!) as {$recording: {createdAt: string}};
		expect(header).toStrictEqual({$recording: {version: 1, createdAt: header.$recording.createdAt, source: 'kafka://localhost:9092', filter: 'orderId:ORD-1'}});
		expect(Math.abs(Date.parse(header.$recording.createdAt) - Date.now())).toBeLessThan(60_000);
		expect(lines.slice(1, -1)).toStrictEqual(envelopes.map(each => recordingLine(each)));
	});

	it('round-trips: reading a written recording and normalizing gives the same envelopes, plain and gzip', async () => {
		const envelopes = raws.map(raw => envelope(raw));
		for (const name of ['round-trip.jsonl', 'round-trip.jsonl.gz']) {
			const file = path.join(work, name);
			await write(file, envelopes);
			expect(await readBack(file)).toStrictEqual(envelopes);
		}

		const gz = fs.readFileSync(path.join(work, 'round-trip.jsonl.gz'));
		expect([gz[0], gz[1]]).toStrictEqual([0x1F, 0x8B]);
		const plain = fs.readFileSync(path.join(work, 'round-trip.jsonl'), 'utf8');
		expect(zlib.gunzipSync(gz).toString('utf8').split('\n').slice(1)).toStrictEqual(plain.split('\n').slice(1));
	});

	it('waits for the output to drain before taking more (backpressure on a pipe nobody reads yet)', async () => {
		const fifo = path.join(work, 'fifo');
		execFileSync('mkfifo', [fifo]);
		const reader = fs.createReadStream(fifo);
		const writer = await openRecordingWriter(fifo, {source: 'test'});
		const big = Array.from({length: 5000}, (_, index) => envelope({source: 'kafka', topic: 't', value: {n: index, pad: 'x'.repeat(100)}, timestamp: t0}));
		let settled = false;
		const writing = writer.write(big).then(() => {
			settled = true;
		});
		// The pipe holds 64 KiB and the batch is ~700 KiB: without a reader the write cannot be done (time is tested:
		// still not done 200 ms on).
		await new Promise(resolve => setTimeout(resolve, 200));
		expect(settled).toBe(false);
		const chunks: Buffer[] = [];
		reader.on('data', chunk => chunks.push(chunk as Buffer));
		await writing;
		await writer.close();
		await new Promise<void>(resolve => reader.on('close', () => resolve()));
		const lines = Buffer.concat(chunks).toString('utf8').split('\n');
		expect(lines.slice(1, -1)).toStrictEqual(big.map(each => recordingLine(each)));
	});

	it('settles a write waiting for room when the file is closed meanwhile, keeping its lines (the TUI quitting while r records)', async () => {
		for (const name of ['closed-while-full.jsonl', 'closed-while-full.jsonl.gz']) {
			const file = path.join(work, name);
			const writer = await openRecordingWriter(file, {source: 'test'});
			const big = Array.from({length: 2000}, (_, index) => envelope({source: 'kafka', topic: 't', value: {n: index, pad: crypto.randomUUID().repeat(20)}, timestamp: t0}));
			// Far past the stream's buffer: this write waits for room. The close comes while it waits; a stream that ends
			// never says it has room again (no 'drain' once ending), so the write must settle on the end itself.
			const writing = writer.write(big);
			const closing = writer.close();
			await Promise.all([writing, closing]);
			expect((await readBack(file)).map(each => recordingLine(each))).toStrictEqual(big.map(each => recordingLine(each)));
		}
	});

	it('fails with a message naming a path it cannot write', async () => {
		const target = path.join(work, 'no-such-dir', 'out.jsonl');
		await expect(openRecordingWriter(target, {source: 'test'})).rejects.toThrow(InputError);
		await expect(openRecordingWriter(target, {source: 'test'})).rejects.toThrow(`cannot write recording ${target}: ENOENT`);
	});

	it('writes to standard output with `-`', () => {
		const writerModule = path.resolve('dist/source/core/recording-writer.js');
		const script = `const {openRecordingWriter} = await import(${JSON.stringify(writerModule)});
			const writer = await openRecordingWriter('-', {source: 'stdin-test'});
			await writer.write([{topic: 't', value: {n: 1}, headers: {}, source: 'kafka', valueEncoding: 'json', receivedAt: ${t0}, timestamp: ${t0}, deliveryMs: 0}]);
			await writer.close();`;
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {encoding: 'utf8'});
		const lines = output.split('\n');
		expect(JSON.parse(lines[0]!).$recording.source).toBe('stdin-test');
		expect(lines.slice(1)).toStrictEqual(['{"topic":"t","value":{"n":1},"timestamp":"2026-11-21T10:00:00.000Z","recordedAt":"2026-11-21T10:00:00.000Z","source":"kafka"}', '']);
	});
});
