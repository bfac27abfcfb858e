// A message nested thousands of levels deep (a JSON parser accepts it) among valid events: every command keeps
// all of them, the deep one as its original text, and a restarted monitor does not fail on it again.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {deepArrayText, deepValueText, orderValue} from '../support/deep-json.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-deep-');
const depth = 10_000;

/** 104 valid envelope lines with `poison` as line 53 (after 52 of them). */
function recordingWith(poison: string): string {
	const lines = Array.from({length: 104}, (_, n) => JSON.stringify({topic: 'orders', offset: String(n), value: orderValue(n), timestamp: 1_700_000_000_000 + n}));
	lines.splice(52, 0, poison);
	return `${lines.join('\n')}\n`;
}

/** Write `text` to a file in the temp dir and return its path. */
function file(name: string, text: string): string {
	const target = path.join(temp.path, name);
	fs.writeFileSync(target, text);
	return target;
}

const deepValue = deepValueText('ORD-DEEP', depth);
const deepValueLine = `{"topic":"orders","offset":"deep","value":${deepValue},"timestamp":1700000000052}`;
const deepHeadersLine = `{"topic":"orders","offset":"deep","value":{"orderId":"ORD-DEEP"},"headers":{"trace":${deepArrayText(depth)},"plain":"p"},"timestamp":1700000000052}`;

describe('metrics on 104 valid events and one nested 10,000 levels deep', () => {
	// A line may claim any encoding for its value: the value is still JSON that nests that deep.
	const claimedTextLine = `{"topic":"orders","offset":"deep","value":${deepArrayText(depth)},"valueEncoding":"text","timestamp":1700000000052}`;
	const barePayloadLine = `{"event_type":"OrderCreated","orderId":"ORD-DEEP","nest":${deepArrayText(depth)}}`;
	it.each([['value', deepValueLine], ['headers', deepHeadersLine], ['value claimed text', claimedTextLine], ['bare payload', barePayloadLine]])('counts all 105 with deep %s (rc 0, nothing malformed)', async (what, line) => {
		const input = file(`deep-${what}.jsonl`, recordingWith(line));
		const result = await runCli(['metrics', input, '--json'], {cwd: temp.path});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({events: 105, malformed: 0});
	});
});

describe('a value nested 10,000 levels deep among 104 valid events', () => {

	it('is recorded with every other event, its value written as its original text', async () => {
		const input = file('deep-value.jsonl', recordingWith(deepValueLine));
		const out = path.join(temp.path, 'deep-value.out.jsonl');
		const result = await runCli(['record', input, '-o', out], {cwd: temp.path});
		expect(result.code).toBe(0);
		const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
		expect(lines).toHaveLength(106);
		expect(lines[53]).toContain(`"value":${deepValue},`);
		expect(lines[53]).not.toContain('valueEncoding');
	});

	it('is found by audit query by its id, its value shown as its text and marked json-deep', async () => {
		const input = file('deep-value.jsonl', recordingWith(deepValueLine));
		const result = await runCli(['audit', 'query', input, '--id', 'ORD-DEEP', '--format', 'json', '--show-pii'], {cwd: temp.path});
		expect(result.code).toBe(0);
		const record = JSON.parse(result.stdout) as {events: number; chain: Array<{value: unknown; valueEncoding?: string}>};
		expect(record.events).toBe(1);
		expect(record.chain[0]).toMatchObject({value: deepValue, valueEncoding: 'json-deep'});
	});

	it('leaves a store that opens again with the deep event in it (no poison-message loop)', async () => {
		const input = file('deep-value.jsonl', recordingWith(deepValueLine));
		const dataDir = path.join(temp.path, 'monitor-store');
		const result = await runCli(['monitor', '--source', input, '--data-dir', dataDir, '--alerts-out', '-'], {cwd: temp.path});
		expect(result.stderr).not.toContain('error');
		expect(result.code).toBe(0);
		// A recording is read into a fresh store each run, so the store is opened again by a reader.

		const audit = await runCli(['audit', 'query', '--data-dir', dataDir, '--id', 'ORD-DEEP', '--format', 'json'], {cwd: temp.path});
		expect(audit.code).toBe(0);
		expect(JSON.parse(audit.stdout)).toMatchObject({events: 1});
	});
});

describe('headers nested 10,000 levels deep among 104 valid events', () => {
	it('are recorded as their JSON text, with the event and all the others', async () => {
		const input = file('deep-headers.jsonl', recordingWith(deepHeadersLine));
		const out = path.join(temp.path, 'deep-headers.out.jsonl');
		expect((await runCli(['record', input, '-o', out], {cwd: temp.path})).code).toBe(0);
		const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
		expect(lines).toHaveLength(106);
		const deep = JSON.parse(lines[53]!) as {headers: Record<string, string>};
		expect(deep.headers).toEqual({trace: deepArrayText(depth), plain: 'p'});
	});
});
