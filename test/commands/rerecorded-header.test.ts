// `record` of a recording wrote its own path as the header's `source` and its own --filter alone: where the events
// came from (a Kafka cluster, the filter they were first picked with) was lost at the first copy.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-rerecorded-header-');

const header = JSON.stringify({$recording: {version: 1, createdAt: '2026-11-21T10:00:00.000Z', source: 'kafka://ops:s3cret@broker:9092', filter: 'orderId:ORD-1'}});
const events = [
	JSON.stringify({topic: 'orders', value: {orderId: 'ORD-1', status: 'ok'}, timestamp: '2026-11-21T09:59:00.000Z'}),
	JSON.stringify({topic: 'orders', value: {orderId: 'ORD-1', status: 'error'}, timestamp: '2026-11-21T09:59:01.000Z'}),
];

/** The header line of a recording `record` wrote. */
function headerOf(file: string): unknown {
	return JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[0]!);
}

describe('record of a recording', () => {
	it('carries its source (credentials masked) and filter on, with its own filter after, and names the recording read', async () => {
		const input = path.join(temp.path, 'incident.jsonl');
		fs.writeFileSync(input, `${[header, ...events].join('\n')}\n`);
		const output = path.join(temp.path, 'errors.jsonl');
		const result = await runCli(['record', input, '--filter', 'status:error', '-o', output]);
		expect(result.code, result.stderr).toBe(0);
		expect(headerOf(output)).toEqual({$recording: {version: 1, createdAt: expect.any(String) as string, source: 'kafka://***@broker:9092', filter: 'orderId:ORD-1 status:error', recordedFrom: input}});
		// And a copy of the copy says the same of the events, and that it was read from the copy.
		const again = path.join(temp.path, 'again.jsonl');
		expect((await runCli(['record', output, '-o', again])).code).toBe(0);
		expect(headerOf(again)).toMatchObject({$recording: {source: 'kafka://***@broker:9092', filter: 'orderId:ORD-1 status:error', recordedFrom: output}});
	});

	it('lines without a header, from standard input: the source is the input, which the header names', async () => {
		const output = path.join(temp.path, 'from-stdin.jsonl');
		const result = await runCli(['record', '-', '-o', output], {stdin: `${events.join('\n')}\n`});
		expect(result.code, result.stderr).toBe(0);
		expect(headerOf(output)).toEqual({$recording: {version: 1, createdAt: expect.any(String) as string, source: '-', recordedFrom: '-'}});
	});
});
