// A stream the Redis source reads is deleted and made again as another type (DEL then SET) while it runs: every XREAD
// naming it fails with WRONGTYPE. The source says so once, reads the other streams on, and reads the key again
// when discovery finds it a stream again. Against a real server.
import {describe, expect, it, vi} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(redisSkipReason())('Redis source: a stream that becomes another type', () => {
	const server = useRedis();

	for (const [how, selection] of [['matched by a pattern', (prefix: string) => `${prefix}:*`], ['named', (prefix: string) => `${prefix}:a,${prefix}:b`]] as const) {
		it(`${how}: said once, dropped, the other stream read on, read again once a stream again`, async () => {
			const prefix = uniqueName('it-retyped');
			const [a, b] = [`${prefix}:a`, `${prefix}:b`];
			try {
				await server.client.xadd(a, '*', 'n', '1');
				await server.client.xadd(b, '*', 'n', '2');
				const source = redisStreamsSource(`${server.url}?streams=${selection(prefix)}`, {from: 'earliest', blockMs: 100, discoveryIntervalMs: 1500});
				const reader = new Reader(source);
				await reader.waitFor(2, limit(10_000));

				await server.client.del(a);
				await server.client.set(a, 'not a stream');
				const said = () => (source.health().notices ?? []).filter(notice => notice.includes(`"${a}"`));
				await vi.waitFor(() => expect(said()).toEqual([expect.stringMatching(/is a string, not a stream: it was one, made again as another type/)]), {timeout: limit(10_000), interval: 50});
				await server.client.xadd(b, '*', 'n', '3');
				await reader.waitFor(3, limit(10_000));
				// Discovery came by (every 1.5 s) and said nothing more.
				await noMoreWithin(2000);
				expect(said()).toHaveLength(1);
				expect(source.health().state).toBe('connected');

				await server.client.del(a);
				await server.client.xadd(a, '*', 'n', '4');
				await reader.waitFor(4, limit(10_000));
				expect(said()).toEqual([]);
				await server.client.xadd(b, '*', 'n', '5');
				await reader.waitFor(5, limit(10_000));
				await reader.close();
				expect(reader.events.map(event => [event.topic, (event.value as {n: string}).n]).sort((x, y) => Number(x[1]) - Number(y[1]))).toEqual([[a, '1'], [b, '2'], [b, '3'], [a, '4'], [b, '5']]);
			} finally {
				await server.client.del(a, b);
			}
		}, limit(60_000));
	}
});
