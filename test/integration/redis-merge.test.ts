// The Redis Streams source on a real server with backlogs in several streams: entries come merged across streams in
// entry-id time, no stream drained ahead of the others, with exact positions to resume from.
import {describe, expect, it} from 'vitest';
import type {RawEvent} from '../../source/core/envelope.js';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import type {SourceBatch} from '../../source/core/sources/source.js';
import type {Positions} from '../../source/core/store/types.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {uniqueName} from './reader.js';

const skipReason = redisSkipReason();

/** Milliseconds, then sequence, of an entry id. */
function idParts(id: string): [number, number] {
	const [ms, sequence] = id.split('-').map(Number);
	return [ms!, sequence!];
}

/** Whether entry id a comes after b. */
function after(a: string, b: string): boolean {
	const [aMs, aSequence] = idParts(a);
	const [bMs, bSequence] = idParts(b);
	return aMs > bMs || (aMs === bMs && aSequence > bSequence);
}

describe.skipIf(skipReason)('Redis Streams source, several streams with backlogs', () => {
	const server = useRedis();

	/**
	 * Three streams filled one after another, with ids a second apart from `base`: a dense one (every second for
	 * 40 s), a sparse one (every 4 s) and one offset by 900 ms; returns every id added, in time order.
	 */
	const fill = async (prefix: string, base: number): Promise<Array<{stream: string; id: string}>> => {
		const plan: Array<{stream: string; id: string}> = [];
		for (let second = 0; second < 40; second += 4) plan.push({stream: `${prefix}:completed`, id: `${base + second * 1000 + 2187}-0`});
		for (let second = 0; second < 40; second++) plan.push({stream: `${prefix}:created`, id: `${base + second * 1000}-0`});
		for (let second = 0; second < 40; second++) plan.push({stream: `${prefix}:payment`, id: `${base + second * 1000 + 900}-0`});
		const pipeline = server.client.pipeline();
		for (const {stream, id} of plan) pipeline.xadd(stream, id, 'n', id);
		await pipeline.exec();
		return plan.sort((a, b) => (after(a.id, b.id) ? 1 : after(b.id, a.id) ? -1 : 0));
	};

	/** Pull batches until `total` events came or `stopAfter` batches were taken; then close the source. */
	const read = async (url: string, total: number, resume?: Positions, stopAfter = Infinity) => {
		const source = redisStreamsSource(url, {from: 'earliest', count: 10, blockMs: 200});
		const batches: SourceBatch[] = [];
		let events = 0;
		for await (const batch of source.batches(resume)) {
			batches.push(batch);
			events += batch.events.length;
			if (events >= total || batches.length >= stopAfter) break;
		}

		await source.close();
		return batches;
	};

	const entriesOf = (events: RawEvent[]) => events.map(event => ({stream: event.topic!, id: event.offset!}));

	it('hands out entries of every stream merged in entry-id time, the sparse stream not read ahead of the dense ones', async () => {
		const prefix = uniqueName('it:merge');
		const all = await fill(prefix, Date.now() - 3_600_000);
		const batches = await read(`${server.url}?streams=${prefix}:*`, all.length);
		const events = batches.flatMap(batch => batch.events);
		// Exactly once each, in time order across batches: the completed stream (ten entries spanning 38 s, all in
		// the first reply) is not handed out ahead of the created and payment entries before them.
		expect(entriesOf(events)).toEqual(all);
		expect(batches.length).toBeGreaterThan(1);
		// Each batch's positions are the last entry of each stream handed out so far.
		const seen = new Map<string, string>();
		for (const batch of batches) {
			for (const event of batch.events) seen.set(event.topic!, event.offset!);
			for (const [stream, id] of seen) expect(batch.positions![stream]).toBe(id);
		}
	});

	it('resumes from a batch\'s positions strictly after what it handed out: no gap, nothing twice', async () => {
		const prefix = uniqueName('it:merge-resume');
		const all = await fill(prefix, Date.now() - 7_200_000);
		const url = `${server.url}?streams=${prefix}:*`;
		const first = await read(url, all.length, undefined, 2);
		const handed = first.flatMap(batch => batch.events);
		const rest = await read(url, all.length - handed.length, first.at(-1)!.positions);
		expect(entriesOf([...handed, ...rest.flatMap(batch => batch.events)])).toEqual(all);
	});
});
