// Entries a Redis stream held when a run began (--from earliest, or after a resumed position), deleted before the run
// read them: counted and said however early they go, even before the first XREAD; those gone before the run began are
// not blamed on it. The
// source against a real server, held between its discovery and its first XREAD (it hands out the start positions
// first).
import {describe, expect, it, vi} from 'vitest';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import type {Source} from '../../source/core/sources/source.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {noMoreWithin, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(redisSkipReason())('Redis source: entries deleted before the first read', () => {
	const server = useRedis();

	/** XADD `count` entries to `stream`, numbered from 1, in pipelines of 5,000. */
	const fill = async (stream: string, count: number) => {
		for (let from = 1; from <= count; from += 5000) {
			const pipeline = server.client.pipeline();
			for (let n = from; n < Math.min(count + 1, from + 5000); n++) pipeline.xadd(stream, '*', 'n', String(n));
			await pipeline.exec();
		}
	};

	/** The source's gaps that say entries were deleted before they were read. */
	const unreadSaid = (source: Source) => (source.health().gaps ?? []).filter(gap => gap.includes('before they were read'));

	/**
	 * Trim `stream` to its last 1,000 entries once the run has begun (`batches` handed out its start positions), read
	 * on until the source closes, and check it read those 1,000 and said `deleted` entries were deleted unread.
	 */
	const trimAndRead = async (source: Source, batches: AsyncIterator<{events: Array<{value: unknown}>}>, stream: string, deleted: string) => {
		await server.client.xtrim(stream, 'MAXLEN', 1000);
		// Read on (the source reads as its batches are taken) until the source closes.
		const read: string[] = [];
		const reading = (async () => {
			for (let next = await batches.next(); !next.done; next = await batches.next()) read.push(...next.value.events.map(event => (event.value as {n: string}).n));
		})();
		await vi.waitFor(() => expect(read).toHaveLength(1000), {timeout: limit(10_000), interval: 50});
		expect(read[0]).toBe('19001');
		// Said once the stream is looked at after the read (the next XREAD).
		await vi.waitFor(() => expect(unreadSaid(source)).toEqual([expect.stringContaining(`${deleted} entries of stream ${stream} were deleted (XTRIM, MAXLEN or XDEL) before they were read`)]), {timeout: limit(10_000), interval: 50});
		await source.close();
		await reading;
	};

	it('--from earliest: entries trimmed after the run began, before its first XREAD, are counted and said', async () => {
		const stream = uniqueName('it:unread-start');
		await fill(stream, 20_000);
		const source = redisStreamsSource(`${server.url}?streams=${stream}`, {from: 'earliest', blockMs: 100});
		const batches = source.batches()[Symbol.asyncIterator]();
		try {
			// The start positions, handed out before anything is read: the run has begun, nothing is read yet.
			const first = await batches.next();
			expect(first.value).toMatchObject({events: [], positions: {[stream]: '0-0'}});
			await trimAndRead(source, batches, stream, '19,000');
		} finally {
			await source.close();
			await server.client.del(stream);
		}
	}, limit(60_000));

	it('resumed inside a backlog: entries trimmed after the run began, before its first XREAD, are counted from what was waiting', async () => {
		const [stream, other] = [uniqueName('it:unread-resume'), uniqueName('it:unread-new')];
		await fill(stream, 20_000);
		// Resumed after the 1,000th entry: 19,000 wait unread.
		const saved = (await server.client.xrange(stream, '-', '+', 'COUNT', 1000)).at(-1)![0];
		const source = redisStreamsSource(`${server.url}?streams=${stream},${other}`, {from: 'earliest', blockMs: 100});
		const batches = source.batches({[stream]: saved})[Symbol.asyncIterator]();
		try {
			// A stream new to the run (not there yet) has its start handed out before anything is read: the run has begun.
			const first = await batches.next();
			expect(first.value).toMatchObject({events: [], positions: {[stream]: saved, [other]: '0-0'}});
			// Entries 1,001 to 19,000 waited for this run and were deleted before it read them.
			await trimAndRead(source, batches, stream, '18,000');
		} finally {
			await source.close();
			await server.client.del(stream, other);
		}
	}, limit(60_000));

	it('--from earliest: entries trimmed before the run began are not said ("earliest" is what is there then)', async () => {
		const stream = uniqueName('it:trimmed-before');
		await fill(stream, 20_000);
		await server.client.xtrim(stream, 'MAXLEN', 1000);
		const source = redisStreamsSource(`${server.url}?streams=${stream}`, {from: 'earliest', blockMs: 100});
		const read: string[] = [];
		try {
			for await (const batch of source.batches()) {
				read.push(...batch.events.map(event => (event.value as {n: string}).n));
				if (read.length >= 1000) break;
			}

			expect(read[0]).toBe('19001');
			// Several XREADs (each looked at before) find nothing more deleted.
			await noMoreWithin(500);
			expect(unreadSaid(source)).toEqual([]);
		} finally {
			await source.close();
			await server.client.del(stream);
		}
	}, limit(60_000));
});
