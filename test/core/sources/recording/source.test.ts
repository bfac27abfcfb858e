import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import zlib from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import type {RawEvent} from '../../../../source/core/envelope.js';
import {InputError} from '../../../../source/core/errors.js';
import {recordingSource} from '../../../../source/core/sources/recording/source.js';
import type {Source} from '../../../../source/core/sources/source.js';

const fixtures = path.join(import.meta.dirname, '../../../fixtures/recordings');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-recording-'));
const cap = 16 * 1024 * 1024;

afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** Write `content` to a new file in the temp dir. */
function file(name: string, content: string | Buffer): string {
	const target = path.join(work, name);
	fs.writeFileSync(target, content);
	return target;
}

/** Every batch the source yields, in order. */
async function batchesOf(source: Source): Promise<RawEvent[][]> {
	const batches: RawEvent[][] = [];
	for await (const batch of source.batches()) {
		expect(batch.positions).toBeUndefined();
		batches.push(batch.events);
	}

	return batches;
}

/** Every event the source yields, each checked to carry the JSON text its value was parsed from (then dropped). */
async function eventsOf(source: Source): Promise<RawEvent[]> {
	return (await batchesOf(source)).flat().map(({valueText, ...event}) => {
		const parsed = JSON.parse(valueText!.text) as Record<string, unknown>;
		expect(valueText!.member === undefined ? parsed : parsed[valueText!.member]).toStrictEqual(event.value);
		return event;
	});
}

/** An envelope line's RawEvent with every field the reader sets. */
function event(fields: Partial<RawEvent> & {value: unknown}): RawEvent {
	return {
		source: 'recording', topic: undefined, partition: undefined, offset: undefined, key: undefined, keyEncoding: undefined,
		headers: undefined, headersEncoding: undefined, valueEncoding: undefined, timestamp: undefined, receivedAt: undefined, ...fields,
	};
}

const t0 = Date.UTC(2026, 10, 21, 10, 0, 0);
const mixedEvents: RawEvent[] = [
	event({
		source: 'kafka', topic: 'orders.created', value: {orderId: 'ORD-1', eventType: 'OrderCreated', amount: 42.5}, timestamp: t0,
		receivedAt: t0 + 120, partition: 3, offset: '9007199254740993', key: 'ORD-1', headers: {trace: 't-1'},
	}),
	event({topic: 'payment.transactions', value: 'cGF5bWVudA==', valueEncoding: 'base64', timestamp: t0 + 500, receivedAt: t0 + 650}),
	event({
		value: {
			event_id: 'e-1', event_type: 'ReclamationCreee', aggregate_id: 'claim_67890', data: {montant: 100},
			timestamp: '2026-11-21T10:00:01.000Z', correlation_id: 'trace_xyz789',
		},
	}),
	event({source: 'redis', topic: 'redis:checkout', value: {type: 'CheckoutStarted'}, offset: '1795255201000-0'}),
];

