import {describe, expect, it} from 'vitest';
import {BucketRing} from '../../../source/core/alerts/bucket-ring.js';

/** The sums of each window `ring.windowsHolding(bucket)` visits, by its end bucket. */
function windows(ring: BucketRing, bucket: number): Array<[number, number[]]> {
	const seen: Array<[number, number[]]> = [];
	ring.windowsHolding(bucket, (end, sums) => seen.push([end, [...sums]]));
	return seen;
}

describe('BucketRing with a lateness', () => {
	// A window of 4 buckets of 1 s, and 6 s of lateness behind it (7 buckets more kept).
	const make = () => new BucketRing(4000, 4, 2, 6000);

	it('counts a late time in the windows of its own time, and keeps the window that ends at the clock apart', () => {
		const ring = make();
		for (let s = 0; s <= 10; s++) expect(ring.add(s * 1000 + 500, 0)).toBe(true);
		expect(ring.sums).toEqual([4, 0]);
		// 3.2 s is behind the window ending at 10 s (7-10), but kept.
		expect(ring.add(3200, 0)).toBe(true);
		expect(ring.add(3200, 1)).toBe(true);
		expect(ring.sums).toEqual([4, 0]);
		expect(ring.newestIn(3)).toBe(3500);
		// Windows ending at 3, 4, 5 and 6 hold bucket 3.
		expect(windows(ring, 3)).toEqual([[3, [5, 1]], [4, [5, 1]], [5, [5, 1]], [6, [5, 1]]]);
		// Only up to the newest bucket.
		expect(windows(ring, 9)).toEqual([[9, [4, 0]], [10, [4, 0]]]);
	});

	it('refuses a time whose own window it no longer keeps whole, and forgets the rest as the window moves on', () => {
		const ring = make();
		ring.add(10_500, 0);
		// Buckets 3 to 10 are kept as windows' ends (the window ending at 3 starts at 0, which is kept).
		expect(ring.add(3000, 0)).toBe(true);
		expect(ring.add(2999, 0)).toBe(false);
		expect(ring.emptyAt(20_999)).toBe(false);
		expect(ring.emptyAt(21_000)).toBe(true);
		ring.advance(14_000);
		// Bucket 3 has been reused (11 kept: 4 to 14).
		expect(ring.newestIn(3)).toBe(Number.NEGATIVE_INFINITY);
		expect(windows(ring, 10)).toEqual([[10, [1, 0]], [11, [1, 0]], [12, [1, 0]], [13, [1, 0]]]);
	});

	it('without a lateness, counts only inside the window, as before', () => {
		const ring = new BucketRing(4000, 4, 1);
		ring.add(10_500, 0);
		expect(ring.add(7000, 0)).toBe(true);
		expect(ring.add(6999, 0)).toBe(false);
		expect(ring.newestIn(10)).toBe(Number.NEGATIVE_INFINITY);
		expect(ring.emptyAt(14_000)).toBe(true);
	});

	it('gives the window ending one bucket behind the newest the sums the scan of windows gives it', () => {
		// Rings with and without a lateness, times moving on and falling back by up to 12 s (a fixed pseudo-random walk).
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
		for (const ring of [make(), new BucketRing(4000, 4, 2), new BucketRing(60_000, 60, 2, 30_000)]) {
			let clock = 0;
			for (let i = 0; i < 1000; i++) {
				clock += Math.floor(next() * 1500);
				ring.add(clock - Math.floor(next() * next() * 12_000), next() < 0.3 ? 1 : 0);
				const [before] = windows(ring, ring.newest - 1);
				expect([...ring.sumsBeforeNewest()]).toEqual(before![1]);
			}
		}
	});
});
