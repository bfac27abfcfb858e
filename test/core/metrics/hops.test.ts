import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {FlowNodes} from '../../../source/core/metrics/flow-nodes.js';
import {HopTracker} from '../../../source/core/metrics/hops.js';
import type {Hop} from '../../../source/core/metrics/types.js';
import {envelope, seeded} from './support.js';

const nodeOf = (event: Envelope) => event.topic ?? event.type;

let seq = 0;

/** A timed event of transaction `txId` on `topic`, arriving at its event time unless told. */
function event(topic: string, timestamp: number | undefined, txId: number, extra: Partial<Envelope> = {}): Envelope {
	return envelope({topic, timestamp, txId, receivedAt: timestamp ?? 0, seq: ++seq, ...extra});
}

/** Hops as "edge latency@at" for compact exact comparisons. */
function brief(hops: Hop[]): string[] {
	return hops.map(hop => `${hop.edge} ${hop.latencyMs}@${hop.at}`);
}

describe('HopTracker', () => {
	it('orders out-of-order arrivals by event time and emits each hop only once the watermark passes it', () => {
		const tracker = new HopTracker(5000, nodeOf);
		expect(tracker.ingest([event('orders', 0, 1), event('shipping', 3000, 1, {seq: 42}), event('payments', 1000, 1)])).toEqual([]);
		// Watermark 0: A (0) is final but is the first event, B (1000) is not yet.
		expect(tracker.ingest([event('noise', 5000, 0)])).toEqual([]);
		expect(tracker.stats().watermark).toBe(0);
		expect(brief(tracker.ingest([event('noise', 5999, 0)]))).toEqual([]);
		expect(brief(tracker.ingest([event('noise', 6000, 0)]))).toEqual(['orders->payments 1000@1000']);
		expect(brief(tracker.ingest([event('noise', 7999, 0)]))).toEqual([]);
		const hops = tracker.ingest([event('noise', 8000, 0)]);
		expect(hops).toEqual([{edge: 'payments->shipping', from: 'payments', to: 'shipping', latencyMs: 2000, at: 3000, txId: 1, seq: 42}]);
		expect(tracker.stats()).toMatchObject({late: 0, pending: 0});
	});

	it('does not depend on how arrivals are cut into batches', () => {
		const random = seeded(3);
		const events: Envelope[] = [];
		for (let tx = 1; tx <= 200; tx++) {
			const start = tx * 700;
			for (let step = 0; step < 5; step++) {
				const time = start + step * 400 + Math.floor(random() * 300);
				events.push(event(`step${step}`, time, tx, {receivedAt: time + Math.floor(random() * 3000)}));
			}
		}

		events.sort((a, b) => a.receivedAt - b.receivedAt);
		const whole = new HopTracker(5000, nodeOf);
		const all = [...whole.ingest(events), ...whole.flush()];
		const batched = new HopTracker(5000, nodeOf);
		const pieces: Hop[] = [];
		for (let at = 0; at < events.length; at += 7) pieces.push(...batched.ingest(events.slice(at, at + 7)));
		pieces.push(...batched.flush());
		expect(pieces).toEqual(all);
		// Delivered within 3 s < 5 s lateness: every transaction comes out in exact event-time order.
		expect(all).toHaveLength(200 * 4);
		for (let tx = 1; tx <= 200; tx++) {
			const ofTx = all.filter(hop => hop.txId === tx);
			const times = events.filter(each => each.txId === tx).map(each => each.timestamp!).sort((a, b) => a - b);
			expect(ofTx.map(hop => hop.edge)).toEqual(['step0->step1', 'step1->step2', 'step2->step3', 'step3->step4']);
			expect(ofTx.map(hop => hop.latencyMs)).toEqual(times.slice(1).map((time, index) => time - times[index]!));
		}

		expect(whole.stats().late).toBe(0);
	});

	it('leaves out of the hops a late event that happened before its transaction\'s last measured step, and counts it', () => {
		const tracker = new HopTracker(5000, nodeOf);
		tracker.ingest([event('A', 0, 1), event('C', 3000, 1), event('B', 1000, 1)]);
		expect(brief(tracker.ingest([event('X', 8000, 0)]))).toEqual(['A->B 1000@1000', 'B->C 2000@3000']);
		// Watermark 3000: D happened at 2000, between B and C, whose hop is out already: C->D would run backwards.
		expect(brief(tracker.ingest([event('D', 2000, 1)]))).toEqual([]);
		expect(tracker.stats()).toMatchObject({late: 1, excluded: 1});
		// E is late too, but no earlier than C: its hop runs forwards.
		expect(brief(tracker.ingest([event('E', 3000, 1)]))).toEqual(['C->E 0@3000']);
		expect(brief(tracker.ingest([event('F', 9000, 1)]))).toEqual([]);
		expect(brief(tracker.flush())).toEqual(['E->F 6000@9000']);
		expect(tracker.stats()).toMatchObject({late: 2, excluded: 1});
	});

	it('orders a batch read stream by stream (each stream\'s backlog spanning more than the lateness) by event time', () => {
		const tracker = new HopTracker(5000, nodeOf);
		const streams = ['orders.completed', 'orders.created', 'payment.transactions'];
		const offsets = [2187, 0, 900];
		// 20 transactions a second apart: each stream's part of the batch spans 19 s, more than the 5 s lateness.
		const batch = streams.flatMap((stream, index) => Array.from({length: 20}, (_, tx) => event(stream, tx * 1000 + offsets[index]!, tx + 1)));
		const hops = [...tracker.ingest(batch), ...tracker.flush()];
		expect(new Set(hops.map(hop => `${hop.edge} ${hop.latencyMs}`))).toEqual(new Set(['orders.created->payment.transactions 900', 'payment.transactions->orders.completed 1287']));
		expect(hops).toHaveLength(40);
		expect(tracker.stats()).toMatchObject({late: 0, excluded: 0});
	});

	it('never emits a hop backwards after the pending cap forced an event out early', () => {
		const tracker = new HopTracker(5000, nodeOf, {maxPending: 1});
		tracker.ingest([event('A', 1000, 1)]);
		// B makes two pending: A is forced out. C, earlier than A, can no longer come before it.
		tracker.ingest([event('B', 3000, 1)]);
		const hops = [...tracker.ingest([event('C', 500, 1)]), ...tracker.flush()];
		expect(brief(hops)).toEqual(['A->B 2000@3000']);
		expect(tracker.stats()).toMatchObject({forced: 2, excluded: 1});
	});

	it('treats an event exactly at the watermark as already final: emitted at once, counted late', () => {
		const tracker = new HopTracker(1000, nodeOf);
		tracker.ingest([event('A', 0, 1), event('X', 2000, 0)]);
		expect(brief(tracker.ingest([event('B', 1000, 1)]))).toEqual(['A->B 1000@1000']);
		expect(tracker.stats().late).toBe(1);
		expect(brief(tracker.ingest([event('C', 1001, 1)]))).toEqual([]);
		expect(tracker.stats()).toMatchObject({late: 1, pending: 1});
	});

	it('ignores events without a transaction, without event time, duplicates and copies read on a second topic', () => {
		const tracker = new HopTracker(0, nodeOf);
		const hops = tracker.ingest([
			event('A', 100, 1),
			event('untimed', undefined, 1),
			event('none', 150, 0),
			event('A', 100, 1, {duplicate: true}),
			event('events:all', 100, 1, {copy: true}),
			event('B', 400, 1),
		]);
		expect(brief([...hops, ...tracker.flush()])).toEqual(['A->B 300@400']);
	});

	it('uses the event type as node for events without a topic (through nodeOf) and keeps ties in arrival order', () => {
		const tracker = new HopTracker(1000, nodeOf);
		const untopiced = envelope({type: 'ParcelScanned', timestamp: 500, receivedAt: 500, txId: 4, seq: 1});
		tracker.ingest([event('first', 500, 4), untopiced, event('third', 500, 4)]);
		expect(brief(tracker.flush())).toEqual(['first->ParcelScanned 0@500', 'ParcelScanned->third 0@500']);
	});

	it('joins two transactions when the store merges them, continuing from the later finalized event', () => {
		const tracker = new HopTracker(1000, nodeOf);
		// Transaction 1: orders@0 → payments@2000 (final); transaction 2: fraud@2500 (final), then risk@9000 pending.
		tracker.ingest([event('orders', 0, 1), event('payments', 2000, 1), event('fraud', 2500, 2)]);
		expect(brief(tracker.ingest([event('risk', 9000, 2)]))).toEqual(['orders->payments 2000@2000']);
		// A payment carrying both ids joins them: 2 is absorbed into 1. Its event may still carry the old id.
		tracker.merge([{from: 2, to: 1}]);
		const hops = tracker.ingest([event('notify', 9500, 2), event('ship', 9700, 1)]);
		expect(brief(hops)).toEqual([]);
		const flushed = tracker.flush();
		// The chain goes on from fraud@2500 (later than payments@2000): risk, notify, ship, all under id 1.
		expect(brief(flushed)).toEqual(['fraud->risk 6500@9000', 'risk->notify 500@9500', 'notify->ship 200@9700']);
		expect(flushed.map(hop => hop.txId)).toEqual([1, 1, 1]);
	});

	it('follows chains of merges, including into a transaction it has not seen yet', () => {
		const tracker = new HopTracker(0, nodeOf);
		tracker.ingest([event('a', 10, 5)]);
		tracker.merge([{from: 5, to: 6}, {from: 6, to: 7}]);
		const hops = tracker.ingest([event('b', 20, 5), event('c', 30, 6), event('d', 40, 7)]);
		expect(brief([...hops, ...tracker.flush()])).toEqual(['a->b 10@20', 'b->c 10@30', 'c->d 10@40']);
		expect(hops.every(hop => hop.txId === 7)).toBe(true);
	});

	it('forgets idle transactions and caps how many it tracks', () => {
		const tracker = new HopTracker(0, nodeOf, {idleMs: 60_000});
		tracker.ingest([event('a', 0, 1), event('a', 0, 2)]);
		expect(tracker.stats().tracked).toBe(2);
		tracker.ingest([event('b', 30_000, 2)]);
		// Watermark 121 s: transaction 1 idle for over 60 s is forgotten, 2 (newest 30 s) is too, at the next scan.
		tracker.ingest([event('tick', 121_000, 0)]);
		expect(tracker.stats().tracked).toBe(0);
		// A forgotten transaction starts a new chain: no hop from its old events.
		expect(tracker.ingest([event('c', 121_000, 1)])).toEqual([]);

		const capped = new HopTracker(0, nodeOf, {maxTransactions: 3});
		for (let tx = 1; tx <= 10; tx++) capped.ingest([event('a', tx, tx)]);
		expect(capped.stats()).toMatchObject({tracked: 3, dropped: 7});
	});

	it('lets an alias of an evicted transaction go on with its chain, apart from transactions created after', () => {
		const tracker = new HopTracker(0, nodeOf, {maxTransactions: 2});
		tracker.ingest([event('a', 10, 1)]);
		tracker.merge([{from: 2, to: 1}]);
		// Filing 3 evicts 1 (counted: not an alias); alias 2 still leads to its chain, which 3 must not take over.
		expect(tracker.ingest([event('b', 20, 3)])).toEqual([]);
		expect(tracker.stats()).toMatchObject({tracked: 2, dropped: 1});
		const hops = tracker.ingest([event('c', 30, 2)]);
		expect(brief(hops)).toEqual(['a->c 20@30']);
		expect(hops[0]!.txId).toBe(1);
		// 1 comes back as a new chain and evicts alias 2 (not counted); 3 goes on from b.
		expect(tracker.ingest([event('d', 40, 1)])).toEqual([]);
		expect(tracker.stats()).toMatchObject({tracked: 2, dropped: 1});
		expect(brief(tracker.ingest([event('e', 50, 3), event('f', 60, 1)]))).toEqual(['b->e 30@50', 'd->f 20@60']);
	});

	it('keeps hops exact past the cap when only finished transactions are evicted, merges included', () => {
		const tracker = new HopTracker(5, nodeOf, {maxTransactions: 50});
		const hops: Hop[] = [];
		for (let tx = 1; tx <= 300; tx++) {
			const start = tx * 100;
			// Every third transaction starts on its own id, is absorbed into the one before, then goes on under both.
			const merged = tx % 3 === 0;
			const prefix = merged ? 'm' : 's';
			hops.push(...tracker.ingest([event(`${prefix}0`, start, tx)]));
			if (merged) tracker.merge([{from: tx, to: tx - 1}]);
			hops.push(...tracker.ingest([event(`${prefix}1`, start + 10, tx), event(`${prefix}2`, start + 20, merged ? tx - 1 : tx)]));
			expect(tracker.stats().tracked).toBeLessThanOrEqual(50);
		}

		hops.push(...tracker.flush());
		expect(hops).toHaveLength(100 * 5 + 100 * 2);
		for (let tx = 3; tx <= 300; tx += 3) {
			const joined = hops.filter(hop => hop.txId === tx - 1);
			expect(brief(joined)).toEqual([
				`s0->s1 10@${(tx - 1) * 100 + 10}`,
				`s1->s2 10@${(tx - 1) * 100 + 20}`,
				`s2->m0 80@${tx * 100}`,
				`m0->m1 10@${tx * 100 + 10}`,
				`m1->m2 10@${tx * 100 + 20}`,
			]);
			expect(brief(hops.filter(hop => hop.txId === tx - 2))).toEqual([`s0->s1 10@${(tx - 2) * 100 + 10}`, `s1->s2 10@${(tx - 2) * 100 + 20}`]);
		}

		// The last 50 created stay: 251–300, 17 of them aliases; of the 250 evicted, 83 were aliases, not counted.
		expect(tracker.stats()).toMatchObject({tracked: 50, dropped: 167, late: 0});
	});

	it('names each hop by the topic and type of its own two events, whether they waited, came late or were forced out', () => {
		const tracker = new HopTracker(1000, new FlowNodes('type'), {maxPending: 2});
		const typed = (topic: string, type: string, timestamp: number, extra: Partial<Envelope> = {}) => event(topic, timestamp, 1, {type, ...extra});
		// Three waiting over a cap of two: Created is forced out first.
		tracker.ingest([typed('orders', 'Created', 0), typed('orders', 'Paid', 100, {ids: ['p-1'], status: 'error'}), typed('shipping', 'Shipped', 200, {ids: ['s-1']})]);
		const hops = tracker.ingest([event('noise', 5000, 0)]);
		// Watermark 4000: Packed (3000) is late, placed at once after Shipped.
		hops.push(...tracker.ingest([typed('shipping', 'Packed', 3000, {ids: ['k-1']})]));
		expect(hops.map(hop => [hop.edge, hop.from, hop.to, hop.latencyMs, hop.id, hop.error])).toEqual([
			['Created->Paid', 'Created', 'Paid', 100, 'p-1', true],
			['Paid->Shipped', 'Paid', 'Shipped', 100, 's-1', undefined],
			['Shipped->Packed', 'Shipped', 'Packed', 2800, 'k-1', undefined],
		]);
		expect(tracker.stats()).toMatchObject({forced: 1, late: 1, pending: 0});
	});

	it('bounds pending events by finalizing the earliest early', () => {
		const tracker = new HopTracker(1_000_000, nodeOf, {maxPending: 2});
		const hops = tracker.ingest([event('a', 1, 1), event('b', 2, 1), event('c', 3, 1), event('d', 4, 1)]);
		expect(brief(hops)).toEqual(['a->b 1@2']);
		expect(tracker.stats()).toMatchObject({forced: 2, pending: 2});
		expect(brief(tracker.flush())).toEqual(['b->c 1@3', 'c->d 1@4']);
	});

	it('does not let an event time far ahead of its arrival move the watermark', () => {
		const tracker = new HopTracker(5000, nodeOf);
		// Stamped in microseconds, read as milliseconds: far in the future.
		tracker.ingest([event('a', 1000, 1), event('bad', 1_700_000_000_000_000, 2, {receivedAt: 2000})]);
		expect(tracker.stats().watermark).toBe(2000 + 60_000 - 5000);
		// Later events still get reordered within the allowed lateness instead of all counting as late.
		tracker.ingest([event('d', 101_000, 3), event('c', 100_000, 3)]);
		expect(brief(tracker.flush())).toEqual(['c->d 1000@101000']);
		expect(tracker.stats().late).toBe(0);
		const ok = new HopTracker(5000, nodeOf);
		ok.ingest([event('a', 1000, 1), event('b', 3000, 1)]);
		expect(ok.stats()).toMatchObject({watermark: -2000, pending: 2});
	});
});
