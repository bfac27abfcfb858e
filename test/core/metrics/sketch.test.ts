import {describe, expect, it} from 'vitest';
import {percentiles, relativeAccuracy, Sketch} from '../../../source/core/metrics/sketch.js';
import {nearestRank, seeded} from './support.js';

const quantiles = [0.5, 0.95, 0.99] as const;

/** Value generators: zeros, whole and fractional ms, heavy tails, huge values. */
function distributions(random: () => number): Record<string, () => number> {
	return {
		'whole ms with many zeros': () => (random() < 0.3 ? 0 : Math.floor(random() * 100)),
		'exponential + 1 % outliers': () => Math.floor(-Math.log(1 - random()) * 20) + (random() < 0.01 ? 500 : 0),
		'pareto heavy tail, fractional': () => 0.5 / (1 - random()) ** 1.5,
		'microseconds to hours': () => 10 ** (random() * 10 - 3),
		'all zeros': () => 0,
	};
}

/** The sketch of `values`, built in one go. */
function sketchOf(values: number[]): Sketch {
	const sketch = new Sketch();
	for (const value of values) sketch.add(value);
	return sketch;
}

describe('Sketch', () => {
	for (const n of [1, 2, 3, 10, 100, 10_000]) {
		for (const [name, next] of Object.entries(distributions(seeded(n)))) {
			it(`nearest-rank p50/p95/p99 within ${relativeAccuracy * 100} % on n = ${n}, ${name}`, () => {
				const values = Array.from({length: n}, next);
				const sketch = sketchOf(values);
				expect(sketch.count).toBe(n);
				for (const q of quantiles) {
					const exact = nearestRank(values, q);
					const estimate = sketch.quantile(q);
					expect(Math.abs(estimate - exact), `q ${q}: exact ${exact}, sketch ${estimate}`).toBeLessThanOrEqual(relativeAccuracy * exact * (1 + 1e-12));
				}
			});
		}
	}

	it('uses rank ceil(q·n), not q·(n−1): p50 of 100, 200, 300, 400 is 200 and p99 is 400', () => {
		const sketch = sketchOf([400, 100, 300, 200]);
		expect(sketch.quantile(0.5)).toBeCloseTo(200, -1);
		expect(Math.abs(sketch.quantile(0.5) - 200)).toBeLessThanOrEqual(2);
		expect(sketch.quantile(0.75)).toBeLessThan(310);
		expect(sketch.quantile(0.76)).toBe(400);
		expect(sketch.quantile(0.99)).toBe(400);
	});

	it('gives one value, the minimum and the maximum back exactly', () => {
		expect(sketchOf([137]).quantile(0.5)).toBe(137);
		const sketch = sketchOf([3, 1000, 17, 250]);
		expect(sketch.quantile(0)).toBe(3);
		expect(sketch.quantile(1)).toBe(1000);
	});

	it('counts zero latencies as exact zeros', () => {
		const sketch = sketchOf([0, 0, 0, 5, 9]);
		expect(sketch.quantile(0.5)).toBe(0);
		expect(sketch.quantile(0.6)).toBe(0);
		expect(Math.abs(sketch.quantile(0.7) - 5)).toBeLessThanOrEqual(0.05);
	});

	it('is NaN when empty, and percentiles round to 0.01 ms', () => {
		expect(new Sketch().quantile(0.5)).toBeNaN();
		expect(percentiles(new Sketch())).toEqual({p50: Number.NaN, p95: Number.NaN, p99: Number.NaN});
		const rounded = percentiles(sketchOf([123.456_789]));
		expect(rounded).toEqual({p50: 123.46, p95: 123.46, p99: 123.46});
	});

	it('merges sparse and dense sketches into exactly the sketch of all values', () => {
		const random = seeded(42);
		const parts: number[][] = [[], [0, 0, 7], Array.from({length: 5}, () => Math.floor(random() * 3000))];
		for (let part = 0; part < 20; part++) parts.push(Array.from({length: Math.floor(random() * 400)}, () => Math.floor(-Math.log(1 - random()) * 50)));
		parts.push([1e7, 0.25, 2]);
		const all = parts.flat();
		const whole = sketchOf(all);
		for (const order of [parts, [...parts].reverse()]) {
			const merged = new Sketch();
			for (const part of order) merged.merge(sketchOf(part));
			expect(merged.count).toBe(all.length);
			for (const q of [0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]) {
				expect(merged.quantile(q)).toBe(whole.quantile(q));
				const exact = nearestRank(all, q);
				expect(Math.abs(merged.quantile(q) - exact)).toBeLessThanOrEqual(relativeAccuracy * exact * (1 + 1e-12));
			}
		}
	});

	it('answers the same after compact() and keeps accepting values on either side', () => {
		const values = Array.from({length: 500}, (_, index) => 50 + index);
		const sketch = sketchOf(values);
		const before = [0.01, 0.5, 0.99].map(q => sketch.quantile(q));
		const bytes = sketch.bytes();
		sketch.compact();
		expect(sketch.bytes()).toBeLessThanOrEqual(bytes);
		expect([0.01, 0.5, 0.99].map(q => sketch.quantile(q))).toEqual(before);
		sketch.add(1);
		sketch.add(100_000);
		expect([sketch.quantile(0), sketch.quantile(1), sketch.count]).toEqual([1, 100_000, 502]);
		expect(Math.abs(sketch.quantile(0.5) - nearestRank([...values, 1, 100_000], 0.5))).toBeLessThanOrEqual(300 * relativeAccuracy);
	});

	it('merges a dense sketch into a sparse one and keeps both usable', () => {
		const dense = sketchOf(Array.from({length: 300}, (_, index) => index + 1));
		const sparse = sketchOf([5000, 6000]);
		sparse.merge(dense);
		expect(sparse.count).toBe(302);
		expect(sparse.quantile(1)).toBe(6000);
		expect(Math.abs(sparse.quantile(0.5) - 151)).toBeLessThanOrEqual(151 * relativeAccuracy);
		expect(dense.count).toBe(300);
		expect(dense.quantile(1)).toBe(300);
	});
});
