// Retention by count, age and size: the oldest events go, with every index entry that points at them.
import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {openStore} from '../../../source/core/store/store.js';
import {usedTarget, type RetentionLimits} from '../../../source/core/store/retention.js';
import {envelope, keepAll, open, tempDirectory, typesOf} from './helpers.js';

/** A store filled without limits, then reopened with `limits`: what retention deletes then is the test's doing. */
async function filled(batches: Envelope[][], limits: Partial<RetentionLimits>) {
	const directory = tempDirectory();
	const writer = openStore({path: directory, retention: keepAll, maxTransactionEvents: 10_000});
	for (const batch of batches) await writer.putBatch(batch);
	await writer.close();
	return {directory, store: open(directory, {retention: {...keepAll, ...limits}})};
}

describe('retention', () => {
	it('keeps the newest maxEvents events and drops every index entry of the others', async () => {
		const {directory, store} = await filled([[
			envelope({type: 'a1', ids: ['A'], offset: '1', timestamp: 1}), envelope({type: 'a2', ids: ['A'], offset: '2', timestamp: 2}),
			envelope({type: 'b1', ids: ['B'], offset: '3', timestamp: 3}), envelope({type: 'a3', ids: ['A'], offset: '4', timestamp: 4}),
			envelope({type: 'c1', ids: ['C'], offset: '5', timestamp: 5}),
		]], {maxEvents: 3});
		expect(await store.enforceRetention()).toBe(2);
		expect(store.stats().events).toBe(3);
		expect([1, 2, 3, 4, 5].map(seq => store.get(seq)?.type)).toEqual([undefined, undefined, 'b1', 'a3', 'c1']);
		expect(typesOf(store, 'A')).toEqual(['a3']);
		expect(store.recent(10).map(event => event.type)).toEqual(['b1', 'a3', 'c1']);
		expect(store.range('orders', 0, 10_000).map(event => event.type)).toEqual(['b1', 'a3', 'c1']);
		expect(await store.enforceRetention()).toBe(0);
		await store.close();
		// The read-twice entry went with the event: the same message is new again (no limits now, so that retention
		// does not make room for this batch by deleting more).
		const again = await open(directory).putBatch([envelope({type: 'a1-again', offset: '1'}), envelope({offset: '3'})]);
		expect(again.stored.map(event => event.type)).toEqual(['a1-again']);
		expect(again.stored[0]!.seq).toBe(6);
	});

	it('drops the read-twice entries of deleted events of every origin, written the fast way or not', async () => {
		const from = (origin: string, offset: string, text: boolean) => envelope({type: `${origin}@${offset}`, origin, offset, timestamp: Number(offset), ...(text ? {valueText: {text: '{"n":1}'}} : {value: {n: 1}})});
		const {directory, store} = await filled([[from('east:9092', '1', true), from('west:9092', '1', false), from('east:9092', '2', false), from('west:9092', '2', true)]], {maxEvents: 2});
		expect(await store.enforceRetention()).toBe(2);
		await store.close();
		const again = await open(directory).putBatch([from('east:9092', '1', true), from('west:9092', '1', true), from('east:9092', '2', true)]);
		expect(again.stored.map(event => event.type)).toEqual(['east:9092@1', 'west:9092@1']);
	});

	it('leaves the read-twice entry of a newer message at the offset a deleted one had (its partition started again)', async () => {
		// A text offset gets a read-twice entry of its own; the partition's restart made it name another message.
		const directory = tempDirectory();
		const writer = openStore({path: directory, retention: keepAll, maxTransactionEvents: 10_000});
		const at = (type: string, offset: string) => envelope({type, offset, partition: 0});
		await writer.putBatch([at('before', 'offset-a')]);
		const restarted = [{source: 'kafka', origin: undefined, topic: 'orders', partition: 0}];
		expect((await writer.putBatch([at('after', 'offset-a'), at('other', 'offset-b')], {sourceId: 'orders', positions: {}, restarted})).skipped).toBe(0);
		await writer.close();
		const trimmed = open(directory, {retention: {...keepAll, maxEvents: 2}});
		expect(await trimmed.enforceRetention()).toBe(1);
		await trimmed.close();
		const again = await open(directory).putBatch([at('after, read again', 'offset-a')]);
		expect(again.skipped).toBe(1);
	});

	it('keeps the topic index right when retention deletes part of a batch: gone events are skipped', async () => {
		const batch = (names: string[], receivedAt: number) => names.map((type, i) => envelope({type, topic: type[0] === 'o' ? 'orders' : 'payments', receivedAt: receivedAt + i}));
		const {store} = await filled([batch(['o1', 'p1', 'o2'], 100), batch(['o3', 'p2', 'o4'], 50)], {maxEvents: 4});
		expect(store.range('orders', 0, 1_000).map(event => event.type)).toEqual(['o3', 'o4', 'o1', 'o2']);
		expect(await store.enforceRetention()).toBe(2);
		// The first batch's payments entry is gone whole; its orders entry still holds o2.
		expect(store.range('orders', 0, 1_000).map(event => event.type)).toEqual(['o3', 'o4', 'o2']);
		expect(store.range('payments', 0, 1_000).map(event => event.type)).toEqual(['p2']);
		expect(store.recent(2, 'orders').map(event => event.type)).toEqual(['o3', 'o4']);
		expect(store.recent(9, 'payments').map(event => event.type)).toEqual(['p2']);
		expect(await store.enforceRetention()).toBe(0);
	});

	it('forgets a transaction and its ids once its last event is gone, also after a merge', async () => {
		const {store} = await filled([
			[envelope({type: 'fraud', ids: ['TXN-1']}), envelope({type: 'order', ids: ['ORD-1']})],
			[envelope({type: 'payment', ids: ['ORD-1', 'TXN-1']})],
		], {maxEvents: 2});
		expect(await store.enforceRetention()).toBe(1);
		expect(typesOf(store, 'TXN-1')).toEqual(['order', 'payment']);
		// From here on, each batch makes room for itself: the oldest event goes first.
		await store.putBatch([envelope({type: 'other', ids: ['X']})]);
		expect(typesOf(store, 'ORD-1')).toEqual(['payment']);
		await store.putBatch([envelope({type: 'other2', ids: ['X']})]);
		expect(store.transaction('ORD-1')).toBeUndefined();
		expect(store.transaction('TXN-1')).toBeUndefined();
		expect(typesOf(store, 'X')).toEqual(['other', 'other2']);
		// A forgotten id starts a new transaction.
		const fresh = await store.putBatch([envelope({type: 'late', ids: ['ORD-1']})]);
		expect(fresh.stored[0]!.txId).not.toBe(0);
		expect(typesOf(store, 'ORD-1')).toEqual(['late']);
		expect(typesOf(store, 'X')).toEqual(['other2']);
	});

	it('makes room before a batch is written, so that the store never holds more than maxEvents', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxEvents: 5}});
		await store.putBatch([1, 2, 3, 4].map(n => envelope({type: `e${n}`})));
		await store.putBatch([5, 6, 7, 8].map(n => envelope({type: `e${n}`})));
		expect(store.recent(100).map(event => event.type)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8']);
		await store.putBatch([envelope({type: 'e9'})]);
		expect(store.recent(100).map(event => event.type)).toEqual(['e5', 'e6', 'e7', 'e8', 'e9']);
	});

	it('deletes events received more than maxAgeMs before the newest one', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxAgeMs: 1_000}});
		await store.putBatch([500, 1_000, 1_400, 2_000, 2_400].map(receivedAt => envelope({type: `r${receivedAt}`, receivedAt})));
		expect(store.stats().oldestReceivedAt).toBe(500);
		expect(await store.enforceRetention()).toBe(2);
		expect(store.recent(10).map(event => event.type)).toEqual(['r1400', 'r2000', 'r2400']);
		expect(store.stats().oldestReceivedAt).toBe(1_400);
	});

	it('brings a store over maxBytes under it: pages in use under its target', async () => {
		const padding = 'x'.repeat(2_000);
		const batches = [0, 1, 2, 3].map(batch => Array.from({length: 250}, (_, i) => envelope({value: {padding, n: batch * 250 + i}, ids: [`T-${i % 50}`]})));
		const {store} = await filled(batches, {maxBytes: 1_000_000});
		expect(store.stats().usedBytes).toBeGreaterThan(2_000_000);
		const deleted = await store.enforceRetention();
		const stats = store.stats();
		expect(stats.usedBytes).toBeLessThanOrEqual(usedTarget(1_000_000));
		expect(stats.events).toBe(1_000 - deleted);
		expect(stats.events).toBeGreaterThan(100);
		expect(store.get(1_000)!.value).toEqual({padding, n: 999});
	});

	it('while ingesting, keeps the pages in use under maxBytes after every batch and the file under maxBytes', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxBytes: 1_000_000}});
		const padding = 'x'.repeat(2_000);
		let stored = 0;
		for (let batch = 0; batch < 40; batch++) {
			await store.putBatch(Array.from({length: 50}, (_, i) => envelope({value: {padding, n: stored + i}, ids: [`T-${(stored + i) % 70}`]})));
			stored += 50;
			const stats = store.stats();
			expect(stats.usedBytes).toBeLessThanOrEqual(usedTarget(1_000_000));
			expect(stats.bytes).toBeLessThanOrEqual(1_000_000);
		}

		expect(store.stats().events).toBeLessThan(stored / 2);
		expect(store.get(stored)!.value).toEqual({padding, n: stored - 1});
	});

	it('deletes what a batch makes too old before writing it', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxAgeMs: 1_000}});
		await store.putBatch([500, 1_000].map(receivedAt => envelope({type: `r${receivedAt}`, receivedAt})));
		await store.putBatch([envelope({type: 'r1800', receivedAt: 1_800})]);
		expect(store.recent(10).map(event => event.type)).toEqual(['r1000', 'r1800']);
	});
});
