// More streams match a pattern than are read (1,000): the streams read stay the same while they exist. A scan cut
// short reaches first whatever streams sit where it looks first; streams made during the run took the place of ones
// read (a quarter of them, no longer read, their new entries lost to the run) and the streams read grew past 1,000.
// The source against a real server, in a keyspace large enough that a scan stops before its end.
import {describe, expect, it} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(redisSkipReason())('Redis source: more streams match than are read', () => {
	const server = useRedis();

	/** Run `write` for each n in [from, to), in one pipeline. */
	const each = async (from: number, to: number, write: (pipeline: ReturnType<typeof server.client.pipeline>, n: number) => void) => {
		const pipeline = server.client.pipeline();
		for (let n = from; n < to; n++) write(pipeline, n);
		await pipeline.exec();
	};

	it('reads the same 1,000 streams while streams are made, and says more match', async () => {
		const prefix = uniqueName('it:select');
		// Keys of another name around them: a scan finds 1,000 streams well before the end of the keyspace.
		await each(0, 30_000, (pipeline, n) => pipeline.set(`${prefix}-other:${n}`, '1'));
		await each(0, 1000, (pipeline, n) => pipeline.xadd(`${prefix}:${n}`, '*', 'n', String(n)));
		const reader = new Reader(redisStreamsSource(`${server.url}?streams=${prefix}:*`, {from: 'earliest', discoveryIntervalMs: 300}));
		try {
			await reader.waitFor(1000);
			const read = new Set(reader.events.map(event => event.topic));
			expect(read.size).toBe(1000);
			await each(1000, 1400, (pipeline, n) => pipeline.xadd(`${prefix}:${n}`, '*', 'n', String(n)));
			// Time is tested: several discoveries (each 300 ms) look at the streams made.
			await noMoreWithin(3000);
			expect(reader.events).toHaveLength(1000);
			expect(reader.source.health().notices).toContain('more than 1000 streams match: reading 1000 of them, the same ones for as long as they exist (name streams or narrower patterns in ?streams= to choose which)');
			// Every stream read is still read.
			await each(0, 1400, (pipeline, n) => pipeline.xadd(`${prefix}:${n}`, '*', 'n', `again ${n}`));
			await reader.waitFor(2000, limit(20_000));
			const again = reader.events.slice(1000);
			expect(new Set(again.map(event => event.topic))).toEqual(read);
		} finally {
			await reader.close();
		}
	}, limit(90_000));
});
