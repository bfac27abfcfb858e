// Mergeable quantile sketch with a relative-error bound (DDSketch), answering nearest-rank quantiles.
//
// The value → bucket mapping is @datadog/sketches-js's logarithmic mapping (the part that carries the accuracy
// guarantee). The bucket store is our own: the library's DenseStore costs ~3.7 KB even for three values (it grows
// in 128-slot JS arrays), which matters with thousands of small sketches (busy seconds, merged minutes); its
// quantile uses rank q·(count−1) where the product promises nearest rank ceil(q·n); and its merge drops the
// negative store.
import {DDSketch} from '@datadog/sketches-js';
import type {Percentiles} from './types.js';

/** Bound on the relative error of every quantile (0.9 %: under the promised 1 % with room for rounding). */
export const relativeAccuracy = 0.009;

const mapping = new DDSketch({relativeAccuracy}).mapping;

/** Values below this (1 µs, in ms) count as zero: keeps a stray tiny value from stretching a dense store. */
const smallest = 1e-3;
/** Values above this are clamped to it, so the key range of a store stays bounded (~2,400 buckets at most). */
const largest = Number.MAX_SAFE_INTEGER;
/** The key of values counted as zero. */
export const zeroKey = -0x7fff_ffff;

// Latencies are mostly whole milliseconds: look their keys up instead of taking a logarithm per value.
const tableSize = 65_536;
const keyTable = new Int32Array(tableSize);
keyTable[0] = zeroKey;
for (let value = 1; value < tableSize; value++) keyTable[value] = mapping.key(value);

/** Distinct keys a sketch holds as a short list before it switches to a dense array of counts. */
const sparseLimit = 24;
/** The dense array of every sparse sketch: never written, since it has no room. */
const noBins = new Float64Array(0);

/** The bucket key of a value (compute once, add to several sketches with `addKeyed`). */
export function keyOf(value: number): number {
	if ((value | 0) === value && value >= 0 && value < tableSize) return keyTable[value]!;
	if (!(value >= smallest)) return zeroKey;
	return mapping.key(value > largest ? largest : value);
}

/**
 * A DDSketch over values ≥ 0 (negative or NaN values count as zero: callers keep them out).
 * Small sketches keep (key, count) pairs; larger ones a dense Float64Array over the keys seen, so a
 * one-second bucket with a handful of values stays around 200 bytes.
 */
export class Sketch {
	/** Number of values added, zeros included. */
	count = 0;
	min = Infinity;
	max = -Infinity;
	private zeros = 0;
	/** Sparse form: [key, count, key, count, …], unsorted; undefined once dense. */
	private pairs: number[] | undefined = [];
	private bins: Float64Array = noBins;
	/** Key of bins[0]. */
	private offset = 0;
	/** Lowest and highest key with a count, in dense form. */
	private low = Infinity;
	private high = -Infinity;

	/** Add one value. */
	add(value: number): void {
		this.addKeyed(value, keyOf(value));
	}

	/** Add one value whose key the caller computed with `keyOf(value)`. */
	addKeyed(value: number, key: number): void {
		this.count++;
		if (value < this.min) this.min = value;
		if (value > this.max) this.max = value;
		if (key === zeroKey) this.zeros++;
		else this.addCount(key, 1);
	}

	/**
	 * Count `count` values ranked below every other value of the sketch, as zeros are, the least of them `least`: for
	 * a caller that asks only for quantiles above them and keeps just their count and minimum (slo.latency's fast hops).
	 */
	addBelow(least: number, count: number): void {
		if (count <= 0) return;
		this.count += count;
		this.zeros += count;
		if (least < this.min) this.min = least;
		if (least > this.max) this.max = least;
	}

	/** Add every value of `other` into this sketch. */
	merge(other: Sketch): void {
		if (other.count === 0) return;
		this.count += other.count;
		this.zeros += other.zeros;
		if (other.min < this.min) this.min = other.min;
		if (other.max > this.max) this.max = other.max;
		const {pairs} = other;
		if (pairs) {
			for (let i = 0; i < pairs.length; i += 2) this.addCount(pairs[i]!, pairs[i + 1]!);
			return;
		}

		if (this.pairs) this.densify(other.low, other.high);
		else {
			this.ensure(other.low, other.high);
		}

		for (let key = other.low; key <= other.high; key++) this.bins[key - this.offset]! += other.bins[key - other.offset]!;
	}

