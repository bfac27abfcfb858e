// `monitor --headless --to now` on Redis, as a subprocess: it reads what the streams held when it started and stops
// by itself with its summary, as every other headless command does with `--to now`; the next run on the same store
// resumes and again stops at where the streams end then. Before, monitor refused `--to` whatever its mode (exit 2).
// The TUI still refuses it, and says why: it reads on until one quits it.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-redis-monitor-to-now-');

/** The events a `monitor` summary says the run read (`monitor finished: N events, …`). */
function eventsRead(stdout: string): number {
	const count = /^monitor finished: ([\d,]+) events?,/m.exec(stdout)?.[1];
	expect(count, stdout).toBeDefined();
	return Number(count!.replaceAll(',', ''));
}

describe.skipIf(redisSkipReason())('monitor --headless --to now on Redis', () => {
	const server = useRedis();

	it('reads what the streams held at its start and stops with its summary, a writer going on; the next run resumes', async () => {
		const stream = uniqueName('it:monitor-to-now');
		const url = `${server.url}?streams=${stream}`;
		const dataDir = path.join(temp.path, uniqueName('store'));
		const pipeline = server.client.pipeline();
		for (let n = 0; n < 25; n++) pipeline.xadd(stream, '*', 'data', JSON.stringify({eventType: 'OrderPlaced', orderId: `ORD-${n}`}));
		await pipeline.exec();
		let writing = true;
		// Paced (about 50 a second): entries keep coming after the run started, and it must not wait for them.
		const writer = (async () => {
			for (let n = 0; writing; n++) {
				await server.client.xadd(stream, '*', 'data', JSON.stringify({eventType: 'OrderPlaced', orderId: `LATE-${n}`}));
				await new Promise(resolve => setTimeout(resolve, 20));
			}
		})();
		let first: number;
		try {
			const before = await server.client.xlen(stream);
			const run = await runCli(['monitor', '--headless', '--source', url, '--data-dir', dataDir, '--from', 'earliest', ...toNow()], {cwd: temp.path});
			const after = await server.client.xlen(stream);
			expectReadToNow(run);
			first = eventsRead(run.stdout);
			expect(first).toBeGreaterThanOrEqual(before);
			expect(first).toBeLessThan(after);
		} finally {
			writing = false;
			await writer;
		}

		// The next run on the same store resumes where this one stopped and reads up to where the stream ends now.
		const again = await runCli(['monitor', '--headless', '--source', url, '--data-dir', dataDir, ...toNow()], {cwd: temp.path});
		expectReadToNow(again);
		expect(eventsRead(again.stdout)).toBe(await server.client.xlen(stream) - first);

		// With the alerts on standard output instead of the summary, it stops the same way.
		const alerts = await runCli(['monitor', '--alerts-out', '-', '--source', url, '--from', 'earliest', '--ephemeral', ...toNow()], {cwd: temp.path});
		expectReadToNow(alerts);
	}, limit(120_000));

	it('refuses --to in the TUI, saying why', async () => {
		const run = await runCli(['monitor', '--source', `${server.url}?streams=${uniqueName('it:monitor-tui')}`, '--to', 'now'], {cwd: temp.path});
		expect(run.code).toBe(2);
		expect(run.stderr).toContain('the TUI reads on until you quit it');
	}, limit(60_000));
});
