// Two servers recorded at once may hold the same stream with the same entry ids (two Redis databases, two Kafka
// clusters with the same topic: offsets collide at once). Live they are two messages each; the recording must say
// which server each came from, or its replay drops the second server's as "read twice".
import path from 'node:path';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';
import {redisSkipReason, startDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-two-servers-');

/** The events and read-twice count of `metrics --json` on these arguments. */
async function counts(args: string[]): Promise<{events: number; readTwice: number}> {
	const result = await runCli(['metrics', ...args, '--json'], {cwd: temp.path});
	expectReadToNow(result);
	const {events, readTwice} = JSON.parse(result.stdout) as {events: number; readTwice: number};
	return {events, readTwice};
}

describe.skipIf(redisSkipReason({dedicated: true}))('a recording of two servers with the same stream', () => {
	it('keeps the events of both, as the live run counted them', async () => {
		const servers = [await startDedicatedRedis(), await startDedicatedRedis()];
		const stream = uniqueName('it:two');
		try {
			for (const [n, server] of servers.entries()) {
				const client = new Redis(server.url);
				await client.xadd(stream, '1-1', 'data', JSON.stringify({eventType: 'OrderCreated', orderId: `O-${n}`, timestamp: '2026-12-06T08:00:00Z'}));
				await client.xadd(stream, '1-2', 'data', JSON.stringify({eventType: 'PaymentAuthorized', orderId: `O-${n}`, timestamp: '2026-12-06T08:00:01Z'}));
				client.disconnect();
			}

			const sources = servers.flatMap(server => ['--source', `${server.url}?streams=${stream}`]);
			const live = [...sources, '--from', 'earliest', ...toNow()];
			expect(await counts(live)).toEqual({events: 4, readTwice: 0});
			const recording = path.join(temp.path, 'two.jsonl');
			const recorded = await runCli(['record', ...live, '-o', recording], {cwd: temp.path});
			expectReadToNow(recorded);
			expect(recorded.stderr).toContain('recorded 4 events');
			expect(await counts([recording])).toEqual({events: 4, readTwice: 0});
		} finally {
			await Promise.all(servers.map(async server => server.stop()));
		}
	});
});
