// A stream that appears during a run is found by the next pattern scan (every 5 s): the entries written to it
// meanwhile were delivered by Redis at once, and the monitor's wait for its scan is not their delivery time
// (docs/event-model.md, "receivedAt"). `metrics` on a live Redis, the stream made after the run's first scan.
import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {startCli} from '../support/cli.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {watchReads} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';

const temp = useTempDir('pubsub-redis-new-stream-');

describe.skipIf(redisSkipReason())('a Redis stream made during a run', () => {
	const redis = useRedis();

	it('counts its first entries delivered when Redis took them, not when the pattern scan found the stream', async () => {
		const prefix = uniqueName('it:new-stream');
		const stream = `${prefix}:new`;
		// The run's scans and reads are seen on a MONITOR connection: the stream is made just after its first scan, and the
		// run is stopped once it has read the stream's entries (a scan every 5 s: a fixed --duration was too short under load).
		const watch = await watchReads(redis.client);
		const scanned = watch.sent(args => args[0]?.toLowerCase() === 'scan' && args.includes(`${prefix}:*`));
		const run = startCli(['metrics', '--source', `${redis.url}?streams=${prefix}:*`, '--duration', backstopDuration(100), '--json', '--data-dir', temp.path], {cwd: temp.path});
		try {
			await scanned;
			await delay(500);
			// Ids given, each 100 ms after its event's timestamp: Redis took each entry 100 ms after it happened, however
			// long this machine takes to send it (the run's wait for its scan is seconds).
			const takenAt = Date.now();
			let last = '';
			for (let n = 0; n < 5; n++) last = (await redis.client.xadd(stream, `${takenAt}-${n + 1}`, 'data', JSON.stringify({eventType: 'Ping', n, timestamp: takenAt - 100})))!;
			// Ended by Ctrl-C once read (or by --duration, and then the counts below say what was missed).
			await Promise.race([watch.readPast({[stream]: last}), run.exited]);
			run.child.kill('SIGINT');
			const result = await run.exited;
			expect(result.code, result.stderr).toBe(0);
			const {topics} = JSON.parse(result.stdout) as {topics: Record<string, {count: number; delivery: {p99: number}}>};
			expect(topics[stream]?.count).toBe(5);
			// Found about 4.5 s after they were written (more on a loaded machine); delivered 100 ms after they happened.
			expect(topics[stream]!.delivery.p99).toBeGreaterThanOrEqual(90);
			expect(topics[stream]!.delivery.p99).toBeLessThan(1000);
		} finally {
			watch.stop();
			run.child.kill();
		}
	}, limit(120_000));
});
