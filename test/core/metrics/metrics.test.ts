import {describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {Metrics} from '../../../source/core/metrics/metrics.js';
import type {Hop} from '../../../source/core/metrics/types.js';
import {envelope, nearestRank, seeded} from './support.js';

const start = Date.UTC(2026, 10, 21, 10, 0, 0);

/** An event on `topic` arriving `atMs` after the start, with a delivery latency when given. */
function arrival(topic: string | undefined, atMs: number, deliveryMs?: number, extra: Partial<Envelope> = {}): Envelope {
	return envelope({topic, receivedAt: start + atMs, deliveryMs, ...extra});
}

/** A hop on `edge` whose later event happened `atMs` after the start. */
function hop(edge: string, atMs: number, latencyMs: number): Hop {
	const [from, to] = edge.split('->') as [string, string];
	return {edge, from, to, latencyMs, at: start + atMs, txId: 1, seq: 0};
}

/** Round-trip through JSON, as `metrics --json` prints it. */
function json(value: unknown): unknown {
	return JSON.parse(JSON.stringify(value));
}

/** Whether `estimate` keeps the product's promise against the exact value: within 1 % or 1 ms. */
function withinPromise(estimate: number, exact: number): boolean {
	return Math.abs(estimate - exact) <= Math.max(0.01 * exact, 1);
}

describe('Metrics summary (the metrics --json contract)', () => {
	it('gives exact counts, skew, duplicates, errors, peaks and nearest-rank delivery on a small input', () => {
		const metrics = new Metrics();
		metrics.ingest([
			arrival('orders', 1000, 10),
			arrival('orders', 1500, 30, {status: 'error'}),
			arrival('payments', 2100, -5),
			arrival('payments', 2200, 7, {duplicate: true}),
			arrival(undefined, 2300),
		]);
		metrics.addHops([hop('orders->payments', 2000, 40), hop('orders->payments', 2100, 60), hop('payments->shipping', 2500, 0)]);
		expect(json(metrics.summary({malformed: 2, readTwice: 3}))).toEqual({
			events: 5,
			malformed: 2,
			skewed: 1,
			duplicates: 1,
			readTwice: 3,
			topics: {
				'(none)': {count: 1, rate: {peak: 1}, delivery: {p50: null, p95: null, p99: null}, errors: 0},
				orders: {count: 2, rate: {peak: 2}, delivery: {p50: 10, p95: 30, p99: 30}, errors: 1},
				payments: {count: 2, rate: {peak: 2}, delivery: {p50: null, p95: null, p99: null}, errors: 0},
			},
			delivery: {p50: 10, p95: 30, p99: 30},
			edges: {
				'orders->payments': {count: 2, errors: 0, p50: 40, p95: 60, p99: 60},
				'payments->shipping': {count: 1, errors: 0, p50: 0, p95: 0, p99: 0},
			},
		});
	});

	it('agrees with exact nearest-rank p50/p95/p99 over a whole heavy-tailed input, per topic and overall', () => {
		const random = seeded(11);
		const topics = ['orders.created', 'payment.transactions', 'shipping.events'];
		const values = new Map<string, number[]>(topics.map(topic => [topic, []]));
		const batch: Envelope[] = [];
		for (let i = 0; i < 10_000; i++) {
			const topic = topics[i % 3]!;
			const latency = random() < 0.05 ? 0 : Math.floor(-Math.log(1 - random()) * 20) + (random() < 0.01 ? 500 + Math.floor(random() * 5000) : 0);
			values.get(topic)!.push(latency);
			batch.push(arrival(topic, i * 37, latency));
		}

		const metrics = new Metrics();
		for (let at = 0; at < batch.length; at += 500) metrics.ingest(batch.slice(at, at + 500));
		const summary = metrics.summary();
		const all = [...values.values()].flat();
		for (const [name, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
			expect(withinPromise(summary.delivery[name], nearestRank(all, q)), `overall ${name}`).toBe(true);
			for (const topic of topics) {
				expect(withinPromise(summary.topics[topic]!.delivery[name], nearestRank(values.get(topic)!, q)), `${topic} ${name}`).toBe(true);
			}
		}

		expect(summary.events).toBe(10_000);
		expect(Object.values(summary.topics).map(topic => topic.count)).toEqual([3334, 3333, 3333]);
	});

	it('counts the window ending at the newest arrival: exact counts over two hours of events', () => {
		// One event a second on `steady` for two hours, one more on `every10` every tenth second, errors every 7th.
		const events: Envelope[] = [];
		for (let second = 0; second < 7200; second++) {
			events.push(arrival('steady', second * 1000 + 250, second % 100, {status: second % 7 === 0 ? 'error' : 'ok'}));
			if (second % 10 === 0) events.push(arrival('every10', second * 1000 + 900, 5));
		}

		const metrics = new Metrics();
		metrics.ingest(events);
		const last = 7199;
		const expected = (topic: string, seconds: number) => events.filter(event => event.topic === topic
			&& Math.floor((event.receivedAt - start) / 1000) > last - seconds);
		for (const [windowMs, seconds] of [[10_000, 10], [60_000, 60], [300_000, 300], [900_000, 900], [3_600_000, 3600], [7_200_000, 3600], [Number.NaN, 3600]] as const) {
			const summary = metrics.summary({windowMs});
			const steady = expected('steady', seconds);
			const every10 = expected('every10', seconds);
			expect(summary.events, `${windowMs} ms`).toBe(steady.length + every10.length);
			expect(summary.topics.steady).toMatchObject({count: steady.length, errors: steady.filter(event => event.status === 'error').length, rate: {peak: 1}});
			expect(summary.topics.every10!.count).toBe(every10.length);
			const windowValues = [...steady, ...every10].map(event => event.deliveryMs!);
			for (const [name, q] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
				expect(withinPromise(summary.delivery[name], nearestRank(windowValues, q)), `${windowMs} ms ${name}`).toBe(true);
			}
		}

		expect(metrics.summary({windowMs: 10_000}).topics).toHaveProperty('every10');
		expect(metrics.summary({windowMs: 9000}).topics.every10).toBeUndefined();
		expect(metrics.summary().events).toBe(7200 + 720);
	});

	it('places late arrivals in their own second, and gives the same windows whatever the arrival order', () => {
		const random = seeded(5);
		const events = Array.from({length: 3000}, (_, index) => arrival(`t${index % 4}`, index * 400, Math.floor(random() * 50)));
		const shuffled = [...events];
		// Swap neighbours up to 20 positions apart: arrivals up to ~8 s out of order.
		for (let i = 0; i < shuffled.length; i++) {
			const j = Math.min(shuffled.length - 1, i + Math.floor(random() * 20));
			[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
		}

		const inOrder = new Metrics();
		inOrder.ingest(events);
		const outOfOrder = new Metrics();
		for (let at = 0; at < shuffled.length; at += 64) outOfOrder.ingest(shuffled.slice(at, at + 64));
		for (const windowMs of [10_000, 60_000, 300_000, 900_000]) expect(outOfOrder.summary({windowMs})).toEqual(inOrder.summary({windowMs}));
		expect(outOfOrder.view(60_000)).toEqual(inOrder.view(60_000));
	});

	it('keeps events older than an hour out of the windows but in the totals', () => {
		const metrics = new Metrics();
		metrics.ingest([arrival('a', 4 * 3600_000, 3), arrival('a', 1000, 9), arrival('a', 4 * 3600_000 - 10_000, 4)]);
		expect(metrics.summary().topics.a!.count).toBe(3);
		expect(metrics.summary({windowMs: 3600_000}).topics.a).toMatchObject({count: 2, delivery: {p50: 3, p95: 4, p99: 4}});
	});

	it('reports the peak one-second rate per topic and overall over the run, and within a window', () => {
		const metrics = new Metrics();
		const burst = (topic: string, second: number, count: number) => Array.from({length: count}, (_, index) => arrival(topic, second * 1000 + index));
		metrics.ingest([...burst('a', 10, 5), ...burst('b', 10, 4), ...burst('a', 11, 3), ...burst('b', 50, 7), ...burst('a', 100, 1)]);
		const summary = metrics.summary();
		expect(summary.topics.a!.rate.peak).toBe(5);
		expect(summary.topics.b!.rate.peak).toBe(7);
		expect(metrics.view(60_000).totals.peak).toBe(9);
		expect(metrics.summary({windowMs: 60_000}).topics.b).toMatchObject({count: 7, rate: {peak: 7}});
		expect(metrics.summary({windowMs: 10_000}).topics.b).toBeUndefined();
	});

	it('windows edges on the newest hop time, not on arrivals', () => {
		const metrics = new Metrics();
		metrics.ingest([arrival('a', 900_000, 1)]);
		metrics.addHops([hop('a->b', 0, 100), hop('a->b', 50_000, 300), hop('a->b', 59_000, 500)]);
		expect(metrics.summary({windowMs: 10_000}).edges).toEqual({'a->b': {count: 2, errors: 0, p50: 300, p95: 500, p99: 500}});
		expect(metrics.summary({windowMs: 60_000}).edges['a->b']!.count).toBe(3);
		expect(metrics.view(10_000).hopsNow).toBe(start + 59_000);
	});

	it('folds topics and edges beyond the caps into (other) and counts what it folded', () => {
		const metrics = new Metrics({maxTopics: 2, maxEdges: 1});
		metrics.ingest([arrival('a', 0), arrival('b', 0), arrival('c', 0), arrival('d', 0), arrival('c', 0), arrival('a', 0)]);
		metrics.addHops([hop('a->b', 0, 1), hop('b->c', 0, 2), hop('c->d', 0, 3)]);
		const summary = metrics.summary();
		expect(Object.fromEntries(Object.entries(summary.topics).map(([name, topic]) => [name, topic.count]))).toEqual({a: 2, b: 1});
		expect(summary.otherTopics?.count).toBe(3);
		expect(Object.fromEntries(Object.entries(summary.edges).map(([name, edge]) => [name, edge.count]))).toEqual({'a->b': 1});
		expect(summary.otherEdges?.count).toBe(2);
		expect(metrics.view(10_000).totals).toMatchObject({foldedEvents: 3, foldedHops: 2, events: 6});
		expect(metrics.view(10_000).topics.map(row => [row.name, row.count])).toEqual([['(other)', 3], ['a', 2], ['b', 1]]);
	});

	it('keeps a topic named (other) apart from the topics past the cap', () => {
		const metrics = new Metrics({maxTopics: 2});
		metrics.ingest([arrival('(other)', 0), arrival('a', 0), arrival('b', 0), arrival('c', 0), arrival('(other)', 0)]);
		const summary = metrics.summary();
		expect(Object.fromEntries(Object.entries(summary.topics).map(([name, topic]) => [name, topic.count]))).toEqual({'(other)': 2, a: 1});
		expect(summary.otherTopics?.count).toBe(2);
		expect(metrics.totals()).toMatchObject({foldedEvents: 2, events: 5});
	});
});

describe('Metrics view (the TUI)', () => {
	it('gives rate in the last full second, window counts, error rate, quiet topics, edges and per-second charts', () => {
		const metrics = new Metrics();
		const events: Envelope[] = [];
		// Seconds 0–9: second s has s+1 events on `busy`; `quiet` has one event at second 0 only.
		for (let second = 0; second < 10; second++) {
			for (let index = 0; index <= second; index++) events.push(arrival('busy', second * 1000 + index * 10, 10 * (index + 1), {status: index === 0 ? 'error' : 'ok'}));
		}

		events.push(arrival('quiet', 0, 1));
		// Event time as arrival: the hops (event time) have been watched since second 0 too.
		for (const event of events) event.timestamp = event.receivedAt;
		metrics.ingest(events);
		metrics.addHops([hop('busy->quiet', 9000, 25)]);
		const view = metrics.view(5000);
		expect(view.now).toBe(start + 9090);
		expect(view.windowMs).toBe(5000);
		expect(view.overall).toMatchObject({count: 6 + 7 + 8 + 9 + 10, ratePerSec: 9, peak: 10, errors: 5});
		expect(view.overall.errorRate).toBeCloseTo(5 / 40, 12);
		expect(view.overall.delivery.p99).toBe(100);
		expect(view.topics.map(topic => [topic.name, topic.count, topic.ratePerSec])).toEqual([['busy', 40, 9], ['quiet', 0, 0]]);
		expect(view.topics[1]!.delivery.p50).toBeNaN();
		expect(view.edges).toEqual([{
			name: 'busy->quiet', from: 'busy', to: 'quiet', count: 1, errors: 0, ratePerSec: 0.2, watchedMs: 5000, previousCount: 0, total: 1, totalErrors: 0, p50: 25, p95: 25, p99: 25,
		}]);
		expect(view.chart.start).toBe(start + 5000);
		expect(view.chart.counts).toEqual([6, 7, 8, 9, 10]);
		expect(view.chart.deliveryP99).toEqual([60, 70, 80, 90, 100]);
		expect(view.totals).toMatchObject({events: 56, errors: 10, duplicates: 0, skewed: 0, peak: 10});
	});

	it('answers before anything arrived', () => {
		const view = new Metrics().view(60_000);
		expect(view).toMatchObject({now: 0, hopsNow: 0, overall: {count: 0, ratePerSec: 0, peak: 0, errorRate: 0}, topics: [], edges: [], chart: {counts: []}});
		expect(new Metrics().summary()).toMatchObject({events: 0, topics: {}, edges: {}});
	});
});

describe('Edge views (the Flow pane and flow graph)', () => {
	const at = Date.UTC(2026, 10, 27, 8, 0, 0);
	const hopOf = (edge: string, offsetMs: number, latencyMs: number, error = false): Hop => {
		const [from, to] = edge.split('->') as [string, string];
		return {edge, from, to, latencyMs, at: at + offsetMs, txId: 1, seq: 1, error: error ? true : undefined};
	};

	it('counts errors, the rate over the window and the window before it, so an edge that appeared or vanished shows', () => {
		const metrics = new Metrics();
		// Window 10 s ending at the newest hop (at + 29 s): seconds 20–29; the window before: seconds 10–19.
		metrics.addHops([
			hopOf('a->b', 0, 5), hopOf('a->b', 12_000, 7, true), hopOf('a->b', 25_000, 9), hopOf('a->b', 26_000, 11, true),
			hopOf('old->gone', 15_000, 3), hopOf('new->edge', 29_000, 4, true),
		]);
		const views = Object.fromEntries(metrics.edgeViews(10_000).map(view => [view.name, view]));
		expect(views['a->b']).toMatchObject({count: 2, errors: 1, ratePerSec: 0.2, previousCount: 1, total: 4, totalErrors: 2, p95: 11});
		expect(views['old->gone']).toMatchObject({count: 0, previousCount: 1, total: 1});
		expect(views['new->edge']).toMatchObject({count: 1, errors: 1, previousCount: 0});
		expect(metrics.summary().edges['a->b']).toMatchObject({count: 4, errors: 2});
		// A window whose predecessor is older than the hour kept has no window before it.
		expect(metrics.edgeViews(3_600_000)[0]!.previousCount).toBeNaN();
	});

	it('rates a run younger than the window over the seconds watched, and knows no window before it', () => {
		const metrics = new Metrics();
		// Events from `at` on in event time; hops over 10 s: a 60 s window has watched 10 s of it.
		metrics.ingest([envelope({topic: 'a', receivedAt: at + 5, timestamp: at})]);
		metrics.addHops([hopOf('a->b', 1000, 5), hopOf('a->b', 4000, 5), hopOf('a->b', 9000, 5)]);
		const [young] = metrics.edgeViews(60_000);
		expect(young).toMatchObject({count: 3, ratePerSec: 0.3, watchedMs: 10_000});
		expect(young!.previousCount).toBeNaN();
		// Its events' (arrival) clock the same: 10 s watched of a minute.
		metrics.ingest([envelope({topic: 'a', receivedAt: at + 9000, timestamp: at + 9000})]);
		expect(metrics.view(60_000).seenMs).toBe(10_000);
		// A window of 5 s, and the 5 s before it, were both watched whole.
		const [whole] = metrics.edgeViews(5000);
		expect(whole).toMatchObject({count: 1, ratePerSec: 0.2, previousCount: 2});
	});
});
