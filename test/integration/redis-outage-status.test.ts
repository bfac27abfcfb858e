// The Redis Streams source's state after an outage shorter than its silence limit: connected from the moment reads
// work again, and not taken for silent later. ioredis armed its socket timeout for a command sent before the outage
// and let it fire on the connection made after it (patches/ioredis+5.11.1.patch), which the TUI drew as a break.
import {setTimeout as delay} from 'node:timers/promises';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(redisSkipReason({dedicated: true}))('Redis Streams source: the state after an outage', () => {
	const redis = useDedicatedRedis({persist: true});

	it('stays connected once reads work again, through the time a command sent before the outage would have timed out', async () => {
		const stream = uniqueName('it:outage-state');
		const writer = new Redis(redis.server.url, {maxRetriesPerRequest: null, retryStrategy: () => 50});
		writer.on('error', () => undefined);
		await writer.xadd(stream, '*', 'n', '0');
		// Silence is taken for a dead connection after 2 s (2.5 s on the reader, past its 500 ms block).
		const reader = new Reader(redisStreamsSource(`${redis.server.url}?streams=${stream}`, {from: 'earliest', blockMs: 500, silenceMs: 2000}));
		try {
			await reader.waitFor(1);
			await reader.waitForState('connected', limit(10_000));
			await redis.server.down();
			await reader.waitForState('reconnecting', limit(10_000));
			await delay(800);
			await redis.server.up();
			let written = 1;
			const writing = setInterval(() => void writer.xadd(stream, '*', 'n', String(written++)), 50);
			try {
				await reader.waitForState('connected', limit(10_000));
				// Past the silence limit counted from the last command sent before the outage: said every 20 ms.
				const said: string[] = [];
				for (let sample = 0; sample < 200; sample++) {
					const {state, error} = reader.source.health();
					const now = `${state}${error === undefined ? '' : `: ${error}`}`;
					if (said.at(-1) !== now) said.push(now);
					await delay(20);
				}

				expect(said).toEqual(['connected']);
			} finally {
				clearInterval(writing);
			}

			await reader.waitFor(written);
			const numbers = reader.events.map(event => Number((event.value as {n: string}).n));
			expect(numbers).toEqual(Array.from({length: written}, (_, index) => index));
		} finally {
			await reader.close();
			writer.disconnect();
		}
	}, limit(60_000));
});