	/** Drop the spare room of the dense array (for a sketch that will mostly be read from now on). */
	compact(): void {
		if (this.pairs || (this.low === this.offset && this.high === this.offset + this.bins.length - 1)) return;
		this.bins = this.bins.slice(this.low - this.offset, this.high - this.offset + 1);
		this.offset = this.low;
	}

	/** Approximate heap bytes, for memory budgets. */
	bytes(): number {
		return 160 + 8 * (this.pairs ? this.pairs.length : this.bins.length);
	}

	/**
	 * The nearest-rank quantile: the value of rank ceil(q·n) (1-based) among the n values, within the relative
	 * accuracy, clamped to [min, max]; ranks 1 and n give the exact minimum and maximum. NaN when empty.
	 */
	quantile(q: number): number {
		if (this.count === 0) return Number.NaN;
		// q·n rounded a hair down so that e.g. 0.07·100 = 7.000000000000001 still means rank 7.
		const rank = Math.min(this.count, Math.max(1, Math.ceil(q * this.count - 1e-9)));
		if (rank === 1) return this.min;
		if (rank === this.count) return this.max;
		if (rank <= this.zeros) return this.clamp(0);
		let remaining = rank - this.zeros;
		if (this.pairs) {
			const keys: number[] = [];
			for (let i = 0; i < this.pairs.length; i += 2) keys.push(i);
			keys.sort((a, b) => this.pairs![a]! - this.pairs![b]!);
			for (const at of keys) {
				remaining -= this.pairs[at + 1]!;
				if (remaining <= 0) return this.clamp(mapping.value(this.pairs[at]!));
			}
		} else {
			for (let key = this.low; key <= this.high; key++) {
				remaining -= this.bins[key - this.offset]!;
				if (remaining <= 0) return this.clamp(mapping.value(key));
			}
		}

		return this.max;
	}

	private clamp(value: number): number {
		return value < this.min ? this.min : value > this.max ? this.max : value;
	}

	private addCount(key: number, count: number): void {
		const {pairs} = this;
		if (pairs) {
			for (let i = 0; i < pairs.length; i += 2) {
				if (pairs[i] === key) {
					pairs[i + 1]! += count;
					return;
				}
			}

			if (pairs.length < sparseLimit * 2) {
				pairs.push(key, count);
				return;
			}

			this.densify(key, key);
		}

		if (key < this.offset || key >= this.offset + this.bins.length) this.ensure(key, key);
		else {
			if (key < this.low) this.low = key;
			if (key > this.high) this.high = key;
		}

		this.bins[key - this.offset]! += count;
	}

	/** Switch to the dense form, making room for the pairs and for keys `low`..`high`. */
	private densify(low: number, high: number): void {
		const pairs = this.pairs!;
		this.pairs = undefined;
		for (let i = 0; i < pairs.length; i += 2) {
			if (pairs[i]! < low) low = pairs[i]!;
			if (pairs[i]! > high) high = pairs[i]!;
		}

		this.ensure(low, high);
		for (let i = 0; i < pairs.length; i += 2) this.bins[pairs[i]! - this.offset]! += pairs[i + 1]!;
	}

	/** Make keys `from`..`to` addressable in the dense array and part of [low, high]; grows with slack on that side. */
	private ensure(from: number, to: number): void {
		const low = Math.min(this.low, from);
		const high = Math.max(this.high, to);
		if (low >= this.offset && high < this.offset + this.bins.length) {
			this.low = low;
			this.high = high;
			return;
		}

		const empty = this.bins.length === 0;
		// Half the span again on the growing side: a sketch that keeps widening reallocates O(log span) times.
		const slack = 16 + ((high - low) >> 1);
		const offset = empty || low < this.offset ? low - slack : this.offset;
		const last = empty || high >= this.offset + this.bins.length ? high + slack : this.offset + this.bins.length - 1;
		const bins = new Float64Array(last - offset + 1);
		if (!empty) bins.set(this.bins.subarray(this.low - this.offset, this.high - this.offset + 1), this.low - offset);
		this.bins = bins;
		this.offset = offset;
		this.low = low;
		this.high = high;
	}
}

/** Round to hundredths of a millisecond for output. */
function round(value: number): number {
	return Math.round(value * 100) / 100;
}

/** p50/p95/p99 of a sketch, rounded to 0.01 ms; NaN (null in JSON) when the sketch is empty. */
export function percentiles(sketch: Sketch): Percentiles {
	return {p50: round(sketch.quantile(0.5)), p95: round(sketch.quantile(0.95)), p99: round(sketch.quantile(0.99))};
}
