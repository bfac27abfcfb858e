// The Redis Streams source through a server restart during a blocking XREAD: the read is sent again with the same
// ids, so nothing is lost and nothing is read twice.
import {Redis} from 'ioredis';
import {describe, expect, it, vi} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {addNumbered, redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {startStallProxy} from '../support/stall-proxy.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';
import {watchReads} from '../support/redis-reads.js';

const skipReason = redisSkipReason({dedicated: true});

describe.skipIf(skipReason)('Redis Streams source across a server restart', () => {
	// Persistent, so the entries written before the restart are still there after it, as on a real server.
	const redis = useDedicatedRedis({persist: true});

	/** XADD n = first … first+count−1 with a short-lived client (the server goes away in between). */
	const add = async (stream: string, first: number, count: number) => addNumbered(redis.server.url, stream, first, count);

	it('reconnects after a restart during a blocking read, losing and doubling nothing', async () => {
		const stream = uniqueName('it:restart');
		await add(stream, 0, 100);
		// A short-lived client, as for the writes: the server goes away in between.
		const client = new Redis(redis.server.url);
		const [[lastId]] = await client.xrevrange(stream, '+', '-', 'COUNT', 1) as [[string]];
		const watch = await watchReads(client);
		const reader = new Reader(redisStreamsSource(`${redis.server.url}?streams=${stream}`, {from: 'earliest', blockMs: 5000}));
		try {
			await reader.waitFor(100);
			// The server has the XREAD after the last entry (blocking 5 s, nothing comes): the source is blocked in it when
			// the server goes. Seen on the server, not assumed 300 ms on.
			await watch.readPast({[stream]: lastId});
		} finally {
			watch.stop();
			client.disconnect();
		}

		await redis.server.down();
		await expect.poll(() => reader.source.health().state, {timeout: limit(10_000)}).toBe('reconnecting');
		await redis.server.up();
		await add(stream, 100, 100);
		await reader.waitFor(200);
		await noMoreWithin(500);
		// Both connections come back, each after its own back-off: the state says connected once both have.
		await reader.waitForState('connected', limit(10_000));
		await reader.close();

		const numbers = reader.events.map(event => Number((event.value as {n: string}).n));
		expect(numbers).toEqual(Array.from({length: 200}, (_, index) => index));
	}, limit(60_000));

	it('says connected again when commands failed on a live connection (a demoted server) and then worked', async () => {
		const stream = uniqueName('it:demoted');
		await add(stream, 0, 10);
		const reader = new Reader(redisStreamsSource(`${redis.server.url}?streams=${stream}`, {from: 'earliest', blockMs: 2000}));
		await reader.waitFor(10);
		const admin = new Redis(redis.server.url);
		try {
			// Made a replica of a master that is not there, and told not to serve stale data: the blocked XREAD is cut
			// (UNBLOCKED) and every read is refused (MASTERDOWN), on connections that stay up; then a master again.
			await admin.config('SET', 'replica-serve-stale-data', 'no');
			await admin.call('REPLICAOF', '127.0.0.1', '9');
			await reader.waitForState('reconnecting', limit(10_000));
			await vi.waitFor(() => expect(reader.source.health().error).toMatch(/MASTERDOWN/), {timeout: limit(10_000)});
			await admin.call('REPLICAOF', 'NO', 'ONE');
			await admin.config('SET', 'replica-serve-stale-data', 'yes');
		} finally {
			admin.disconnect();
		}

		await add(stream, 10, 10);
		await reader.waitFor(20);
		await reader.waitForState('connected', limit(10_000));
		expect(reader.source.health().error).toBeUndefined();
		await reader.close();
		expect(reader.events.map(event => Number((event.value as {n: string}).n))).toEqual(Array.from({length: 20}, (_, index) => index));
}, limit(60_000));

	it('says a server that goes silent (a partition, a stopped process) is not connected, and reads on when it answers', async () => {
		const stream = uniqueName('it:silent');
		await add(stream, 0, 10);
		const proxy = await startStallProxy('127.0.0.1', Number(new URL(redis.server.url).port));
		const reader = new Reader(redisStreamsSource(`redis://127.0.0.1:${proxy.port}?streams=${stream}`, {from: 'earliest', blockMs: 200, silenceMs: 1000}));
		try {
			await reader.waitFor(10);
			await reader.waitForState('connected', limit(10_000));
			proxy.stall();
			await reader.waitForState('reconnecting', limit(10_000));
			expect(reader.source.health().error).toMatch(/no reply from the server/);
			await add(stream, 10, 10);
			// Connections made while it is silent are accepted and hear nothing: none of them is called connected.
			const seen = new Set<string>();
			const said = new Set<string | undefined>();
			for (let sample = 0; sample < 60; sample++) {
				const health = reader.source.health();
				seen.add(health.state);
				said.add(health.error);
				await noMoreWithin(50);
			}

			expect([...seen]).toEqual(['reconnecting']);
			// In words, whichever connection or command heard nothing (the reader waits its block longer).
			for (const error of said) expect(error).toMatch(/^no reply from the server in (1,200 ms|1s): connecting again$/);
			proxy.resume();
			await reader.waitFor(20);
			await reader.waitForState('connected', limit(10_000));
			await noMoreWithin(500);
		} finally {
			await reader.close();
			await proxy.close();
		}

		expect(reader.events.map(event => Number((event.value as {n: string}).n))).toEqual(Array.from({length: 20}, (_, index) => index));
	}, limit(60_000));
});
