// The hop tracker's (topic, type) pair table on hostile input: a type (or topic) holding an id names a new pair per
// event. The table stays at its cap, and every hop is still made, under `(other)` where a node is named by them.
import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {FlowNodes} from '../../../source/core/metrics/flow-nodes.js';
import {HopTracker} from '../../../source/core/metrics/hops.js';
import type {Hop} from '../../../source/core/metrics/types.js';
import {envelope} from './support.js';

/** Two-step transactions 1..count, each step `step(n, 0|1)` = [topic, type], a millisecond apart. */
function events(count: number, step: (n: number, index: number) => [string, string]): Envelope[] {
	const list: Envelope[] = [];
	for (let n = 1; n <= count; n++) {
		for (const index of [0, 1]) {
			const [topic, type] = step(n, index);
			const time = 2 * n + index;
			list.push(envelope({topic, type, txId: n, timestamp: time, receivedAt: time, seq: list.length + 1}));
		}
	}

	return list;
}

/** Hops of `list` through a tracker naming nodes `mode`, fed in batches of 1 000, then flushed. */
function run(list: Envelope[], mode: 'auto' | 'topic' | 'type', maxPairs?: number): {hops: Hop[]; tracker: HopTracker} {
	const tracker = new HopTracker(5000, new FlowNodes(mode), maxPairs === undefined ? {} : {maxPairs});
	const hops: Hop[] = [];
	for (let first = 0; first < list.length; first += 1000) hops.push(...tracker.ingest(list.slice(first, first + 1000)));
	hops.push(...tracker.flush());
	return {hops, tracker};
}

/** Hop counts per edge. */
function counts(hops: Hop[]): Record<string, number> {
	const byEdge: Record<string, number> = {};
	for (const hop of hops) byEdge[hop.edge] = (byEdge[hop.edge] ?? 0) + 1;
	return byEdge;
}

describe('hop tracker pairs', () => {
	it('stay at the cap when every event has a type of its own, every hop still counted', () => {
		// 30 000 transactions, 60 000 types: past the default cap of 10 000 pairs.
		const list = events(30_000, (n, index) => ['orders', `${index === 0 ? 'Created' : 'Shipped'}-${n}`]);
		const byTopic = run(list, 'topic');
		expect(counts(byTopic.hops)).toEqual({'orders->orders': 30_000});
		// 10 000 named pairs and the topic's (other) type.
		expect(byTopic.tracker.stats()).toMatchObject({pairs: 10_001, otherPairEvents: 50_000});

		const byType = run(list, 'type');
		expect(byType.hops).toHaveLength(30_000);
		// The first 5 000 transactions' types were named, the rest go under (other), counted exactly.
		expect(byType.hops[0]).toMatchObject({edge: 'Created-1->Shipped-1'});
		expect(byType.hops[4999]).toMatchObject({edge: 'Created-5000->Shipped-5000'});
		expect(counts(byType.hops.slice(5000))).toEqual({'(other)->(other)': 25_000});
		expect(byType.tracker.stats().pairs).toBe(10_001);
	});

	it('stay at the cap when every event has a topic of its own', () => {
		const list = events(30_000, (n, index) => [`topic-${n}-${index}`, 'Step']);
		const {hops, tracker} = run(list, 'auto');
		expect(hops).toHaveLength(30_000);
		expect(counts(hops.slice(5000))).toEqual({'(other)->(other)': 25_000});
		expect(hops[0]).toMatchObject({edge: 'topic-1-0->topic-1-1'});
		expect(tracker.stats().pairs).toBe(10_001);
	});

	it('name exactly what they named before below the cap', () => {
		const list = events(3000, (n, index) => ['orders', `${index === 0 ? 'Created' : 'Shipped'}-${n}`]);
		const capped = run(list, 'type');
		const roomy = run(list, 'type', 1_000_000);
		expect(capped.hops).toEqual(roomy.hops);
		expect(capped.tracker.stats()).toMatchObject({pairs: 6000, otherPairEvents: 0});
	});
});
