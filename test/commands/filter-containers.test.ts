// `--filter` and `--where` look for fields where the configuration's fields.containers say, as `--group-by` does:
// with `containers: [body]`, `amount>0` finds `body.amount`. `record` and `query` run as subprocesses.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-filter-containers-');

/** The configuration and a recording of two payments, their amounts (5 and 0) inside `body`; the recording's path. */
function files(): string {
	fs.writeFileSync(path.join(temp.path, 'pubsub-tools.config.yaml'), 'fields:\n  containers: [body]\n');
	const payment = (id: string, amount: number, time: string) => JSON.stringify({topic: 'payments', value: {eventType: 'PaymentCaptured', orderId: id, body: {amount}}, timestamp: time});
	const recording = path.join(temp.path, 'body.jsonl');
	fs.writeFileSync(recording, `${payment('ORD-B-1', 5, '2026-12-07T10:00:00.000Z')}\n${payment('ORD-B-2', 0, '2026-12-07T10:00:01.000Z')}\n`);
	return recording;
}

describe('filters under configured containers', () => {
	it('record --filter keeps the events whose field inside a configured container matches', async () => {
		const recording = files();
		const output = path.join(temp.path, 'kept.jsonl');
		const result = await runCli(['record', recording, '-o', output, '--filter', 'amount>0'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const kept = fs.readFileSync(output, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {value?: {orderId?: string}});
		expect(kept.flatMap(line => line.value?.orderId ?? [])).toEqual(['ORD-B-1']);
	}, limit(60_000));

	it('query --where counts the events whose field inside a configured container matches, on one thread or two', async () => {
		const recording = files();
		for (const threads of ['1', '2']) {
			const result = await runCli(['query', recording, '--group-by', 'type', '--where', 'amount>0', '--threads', threads, '--json'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			expect(JSON.parse(result.stdout), `--threads ${threads}`).toMatchObject({matched: 1, groups: {PaymentCaptured: {count: 1}}});
		}
	}, limit(60_000));
});
