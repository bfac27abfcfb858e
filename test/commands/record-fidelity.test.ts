// `record` writes what it read: each value's original text, every encoding marked, repeated headers kept; it says
// which input lines it skipped, and an input that breaks off fails the run after the good events are written.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-fidelity-');

/** Value texts JSON.parse then JSON.stringify would change: a float's `.0`, a 20-digit integer, a repeated key, spacing. */
const valueTexts = [
	'{"orderId":"ORD-1","amount":146.0}',
	'{"orderId":"ORD-2","id":12345678901234567890}',
	'{"orderId":"ORD-3","status":"ok","status":"failed"}',
	'{ "orderId" : "ORD-4",  "amount": 1e2 }',
];

/** The event lines of a recording file (its header line left out). */
function eventLines(file: string): string[] {
	return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(1);
}

describe('record keeps values, keys and headers as they were', () => {
	it('writes each value as its original text, and recording that recording again changes no byte', async () => {
		const lines = [
			...valueTexts.map((value, n) => `{"topic":"orders","offset":"${n}","value":${value},"timestamp":"2026-11-21T10:00:0${n}.000Z"}`),
			// JSON spread over lines travels as a string marked text, and reads back as that JSON.
			String.raw`{"topic":"orders","offset":"8","value":"{\n  \"orderId\": \"ORD-8\",\n  \"amount\": 2.50\n}","valueEncoding":"text","timestamp":"2026-11-21T10:00:08.000Z"}`,
			// Text that is not JSON, and bytes that are not UTF-8, keep their marks.
			'{"topic":"orders","offset":"6","value":"plain text, not JSON {","valueEncoding":"text","timestamp":"2026-11-21T10:00:06.000Z"}',
			'{"topic":"orders","offset":"7","value":"AP/+gA==","valueEncoding":"base64","timestamp":"2026-11-21T10:00:07.000Z"}',
			// A binary key and header values (base64, marked), and a header repeated in one message.
			'{"topic":"orders","offset":"9","key":"/wA=","keyEncoding":"base64","value":{"orderId":"ORD-9"},"headers":{"trace":"t1","hop":["a","b","a"],"sig":"3q2+7w=="},"headersEncoding":{"sig":"base64"},"timestamp":"2026-11-21T10:00:09.000Z"}',
		];
		const input = path.join(temp.path, 'values.jsonl');
		fs.writeFileSync(input, `${lines.join('\n')}\n`);
		const first = path.join(temp.path, 'first.jsonl');
		const second = path.join(temp.path, 'second.jsonl');
		expect((await runCli(['record', input, '-o', first], {cwd: temp.path})).code).toBe(0);
		expect((await runCli(['record', first, '-o', second], {cwd: temp.path})).code).toBe(0);

		const recorded = eventLines(first);
		expect(recorded).toHaveLength(8);
		for (const [n, value] of valueTexts.entries()) expect(recorded[n]).toContain(`"value":${value},`);
		expect(recorded[4]).toContain(String.raw`"value":"{\n  \"orderId\": \"ORD-8\",\n  \"amount\": 2.50\n}",`);
		expect(JSON.parse(recorded[4]!)).toMatchObject({valueEncoding: 'text'});
		expect(JSON.parse(recorded[5]!)).toMatchObject({value: 'plain text, not JSON {', valueEncoding: 'text'});
		expect(JSON.parse(recorded[6]!)).toMatchObject({value: 'AP/+gA==', valueEncoding: 'base64'});
		expect(JSON.parse(recorded[7]!)).toMatchObject({
			key: '/wA=', keyEncoding: 'base64', headers: {trace: 't1', hop: ['a', 'b', 'a'], sig: '3q2+7w=='}, headersEncoding: {sig: 'base64'},
		});
		expect(eventLines(second)).toEqual(recorded);
	});

	it('the spread-over-lines value reads back as JSON: a filter on its field finds it', async () => {
		const input = path.join(temp.path, 'spread.jsonl');
		fs.writeFileSync(input, `${String.raw`{"topic":"orders","value":"{\n \"orderId\": \"ORD-8\"\n}","valueEncoding":"text"}`}\n`);
		const out = path.join(temp.path, 'spread.out.jsonl');
		expect((await runCli(['record', input, '--filter', 'orderId:ORD-8', '-o', out], {cwd: temp.path})).code).toBe(0);
		expect(eventLines(out)).toHaveLength(1);
	});
});

describe('record tells what it could not read', () => {
	it('reports the malformed lines it skipped, with their line numbers', async () => {
		const input = path.join(temp.path, 'bad-lines.jsonl');
		fs.writeFileSync(input, '{"topic":"a","value":1}\nnot json\n{"topic":"a","value":2}\n[1,2]\n');
		const out = path.join(temp.path, 'bad-lines.out.jsonl');
		const result = await runCli(['record', input, '-o', out], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(eventLines(out)).toHaveLength(2);
		expect(result.stderr).toContain('2 malformed lines skipped (line 2: not JSON; line 4: not a JSON object (array))');
	});

	it('fails (rc 1) on a truncated gzip input, after writing every event read before the break', async () => {
		const lines = Array.from({length: 2000}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: {orderId: `ORD-${n}`, pad: 'x'.repeat(n % 97)}}));
		const whole = zlib.gzipSync(`${lines.join('\n')}\n`);
		const input = path.join(temp.path, 'truncated.jsonl.gz');
		fs.writeFileSync(input, whole.subarray(0, Math.floor(whole.length / 2)));
		const out = path.join(temp.path, 'truncated.out.jsonl');
		const result = await runCli(['record', input, '-o', out], {cwd: temp.path});
		expect(result.code).toBe(1);
		expect(result.stderr).toMatch(/gzip data corrupt or truncated/);
		const recorded = eventLines(out);
		expect(recorded.length).toBeGreaterThan(0);
		expect(recorded.length).toBeLessThan(2000);
		// Every line the gzip still held, in order, none lost before the break.
		expect(recorded.map(line => (JSON.parse(line) as {offset: string}).offset)).toEqual(recorded.map((_, n) => String(n)));
		expect(result.stderr).toContain(`recorded ${recorded.length.toLocaleString('en-US')} events`);
	});
});
