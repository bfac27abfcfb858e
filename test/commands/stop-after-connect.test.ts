// Ctrl-C just after a live source connected, with nothing to read: the run reached it. The sources' health was looked
// at every 250 ms and only then counted as reached; closed by the stop before the next look, a connected Redis was
// reported "could not reach … before the run ended: no answer" with exit 1 (seen under load on a resumed quiet run).
import {describe, expect, it} from 'vitest';
import {startCli} from '../support/cli.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {watchReads} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from '../integration/reader.js';
import {backstopDuration, limit} from '../support/limits.js';

const temp = useTempDir('pubsub-stop-after-connect-');

describe.skipIf(redisSkipReason())('a stop just after the source connected', () => {
	const redis = useRedis();

	it('is a run that reached it: exit 0, no "could not reach"', async () => {
		const stream = uniqueName('it:quiet');
		await redis.client.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping'}));
		const watch = await watchReads(redis.client);
		// Its first XREAD (from latest: nothing to read) is sent once it connected; Ctrl-C as soon as it is seen.
		const firstRead = watch.sent(args => args[0]?.toUpperCase() === 'XREAD' && args.includes(stream));
		const run = startCli(['metrics', '--source', `${redis.url}?streams=${stream}`, '--duration', backstopDuration(100), '--json'], {cwd: temp.path});
		try {
			await Promise.race([firstRead, run.exited]);
			run.child.kill('SIGINT');
			const result = await run.exited;
			expect(result.stderr).not.toContain('could not reach');
			expect(result.code, result.stderr).toBe(0);
			expect(JSON.parse(result.stdout)).toMatchObject({events: 0});
		} finally {
			watch.stop();
			run.child.kill();
			await redis.client.del(stream);
		}
	}, limit(120_000));
});
