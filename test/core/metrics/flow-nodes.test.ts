// Hop nodes by topic or type, and how long transactions stay open for hop matching (event time, a count cap).
import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {FlowNodes} from '../../../source/core/metrics/flow-nodes.js';
import {HopTracker} from '../../../source/core/metrics/hops.js';
import {envelope} from './support.js';

let seq = 0;
const event = (topic: string | undefined, type: string, timestamp: number, txId: number, extra: Partial<Envelope> = {}): Envelope =>
	envelope({topic, type, timestamp, txId, receivedAt: timestamp, seq: ++seq, ids: [`T-${txId}`], ...extra});

/** Every hop of the events ingested one batch each, then flushed, as "edge latency". */
function hops(tracker: HopTracker, batches: Envelope[][]): string[] {
	return [...batches.flatMap(batch => tracker.ingest(batch)), ...tracker.flush()].map(hop => `${hop.edge} ${hop.latencyMs}`);
}

describe('FlowNodes', () => {
	it('names the steps of a single stream by type from its first hop, and keeps crossing topics as topics', () => {
		const tracker = new HopTracker(0, new FlowNodes('auto'));
		expect(hops(tracker, [[event('checkout', 'Started', 0, 1), event('checkout', 'Paid', 10, 1), event('checkout', 'Done', 30, 1)]]))
			.toEqual(['Started->Paid 10', 'Paid->Done 20']);
		const mixed = new HopTracker(0, new FlowNodes('auto'));
		// Orders → an event store with four steps → notifications: the store's inner hops outnumber its crossings, so
		// its steps are nodes, from the first transaction's hops on (they wait until it is decided), the others topics.
		const saga = (tx: number, at: number) => [
			event('orders', 'Created', at, tx), event('saga', 'S1', at + 5, tx), event('saga', 'S2', at + 7, tx), event('saga', 'S3', at + 10, tx),
			event('saga', 'S4', at + 12, tx), event('notify', 'Sent', at + 13, tx),
		];
		const steps = ['orders->S1 5', 'S1->S2 2', 'S2->S3 3', 'S3->S4 2', 'S4->notify 1'];
		expect(hops(mixed, [saga(1, 0), saga(2, 100), saga(3, 200), saga(4, 300)])).toEqual([...steps, ...steps, ...steps, ...steps]);
		expect(mixed.stats().held).toBe(0);
	});

	it('names a stream once: the first transactions crossing it and later ones staying on it share one naming', () => {
		// The first three transactions only enter the stream (orders → checkout), the next seven take their steps on
		// it: until seven had, the stream's crossings outnumbered its inner hops. Every hop is named by type all along.
		const tracker = new HopTracker(1000, new FlowNodes('auto'));
		const batches: Envelope[][] = [];
		for (let tx = 1; tx <= 3; tx++) batches.push([event('orders', 'Created', tx * 1000, tx), event('checkout', 'Started', tx * 1000 + 50, tx)]);
		for (let tx = 4; tx <= 10; tx++) batches.push(['Started', 'Paid', 'Done'].map((type, step) => event('checkout', type, tx * 1000 + step * 100, tx)));
		const all = hops(tracker, batches);
		expect(all).toEqual([
			...Array.from({length: 3}, () => 'orders->Started 50'),
			...Array.from({length: 7}, () => ['Started->Paid 100', 'Paid->Done 100']).flat(),
		]);
		expect(tracker.stats().held).toBe(0);
	});

	it('holds hops of an undecided topic, and all after them, until the naming bounds decide it, then releases them in order', () => {
		const nodes = new FlowNodes('auto', {hops: 1000, ms: 10_000});
		const tracker = new HopTracker(1000, nodes);
		// A crossing hop at 1 s, then inner hops each second: crossings lead at first, inner hops win by 10 s.
		const released: string[] = [];
		const at = (batch: Envelope[]) => released.push(...tracker.ingest(batch).map(hop => `${hop.edge}@${hop.at}`));
		at([event('orders', 'Created', 0, 1), event('store', 'Opened', 1000, 1)]);
		for (let second = 2; second <= 11; second++) at([event('store', `Step${second}`, second * 1000, 1)]);
		// Watermark 10 s: the store's first hop (1 s) is 9 s old; nothing is released yet, all ten final hops are held.
		expect(released).toEqual([]);
		expect(tracker.stats().held).toBe(10);
		expect(nodes.typedTopics()).toEqual([]);
		// A live system gone quiet: event time runs on to 12 s with nothing arriving (the alerts' clock).
		released.push(...tracker.passQuietTime(12_000, 12_000).map(hop => `${hop.edge}@${hop.at}`));
		// Watermark 11 s: decided (10 inner hops, 1 crossing), every held hop released by type, in order.
		expect(released[0]).toBe('orders->Opened@1000');
		expect(released.slice(1)).toEqual(Array.from({length: 10}, (_, n) => `${n === 0 ? 'Opened' : `Step${n + 1}`}->Step${n + 2}@${(n + 2) * 1000}`));
		expect(nodes.typedTopics()).toEqual(['store']);
		expect(tracker.stats().held).toBe(0);
		// Decided once: a run of crossings later changes nothing.
		for (let tx = 2; tx <= 30; tx++) at([event('orders', 'Created', 12_000 + tx, tx), event('store', 'Opened', 12_100 + tx, tx)]);
		expect([...released, ...tracker.flush().map(hop => `${hop.edge}@${hop.at}`)].filter(hop => hop.includes('->store'))).toEqual([]);
		expect(nodes.typedTopics()).toEqual(['store']);
	});

	it('decides a topic after its first hops by count, or when too many hops are held, from what was counted', () => {
		const byCount = new HopTracker(0, new FlowNodes('auto', {hops: 3, ms: 60_000}));
		const inner = (tx: number, time: number) => [event('store', 'A', time, tx), event('store', 'B', time + 1, tx)];
		// Three hops touching the store (one crossing, two inner): decided, released at once, no wait for the 60 s.
		expect(hops(byCount, [[event('orders', 'Created', 0, 1)], inner(1, 1), inner(2, 10)]).slice(0, 3)).toEqual(['orders->A 1', 'A->B 1', 'A->B 1']);
		const capped = new HopTracker(0, new FlowNodes('auto', {hops: 1000, ms: 60_000}), {maxHeld: 2});
		const released = [inner(1, 0), inner(2, 10), inner(3, 20)].flatMap(batch => capped.ingest(batch)).map(hop => hop.edge);
		// The third held hop is one too many: the store is decided from its two inner hops and all three go out.
		expect(released).toEqual(['A->B', 'A->B', 'A->B']);
		expect(capped.stats().held).toBe(0);
	});

	it('keeps a topic whose transactions mostly cross it as one node with a self-loop; --by forces either kind', () => {
		const batch = [event('orders', 'Created', 0, 1), event('payments', 'Authorized', 5, 1), event('payments', 'Captured', 8, 1), event('shipping', 'Shipped', 20, 1)];
		expect(hops(new HopTracker(0, new FlowNodes('auto')), [batch])).toEqual(['orders->payments 5', 'payments->payments 3', 'payments->shipping 12']);
		expect(hops(new HopTracker(0, new FlowNodes('type')), [batch])).toEqual(['Created->Authorized 5', 'Authorized->Captured 3', 'Captured->Shipped 12']);
		expect(hops(new HopTracker(0, new FlowNodes('topic')), [batch])).toEqual(['orders->payments 5', 'payments->payments 3', 'payments->shipping 12']);
		// Without a topic the type is the node whatever the mode.
		expect(new FlowNodes('topic').nodeOf(event(undefined, 'ClaimOpened', 0, 1))).toBe('ClaimOpened');
	});
});

