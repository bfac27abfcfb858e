// The Redis Streams source on many streams behind a distant server: where each new stream starts is asked in one
// round trip for all of them, not one each (a thousand streams 20 ms away took 20 s to start, past --connect-timeout).
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {startStallProxy, type StallProxy} from '../support/stall-proxy.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(redisSkipReason())('Redis Streams source: many streams on a distant server', () => {
	const server = useRedis();
	const prefix = uniqueName('it:many');
	let proxy: StallProxy;

	beforeAll(async () => {
		const writes = server.client.pipeline();
		for (let n = 0; n < 1000; n++) writes.xadd(`${prefix}:${n}`, '*', 'n', String(n));
		await writes.exec();
		const url = new URL(server.url);
		proxy = await startStallProxy(url.hostname, Number(url.port));
		proxy.delay(20);
	});

	afterAll(async () => {
		await proxy?.close();
	});

	it('starts a thousand streams at their newest entry in a few round trips, and reads what comes after', async () => {
		const url = new URL(server.url);
		url.port = String(proxy.port);
		const readsBefore = proxy.reads();
		const reader = new Reader(redisStreamsSource(`${url.href.replace(/\/$/, '')}?streams=${prefix}:*`, {}));
		try {
			await reader.waitForState('connected', limit(60_000));
			// Round trips counted, not timed (a loaded machine stretches any time): a request per stream, each waiting
			// for its reply, would take 1,000 of them (20 s at 20 ms each).
			expect(proxy.reads() - readsBefore).toBeLessThan(100);
			await server.client.xadd(`${prefix}:999`, '*', 'n', 'after');
			await reader.waitFor(1);
			expect(reader.events.map(event => [event.topic, (event.value as {n: string}).n])).toEqual([[`${prefix}:999`, 'after']]);
		} finally {
			await reader.close();
		}
	}, limit(90_000));
});
