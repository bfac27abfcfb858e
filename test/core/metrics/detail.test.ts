import {describe, expect, it} from 'vitest';
import {DetailBudget} from '../../../source/core/metrics/detail-budget.js';
import {Metrics} from '../../../source/core/metrics/metrics.js';
import {Minute} from '../../../source/core/metrics/minute.js';
import {relativeAccuracy, Sketch} from '../../../source/core/metrics/sketch.js';
import {envelope, nearestRank, seeded} from './support.js';

/** A minute whose second s holds latencies s·10 + 1 … s·10 + 3 (three values per second). */
function filledMinute(budget: DetailBudget, start = 0): Minute {
	const minute = new Minute(start, budget);
	for (let at = 0; at < 60; at++) for (let index = 1; index <= 3; index++) minute.record(at, false, false, false, at * 10 + index, Number.NaN);
	return minute;
}

/** The latencies a minute adds for seconds [first, last]. */
function latencies(minute: Minute, first: number, last: number): Sketch {
	const sketch = new Sketch();
	minute.addLatencies(first, last, sketch);
	return sketch;
}

describe('Minute and DetailBudget', () => {
	it('keeps raw latencies exact per second and accounts their bytes', () => {
		const budget = new DetailBudget(1e9);
		const minute = filledMinute(budget);
		expect(budget.bytes).toBe(minute.detailBytes);
		const part = latencies(minute, 10, 19);
		expect([part.count, part.min, part.max]).toEqual([30, 101, 193]);
		expect(minute.secondP99()[7]).toBe(73);
		expect(latencies(minute, 0, 59).count).toBe(180);
		expect(budget.bytes).toBe(minute.detailBytes + minute.mergedBytes);
	});

	it('switches a busy minute to one sketch per second when that is smaller, keeping quantiles per second', () => {
		const random = seeded(8);
		const narrow = () => Math.floor(-Math.log(1 - random()) * 10);
		const wide = () => Math.floor(random() * 1000);
		for (const [name, next, switches] of [['narrow', narrow, true], ['wide', wide, false]] as const) {
			const budget = new DetailBudget(1e9);
			const minute = new Minute(0, budget);
			const bySecond: number[][] = Array.from({length: 60}, () => []);
			for (let index = 0; index < 40_000; index++) {
				const value = next();
				bySecond[index % 60]!.push(value);
				minute.record(index % 60, false, false, false, value, Number.NaN);
			}

			expect(minute.detailBytes, name).toBe(budget.bytes);
			// Raw values grow by doubling: 65 536 slots of 5 bytes for 40 000 values.
			expect(minute.detailBytes < 65_536 * 5, name).toBe(switches);
			const part = latencies(minute, 10, 19);
			const exact = bySecond.slice(10, 20).flat();
			expect(part.count).toBe(exact.length);
			for (const q of [0.5, 0.95, 0.99]) expect(Math.abs(part.quantile(q) - nearestRank(exact, q))).toBeLessThanOrEqual(nearestRank(exact, q) * relativeAccuracy);
			const p99 = nearestRank(bySecond[7]!, 0.99);
			expect(Math.abs(minute.secondP99()[7]! - p99)).toBeLessThanOrEqual(p99 * relativeAccuracy);
			expect(latencies(minute, 0, 59).count).toBe(40_000);
		}
	});

	it('sheds raw values into a merged sketch: then per minute, for ranges covering at least half of it', () => {
		const budget = new DetailBudget(1e9);
		const minute = filledMinute(budget);
		minute.shedDetail();
		expect(minute.detailBytes).toBe(0);
		expect(budget.bytes).toBe(minute.mergedBytes);
		expect(latencies(minute, 0, 28).count).toBe(0);
		expect(latencies(minute, 30, 59).count).toBe(180);
		expect(latencies(minute, 0, 59).max).toBe(593);
		// Per-second p99 was kept from before shedding.
		expect(minute.secondP99()[7]).toBe(73);
		minute.dropMerged();
		expect(budget.bytes).toBe(0);
		expect(latencies(minute, 0, 59).count).toBe(0);
		expect(minute.counts[5]).toBe(3);
	});

	it('gives memory back oldest first: raw values of every minute, then merged sketches', () => {
		const probe = filledMinute(new DetailBudget(1e9));
		latencies(probe, 0, 59);
		const raw = probe.detailBytes;
		const merged = probe.mergedBytes;
		/** Three minutes with raw values and merged sketches, then the budget enforced at `limit`. */
		const enforced = (limit: number) => {
			const budget = new DetailBudget(limit);
			const minutes = [0, 60, 120].map(start => filledMinute(budget, start));
			for (const minute of minutes) latencies(minute, 0, 59);
			budget.enforce();
			return minutes.map(minute => [minute.detailBytes > 0, minute.mergedBytes > 0]);
		};

		expect(enforced(3 * (raw + merged))).toEqual([[true, true], [true, true], [true, true]]);
		expect(enforced((3 * (raw + merged)) - raw)).toEqual([[false, true], [true, true], [true, true]]);
		expect(enforced(3 * merged)).toEqual([[false, true], [false, true], [false, true]]);
		expect(enforced(merged)).toEqual([[false, false], [false, false], [false, true]]);
	});

	it('keeps counts exact and whole-run percentiles when the budget sheds all window latency', () => {
		const metrics = new Metrics({maxDetailBytes: 0});
		const start = Date.UTC(2026, 10, 21, 10, 0, 0);
		metrics.ingest(Array.from({length: 600}, (_, index) => envelope({topic: 'a', receivedAt: start + index * 1000, deliveryMs: 40})));
		const windowed = metrics.summary({windowMs: 300_000});
		expect(windowed.topics.a!.count).toBe(300);
		expect(windowed.delivery.p50).toBeNaN();
		expect(metrics.summary().delivery).toEqual({p50: 40, p95: 40, p99: 40});
	});
});

describe('Metrics window cache', () => {
	it('sees a late arrival into a whole minute already merged, and the sliding of the window', () => {
		const metrics = new Metrics();
		const start = Date.UTC(2026, 10, 21, 10, 0, 0);
		metrics.ingest(Array.from({length: 600}, (_, index) => envelope({topic: 'a', receivedAt: start + index * 1000, deliveryMs: 10})));
		expect(metrics.summary({windowMs: 300_000}).topics.a).toMatchObject({count: 300, delivery: {p99: 10}});
		// Ten arrive late into minute 6 (a whole minute of the window), without moving the clock.
		metrics.ingest(Array.from({length: 10}, () => envelope({topic: 'a', receivedAt: start + 400_000, deliveryMs: 5000})));
		expect(metrics.summary({windowMs: 300_000}).topics.a).toMatchObject({count: 310, delivery: {p50: 10, p99: 5000}});
		// The window slides by one second within the same minute: one event in, one out.
		metrics.ingest([envelope({topic: 'a', receivedAt: start + 600_000, deliveryMs: 10})]);
		expect(metrics.summary({windowMs: 300_000}).topics.a!.count).toBe(310);
	});
});
