// Retention by count, age and size: the oldest events go, with every index entry that points at them.
import {describe, expect, it} from 'vitest';
import {envelope, keepAll, open, tempDirectory, typesOf} from './helpers.js';

describe('retention', () => {
	it('keeps the newest maxEvents events and drops every index entry of the others', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxEvents: 3}});
		await store.putBatch([
			envelope({type: 'a1', ids: ['A'], offset: '1', timestamp: 1}), envelope({type: 'a2', ids: ['A'], offset: '2', timestamp: 2}),
			envelope({type: 'b1', ids: ['B'], offset: '3', timestamp: 3}), envelope({type: 'a3', ids: ['A'], offset: '4', timestamp: 4}),
			envelope({type: 'c1', ids: ['C'], offset: '5', timestamp: 5}),
		]);
		expect(await store.enforceRetention()).toBe(2);
		expect(store.stats().events).toBe(3);
		expect([1, 2, 3, 4, 5].map(seq => store.get(seq)?.type)).toEqual([undefined, undefined, 'b1', 'a3', 'c1']);
		expect(typesOf(store, 'A')).toEqual(['a3']);
		expect(store.recent(10).map(event => event.type)).toEqual(['b1', 'a3', 'c1']);
		expect(store.range('orders', 0, 10_000).map(event => event.type)).toEqual(['b1', 'a3', 'c1']);
		expect(await store.enforceRetention()).toBe(0);
		// The read-twice entry went with the event: the same message is new again.
		const again = await store.putBatch([envelope({type: 'a1-again', offset: '1'}), envelope({offset: '3'})]);
		expect(again.stored.map(event => event.type)).toEqual(['a1-again']);
		expect(again.stored[0]!.seq).toBe(6);
	});

	it('keeps the topic index right when retention deletes part of a batch: gone events are skipped', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxEvents: 4}});
		const batch = (names: string[], receivedAt: number) => names.map((type, i) => envelope({type, topic: type[0] === 'o' ? 'orders' : 'payments', receivedAt: receivedAt + i}));
		await store.putBatch(batch(['o1', 'p1', 'o2'], 100));
		await store.putBatch(batch(['o3', 'p2', 'o4'], 50));
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
		const store = open(tempDirectory(), {retention: {...keepAll, maxEvents: 2}});
		await store.putBatch([envelope({type: 'fraud', ids: ['TXN-1']}), envelope({type: 'order', ids: ['ORD-1']})]);
		await store.putBatch([envelope({type: 'payment', ids: ['ORD-1', 'TXN-1']})]);
		expect(await store.enforceRetention()).toBe(1);
		expect(typesOf(store, 'TXN-1')).toEqual(['order', 'payment']);
		await store.putBatch([envelope({type: 'other', ids: ['X']})]);
		expect(await store.enforceRetention()).toBe(1);
		expect(typesOf(store, 'ORD-1')).toEqual(['payment']);
		await store.putBatch([envelope({type: 'other2', ids: ['X']})]);
		expect(await store.enforceRetention()).toBe(1);
		expect(store.transaction('ORD-1')).toBeUndefined();
		expect(store.transaction('TXN-1')).toBeUndefined();
		expect(typesOf(store, 'X')).toEqual(['other', 'other2']);
		// A forgotten id starts a new transaction.
		const fresh = await store.putBatch([envelope({type: 'late', ids: ['ORD-1']})]);
		expect(fresh.stored[0]!.txId).not.toBe(0);
		expect(typesOf(store, 'ORD-1')).toEqual(['late']);
	});

	it('runs by itself before a batch is written once the store holds more than maxEvents', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxEvents: 5}});
		await store.putBatch([1, 2, 3, 4].map(n => envelope({type: `e${n}`})));
		await store.putBatch([5, 6, 7, 8].map(n => envelope({type: `e${n}`})));
		expect(store.stats().events).toBe(8);
		await store.putBatch([envelope({type: 'e9'})]);
		expect(store.recent(100).map(event => event.type)).toEqual(['e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
	});

	it('deletes events received more than maxAgeMs before the newest one', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxAgeMs: 1_000}});
		await store.putBatch([500, 1_000, 1_400, 2_000, 2_400].map(receivedAt => envelope({type: `r${receivedAt}`, receivedAt})));
		expect(store.stats().oldestReceivedAt).toBe(500);
		expect(await store.enforceRetention()).toBe(2);
		expect(store.recent(10).map(event => event.type)).toEqual(['r1400', 'r2000', 'r2400']);
		expect(store.stats().oldestReceivedAt).toBe(1_400);
	});

	it('keeps the pages in use under maxBytes', async () => {
		const store = open(tempDirectory(), {retention: {...keepAll, maxBytes: 1_000_000}});
		const padding = 'x'.repeat(2_000);
		for (let batch = 0; batch < 4; batch++) {
			await store.putBatch(Array.from({length: 250}, (_, i) => envelope({value: {padding, n: batch * 250 + i}, ids: [`T-${i % 50}`]})));
		}

		expect(store.stats().usedBytes).toBeGreaterThan(2_000_000);
		const deleted = await store.enforceRetention();
		const stats = store.stats();
		expect(stats.usedBytes).toBeLessThanOrEqual(1_000_000);
		expect(stats.events).toBe(1_000 - deleted);
		expect(stats.events).toBeGreaterThan(100);
		expect(store.get(1_000)!.value).toEqual({padding, n: 999});
	});
});