describe('recordingSource', () => {
	it('reads envelope and bare payload lines, exposes the header and does not count it as an event', async () => {
		const source = recordingSource(path.join(fixtures, 'mixed.jsonl'), {maxLineBytes: cap});
		expect(source.health().state).toBe('connecting');
		const events = await eventsOf(source);
		expect(events).toStrictEqual(mixedEvents);
		const size = fs.statSync(path.join(fixtures, 'mixed.jsonl')).size;
		expect(source.health()).toStrictEqual({
			name: path.join(fixtures, 'mixed.jsonl'), state: 'finished', error: undefined, malformed: 0, malformedSamples: [],
			progress: {bytesRead: size, bytesTotal: size},
			origin: 'from kafka://localhost:9092 · filter orderId:ORD-1 · made 2026-11-21T10:00:00.000Z',
			provenance: {source: 'kafka://localhost:9092', filter: 'orderId:ORD-1', createdAt: '2026-11-21T10:00:00.000Z'},
		});
	});

	it('reads CRLF line ends the same as LF', async () => {
		const crlf = file('crlf.jsonl', fs.readFileSync(path.join(fixtures, 'mixed.jsonl'), 'utf8').replaceAll('\n', '\r\n'));
		const source = recordingSource(crlf, {maxLineBytes: cap});
		expect(await eventsOf(source)).toStrictEqual(mixedEvents);
		expect(source.health().malformed).toBe(0);
	});

	it('detects gzip by its magic bytes, whatever the name, and reports compressed progress', async () => {
		const compressed = zlib.gzipSync(fs.readFileSync(path.join(fixtures, 'mixed.jsonl')));
		const gz = file('no-gz-suffix.jsonl', compressed);
		const source = recordingSource(gz, {maxLineBytes: cap});
		expect(await eventsOf(source)).toStrictEqual(mixedEvents);
		expect(source.health().origin).toMatch(/^from kafka:\/\/localhost:9092 · /);
		expect(source.health().progress).toStrictEqual({bytesRead: compressed.length, bytesTotal: compressed.length});
	});

	it('counts bad lines of every kind with their 1-based physical line numbers, skipping blank lines silently', async () => {
		const source = recordingSource(path.join(fixtures, 'bad-lines.jsonl'), {maxLineBytes: cap});
		const events = await eventsOf(source);
		expect(events.map(each => [each.topic, each.value])).toStrictEqual([['a', 1], ['c', 4]]);
		const health = source.health();
		expect(health.state).toBe('finished');
		expect(health.malformed).toBe(7);
		expect(health.malformedSamples).toStrictEqual([
			{line: 2, reason: 'not JSON'},
			{line: 3, reason: 'not a JSON object (array)'},
			{line: 4, reason: 'not a JSON object (number)'},
			{line: 5, reason: 'not a JSON object (null)'},
			{line: 6, reason: 'not a JSON object (string)'},
			{line: 7, reason: 'not JSON'},
			{line: 10, reason: '"topic" is not a string'},
		]);
	});

	it('keeps the first 10 bad lines as samples and counts them all', async () => {
		const lines = Array.from({length: 30}, (_, index) => (index % 2 === 0 ? 'oops' : '{"topic": "t", "value": 1}'));
		const source = recordingSource(file('many-bad.jsonl', `${lines.join('\n')}\n`), {maxLineBytes: cap});
		expect(await eventsOf(source)).toHaveLength(15);
		expect(source.health().malformed).toBe(15);
		expect(source.health().malformedSamples.map(sample => sample.line)).toStrictEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
	});

	it('skips a 17 MiB line over a small cap and goes on with the next line', async () => {
		const huge = `{"topic": "big", "value": "${'x'.repeat(17 * 1024 * 1024)}"}`;
		const target = file('huge.jsonl', `{"topic": "before", "value": 1}\n${huge}\n{"topic": "after", "value": 2}\n`);
		const source = recordingSource(target, {maxLineBytes: 1024});
		const events = await eventsOf(source);
		expect(events.map(each => each.topic)).toStrictEqual(['before', 'after']);
		expect(source.health().malformedSamples).toStrictEqual([{line: 2, reason: 'longer than 1024 bytes'}]);
	});

	it('applies the cap by bytes, not characters, without the line end, within a chunk and across chunks', async () => {
		const wrapper = Buffer.byteLength('{"topic": "t", "value": ""}');
		const line = (text: string, count: number) => `{"topic": "t", "value": "${text.repeat(count)}"}`;
		const lines = [
			line('a', 100 - wrapper), // 100 bytes: fits
			line('a', 101 - wrapper), // 101 bytes: too long
			`${line('a', 100 - wrapper)}\r`, // 100 bytes and a CR line end: fits
			line('\u00E9', (101 - wrapper) / 2), // 64 characters but 101 bytes: too long
		];
		const content = Buffer.from(`${lines.join('\n')}\n${lines.join('\n')}`);
		const expected = [2, 4, 6, 8].map(number => ({line: number, reason: 'longer than 100 bytes'}));
		const fromFile = recordingSource(file('cap.jsonl', content), {maxLineBytes: 100});
		expect(await eventsOf(fromFile)).toHaveLength(4);
		expect(fromFile.health().malformedSamples).toStrictEqual(expected);

		const stdin = new PassThrough();
		const fromPipe = recordingSource('-', {maxLineBytes: 100, stdin});
		const reading = eventsOf(fromPipe);
		// 7-byte pieces split lines, CRLF pairs and two-byte characters across chunks.
		for (let at = 0; at < content.length; at += 7) stdin.write(content.subarray(at, at + 7));
		stdin.end();
		expect(await reading).toHaveLength(4);
		expect(fromPipe.health().malformedSamples).toStrictEqual(expected);
	});

	it('reports invalid UTF-8 by line number but accepts a real U+FFFD character', async () => {
		const content = Buffer.concat([
			Buffer.from('{"topic": "ok", "value": "caf\u00E9 \uFFFD"}\n'),
			Buffer.from('{"topic": "bad", "value": "'), Buffer.from([0xC3, 0x28, 0xFF]), Buffer.from('"}\n'),
			Buffer.from('{"topic": "next", "value": 3}\n'),
		]);
		const source = recordingSource(file('utf8.jsonl', content), {maxLineBytes: cap});
		const events = await eventsOf(source);
		expect(events.map(each => [each.topic, each.value])).toStrictEqual([['ok', 'caf\u00E9 \uFFFD'], ['next', 3]]);
		expect(source.health().malformedSamples).toStrictEqual([{line: 2, reason: 'invalid UTF-8'}]);
	});

	it('reads a last line without a newline and ignores a byte-order mark', async () => {
		const content = Buffer.concat([Buffer.from([0xEF, 0xBB, 0xBF]), Buffer.from('{"topic": "a", "value": 1}\n{"topic": "b", "value": 2}')]);
		const source = recordingSource(file('bom.jsonl', content), {maxLineBytes: cap});
		expect((await eventsOf(source)).map(each => each.topic)).toStrictEqual(['a', 'b']);
		expect(source.health().malformed).toBe(0);
	});

	it('reads an empty file as no events', async () => {
		const source = recordingSource(file('empty.jsonl', ''), {maxLineBytes: cap});
		expect(await batchesOf(source)).toStrictEqual([]);
		expect(source.health()).toMatchObject({state: 'finished', malformed: 0, progress: {bytesRead: 0, bytesTotal: 0}});
		expect(source.health().origin).toBeUndefined();
	});

	it('fails at once with a message naming a missing file or a directory', () => {
		const missing = path.join(work, 'nope.jsonl');
		expect(() => recordingSource(missing, {maxLineBytes: cap})).toThrow(new InputError(`recording not found: ${missing}`));
		expect(() => recordingSource(work, {maxLineBytes: cap})).toThrow(new InputError(`${work} is a directory, not a recording`));
	});

	it('yields batches of the requested size, never one emission per line', async () => {
		const lines = Array.from({length: 2500}, (_, index) => JSON.stringify({topic: 't', value: {n: index}}));
		const source = recordingSource(file('batches.jsonl', `${lines.join('\n')}\n`), {maxLineBytes: cap, batchSize: 1000});
		const batches = await batchesOf(source);
		// A 64 KiB chunk holds ~2,000 of these lines: a batch is cut after the chunk that fills it.
		expect(batches.every(batch => batch.length >= 1000 || batch === batches.at(-1))).toBe(true);
		expect(batches.flat().map(each => (each.value as {n: number}).n)).toStrictEqual(lines.map((_, index) => index));
	});

	it('reads a gzip recording in one piece across many chunks', async () => {
		const lines = Array.from({length: 20_000}, (_, index) => JSON.stringify({topic: 'orders', value: {n: index, pad: 'p'.repeat(index % 50)}}));
		const gz = file('many.jsonl.gz', zlib.gzipSync(`${lines.join('\n')}\n`));
		const source = recordingSource(gz, {maxLineBytes: cap});
		const events = await eventsOf(source);
		expect(events.map(each => (each.value as {n: number}).n)).toStrictEqual(lines.map((_, index) => index));
		expect(source.health().progress?.bytesRead).toBe(fs.statSync(gz).size);
	});

	it('reports a truncated gzip file where it breaks and keeps the events before', async () => {
		const lines = Array.from({length: 5000}, (_, index) => JSON.stringify({topic: 'orders', value: {n: index}}));
		const whole = zlib.gzipSync(`${lines.join('\n')}\n`);
		const source = recordingSource(file('cut.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2))), {maxLineBytes: cap});
		const events = await eventsOf(source);
		const health = source.health();
		expect(events.length).toBeGreaterThan(0);
		expect(events.map(each => (each.value as {n: number}).n)).toStrictEqual(lines.slice(0, events.length).map((_, index) => index));
		expect(health.state).toBe('error');
		expect(health.malformed).toBe(1);
		expect(health.malformedSamples).toStrictEqual([{line: events.length + 1, reason: 'gzip data corrupt or truncated: unexpected end of file'}]);
		expect(health.error).toBe(`gzip data corrupt or truncated: unexpected end of file at line ${events.length + 1}`);
	});

	it('reads standard input as `-`, plain or gzip, delivered in small pieces', async () => {
		const text = fs.readFileSync(path.join(fixtures, 'mixed.jsonl'));
		for (const bytes of [text, zlib.gzipSync(text)]) {
			const stdin = new PassThrough();
			const source = recordingSource('-', {maxLineBytes: cap, stdin});
			const reading = eventsOf(source);
			// One byte first: gzip detection must wait for the second.
			stdin.write(bytes.subarray(0, 1));
			await new Promise(resolve => setImmediate(resolve));
			for (let at = 1; at < bytes.length; at += 7) stdin.write(bytes.subarray(at, at + 7));
			stdin.end();
			expect(await reading).toStrictEqual(mixedEvents);
			expect(source.health()).toMatchObject({name: 'stdin', state: 'finished', progress: {bytesRead: bytes.length, bytesTotal: undefined}});
			expect(source.id).toBe('recording:-');
		}
	});

	it('releases what a pipe has delivered when it pauses, without waiting for a full batch', async () => {
		const stdin = new PassThrough();
		const source = recordingSource('-', {maxLineBytes: cap, stdin});
		const iterator = source.batches()[Symbol.asyncIterator]();
		stdin.write('{"topic": "a", "value": 1}\n{"topic": "b", "value": 2}\n');
		const first = await iterator.next();
		expect(first.value?.events.map((each: RawEvent) => each.topic)).toStrictEqual(['a', 'b']);
		stdin.end('{"topic": "c", "value": 3}');
		expect((await iterator.next()).value?.events.map((each: RawEvent) => each.topic)).toStrictEqual(['c']);
		expect((await iterator.next()).done).toBe(true);
	});

	it('stops reading early on close(), even while waiting for input', async () => {
		const stdin = new PassThrough();
		const source = recordingSource('-', {maxLineBytes: cap, stdin});
		const iterator = source.batches()[Symbol.asyncIterator]();
		stdin.write('{"topic": "a", "value": 1}\n');
		expect((await iterator.next()).value?.events).toHaveLength(1);
		const pending = iterator.next();
		await source.close();
		expect((await pending).done).toBe(true);
		expect(source.health().state).toBe('stopped');
	});

	it('stops a large file part-way on close()', async () => {
		const lines = Array.from({length: 50_000}, (_, index) => JSON.stringify({topic: 't', value: {n: index}}));
		const target = file('large.jsonl', `${lines.join('\n')}\n`);
		const source = recordingSource(target, {maxLineBytes: cap});
		let read = 0;
		for await (const batch of source.batches()) {
			read += batch.events.length;
			await source.close();
		}

		expect(read).toBeLessThan(lines.length);
		expect(source.health().state).toBe('stopped');
		expect(source.health().progress?.bytesRead).toBeLessThan(fs.statSync(target).size);
	});
});
