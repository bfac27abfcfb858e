// A filtered scan of the whole store, newest first, in slices, bounded, saying how far back it looked.
import {describe, expect, it} from 'vitest';
import {StoreSearch} from '../../../source/core/queries/search.js';
import {envelope, open, tempDirectory} from './helpers.js';

/** 100 events, every tenth an error, received one second apart. */
async function storeOfHundred() {
	const store = open(tempDirectory());
	await store.putBatch(Array.from({length: 100}, (_, n) => envelope({eventId: `e-${n}`, receivedAt: 1_000 * (n + 1), status: n % 10 === 9 ? 'error' : 'ok'})));
	return store;
}

const isError = (event: {status: string}) => event.status === 'error';

describe('store search', () => {
	it('finds every match of the whole store across slices, newest first per slice, and says it reached the oldest event', async () => {
		const store = await storeOfHundred();
		const search = new StoreSearch(store.search.bind(store), isError, {limit: 1000, maxScanned: 1000, slice: 7});
		const found = [];
		let steps = 0;
		while (!search.done) {
			found.unshift(...search.step());
			steps++;
		}

		expect(steps).toBe(Math.ceil(100 / 7));
		expect(found.map(event => event.receivedAt)).toEqual(Array.from({length: 10}, (_, n) => 10_000 * (n + 1)));
		expect(search).toMatchObject({found: 10, scanned: 100, reachedOldest: true, oldestReceivedAt: 1_000, newestSeq: found.at(-1)!.seq});
	});

	it('stops after maxScanned events and says how far back it looked', async () => {
		const store = await storeOfHundred();
		const search = new StoreSearch(store.search.bind(store), isError, {limit: 1000, maxScanned: 25, slice: 10});
		const found = [];
		while (!search.done) found.unshift(...search.step());
		expect(found.map(event => event.receivedAt)).toEqual([80_000, 90_000, 100_000]);
		expect(search).toMatchObject({scanned: 25, reachedOldest: false, oldestReceivedAt: 76_000});
	});

	it('stops after limit matches', async () => {
		const store = await storeOfHundred();
		const search = new StoreSearch(store.search.bind(store), isError, {limit: 2, maxScanned: 1000, slice: 1000});
		expect(search.step().map(event => event.receivedAt)).toEqual([90_000, 100_000]);
		expect(search).toMatchObject({done: true, found: 2, scanned: 11, reachedOldest: false});
	});

	it('on an empty store is done at once, having looked at everything', async () => {
		const store = open(tempDirectory());
		const search = new StoreSearch(store.search.bind(store), isError, {limit: 10, maxScanned: 10, slice: 10});
		expect(search.step()).toEqual([]);
		expect(search).toMatchObject({done: true, scanned: 0, reachedOldest: true, newestSeq: 0});
	});
});