describe('open transactions', () => {
	const day = 86_400_000;

	it('matches steps days apart within the open time, in one batch or many', () => {
		const steps = [event(undefined, 'A', 0, 1), event(undefined, 'B', 3 * day, 1), event(undefined, 'C', 6 * day, 1)];
		expect(hops(new HopTracker(5000, new FlowNodes(), {idleMs: 7 * day}), [steps])).toEqual([`A->B ${3 * day}`, `B->C ${3 * day}`]);
		const apart = new HopTracker(5000, new FlowNodes(), {idleMs: 7 * day});
		expect(hops(apart, steps.map(step => [step, event('noise', 'N', step.timestamp! + 10_000, 0)]))).toEqual([`A->B ${3 * day}`, `B->C ${3 * day}`]);
		expect(apart.stats()).toMatchObject({closed: 0, evictedBeforeNext: 0});
	});

	it('closes a transaction idle past the open time and counts it when its next step comes, however the batches fall', () => {
		const steps = [event(undefined, 'A', 0, 1), event(undefined, 'B', 2 * day, 1), event(undefined, 'C', 2 * day + 1000, 1)];
		const whole = new HopTracker(5000, new FlowNodes(), {idleMs: day});
		expect(hops(whole, [steps])).toEqual(['B->C 1000']);
		expect(whole.stats()).toMatchObject({evictedBeforeNext: 1});
		// One batch a step, with other traffic moving the watermark: the idle scan forgets it first, same count.
		const apart = new HopTracker(5000, new FlowNodes(), {idleMs: day});
		const noise = (at: number) => event('noise', 'N', at, 0);
		expect(hops(apart, [[steps[0]!], [noise(1.5 * day)], [noise(1.9 * day)], [steps[1]!], [steps[2]!, noise(3 * day)]])).toEqual(['B->C 1000']);
		expect(apart.stats()).toMatchObject({evictedBeforeNext: 1, tracked: 1});
	});

	it('drops the oldest-created beyond the count cap and counts those whose next step came', () => {
		const tracker = new HopTracker(0, new FlowNodes(), {maxTransactions: 2});
		const batches = [[event(undefined, 'A', 0, 1)], [event(undefined, 'A', 1, 2)], [event(undefined, 'A', 2, 3)], [event(undefined, 'B', 3, 1)], [event(undefined, 'B', 4, 3)]];
		// Transaction 1 is dropped when 3 arrives; its B starts a new chain (no hop) and is counted; 3's hop is kept.
		expect(hops(tracker, batches)).toEqual(['A->B 2']);
		expect(tracker.stats()).toMatchObject({dropped: 2, evictedBeforeNext: 1});
	});
});
