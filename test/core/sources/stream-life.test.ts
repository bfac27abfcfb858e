// Whether a Redis stream is still the one read up to a position (stream-life.ts), against replies given by the test:
// a capped stream trimmed past the position between the look (XINFO STREAM) and the XREVRANGE after it is not taken
// for one whose ids went back.
import {describe, expect, it} from 'vitest';
import type {RedisClient} from '../../../source/core/sources/redis/cluster.js';
import {changedStreams} from '../../../source/core/sources/redis/stream-life.js';

/** XINFO STREAM of a stream given entries 1-1 to 9-1, holding 3-1 to 9-1 (trimmed, no XDEL). */
const look = ['length', 7, 'last-generated-id', '9-1', 'max-deleted-entry-id', '0-0', 'entries-added', 9, 'recorded-first-entry-id', '3-1', 'first-entry', ['3-1', ['n', '3']], 'last-entry', ['9-1', ['n', '9']]];

/** A client answering XINFO STREAM with `look`, and XREVRANGE with `newest` (the entries held up to the position). */
const client = (newest: unknown[]) => ({
	async call(command: string) {
		if (command === 'XINFO') return look;
		if (command === 'XREVRANGE') return newest;
		return [];
	},
}) as unknown as RedisClient;

describe('changedStreams', () => {
	const held = [{stream: 's', key: 's', position: '5-1'}];

	it('a stream written past the position that no longer holds the entry read there went back (to the newest it holds before it)', async () => {
		expect(await changedStreams(client([['4-1', ['n', '4']]]), held)).toMatchObject([{stream: 's', change: 'went back', lastId: '4-1', writtenPast: true}]);
	});

	it('a stream holding the entry read at the position has not changed', async () => {
		expect(await changedStreams(client([['5-1', ['n', '5']]]), held)).toEqual([]);
	});

	it('a stream that holds nothing up to the position by the XREVRANGE after the look was trimmed past it meanwhile: not gone back', async () => {
		expect(await changedStreams(client([]), held)).toEqual([]);
	});
});
