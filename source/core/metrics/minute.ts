// One minute of one series: per-second counters and the minute's latencies, raw, per second or merged.
import type {DetailBudget} from './detail-budget.js';
import {keyOf, Sketch, zeroKey} from './sketch.js';

// Offsets of the optional counters in `flags`.
const errorsAt = 0;
const duplicatesAt = 60;
const skewedAt = 120;
/** Bytes per raw latency: a Float32 value and a Uint8 second. */
const bytesPerValue = 5;
/**
 * Raw latencies after which a minute tries one sketch per second instead (~140 per second): it switches when
 * the sketches take less memory than the raw values (a sketch costs ~0.2–5 KB depending on the spread of its
 * values), else it tries again at twice as many. Busy minutes then cost less, and reading part of one no
 * longer scans every value.
 */
const firstRawLimit = 8192;

/**
 * Sixty one-second buckets. Counters are exact per second. Latencies of a quiet minute are kept as they came
 * (5 bytes each, exact), those of a busy one in a sketch per second; a window covering the whole minute reads
 * them merged (cached). Under memory pressure the budget sheds this detail for the oldest minutes (the merged
 * sketch stays: quantiles of such a minute are then per minute), then their merged sketches.
 */
export class Minute {
	readonly counts = new Uint32Array(60);
	/** Errors, duplicates and skewed per second, made on the first such event. */
	private flags: Uint32Array | undefined;
	private values: Float32Array | undefined;
	private seconds: Uint8Array | undefined;
	private size = 0;
	private rawLimit = firstRawLimit;
	private perSecond: Array<Sketch | undefined> | undefined;
	/** Bytes of raw values or per-second sketches. */
	private heldDetailBytes = 0;
	/** The detail was shed: only `merged` (if still kept) tells this minute's latencies. */
	private shed = false;
	private merged: Sketch | undefined;
	private heldMergedBytes = 0;
	/** Bumped on every change, so cached results (here and in windows) know when they are stale. */
	private changes = 0;
	private mergedVersion = -1;
	private p99: Float64Array | undefined;
	private p99Version = -1;

	constructor(public start: number, private readonly budget: DetailBudget) {}

	/** Changes so far: equal stamps mean equal contents. */
	get version(): number {
		return this.changes;
	}

	/** Bytes of raw values or per-second sketches held (what shedding them frees). */
	get detailBytes(): number {
		return this.heldDetailBytes;
	}

	/** Bytes of the merged sketch held (what dropping it frees). */
	get mergedBytes(): number {
		return this.heldMergedBytes;
	}

	/** Reuse this minute for another one (the ring wrapped around). */
	reset(start: number): void {
		this.start = start;
		this.counts.fill(0);
		this.flags = undefined;
		this.dropDetail();
		this.dropMerged();
		this.shed = false;
		this.rawLimit = firstRawLimit;
		this.changes++;
		this.p99 = undefined;
	}

	/**
	 * Count one event (or hop) in second `at` (0–59); `value` is its latency with `key = keyOf(value)`, or NaN
	 * when none was measured. Returns the second's count.
	 */
	record(at: number, error: boolean, duplicate: boolean, skewed: boolean, value: number, key: number): number {
		if (error || duplicate || skewed) {
			const flags = (this.flags ??= new Uint32Array(180));
			if (error) flags[errorsAt + at]!++;
			if (duplicate) flags[duplicatesAt + at]!++;
			if (skewed) flags[skewedAt + at]!++;
		}

		if (value === value) {
			if (this.shed) this.addLate(value);
			else if (this.perSecond) this.addToSecond(at, value, key);
			else this.addRaw(at, value);
		}

		this.changes++;
		return ++this.counts[at]!;
	}

	/** Errors of second `at`. */
	errors(at: number): number {
		return this.flags?.[errorsAt + at] ?? 0;
	}

	/** Duplicates of second `at`. */
	duplicates(at: number): number {
		return this.flags?.[duplicatesAt + at] ?? 0;
	}

	/** Skewed events of second `at`. */
	skewed(at: number): number {
		return this.flags?.[skewedAt + at] ?? 0;
	}

	/**
	 * Add the latencies of seconds [first, last] into `into`. Once shed, a minute adds its merged sketch when the
	 * range covers at least half of it (a window edge falls within 30 s of where it would be).
	 */
	addLatencies(first: number, last: number, into: Sketch): void {
		if (first === 0 && last === 59) {
			const merged = this.wholeMinute();
			if (merged) into.merge(merged);
		} else if (this.shed) {
			if (this.merged && last - first + 1 >= 30) into.merge(this.merged);
		} else {
			this.addDetail(first, last, into);
		}
	}

	/** Nearest-rank p99 of each second's latencies (NaN for seconds without one); per minute once shed. */
	secondP99(): Float64Array {
		if (this.p99 && this.p99Version === this.changes) return this.p99;
		const p99 = (this.p99 ??= new Float64Array(60));
		if (this.perSecond) {
			for (let at = 0; at < 60; at++) p99[at] = this.perSecond[at]?.quantile(0.99) ?? Number.NaN;
		} else if (this.values && this.seconds) {
			rawP99(this.values, this.seconds, this.size, p99);
		} else {
			p99.fill(this.merged ? this.merged.quantile(0.99) : Number.NaN);
		}

		this.p99Version = this.changes;
		return p99;
	}

	/** Replace the raw values or per-second sketches by the merged sketch of the minute. */
	shedDetail(): void {
		if (this.shed) return;
		this.wholeMinute();
		this.secondP99();
		this.dropDetail();
		this.shed = true;
	}

	/** Forget the merged sketch (rebuilt from the detail when that is still here). */
	dropMerged(): void {
		// Once shed, the merged sketch was the only copy of this minute's latencies.
		if (this.shed && this.merged) this.changes++;
		this.budget.bytes -= this.heldMergedBytes;
		this.heldMergedBytes = 0;
		this.merged = undefined;
		this.mergedVersion = -1;
	}

	/** All latencies of the minute, merged; cached until the next change. */
	private wholeMinute(): Sketch | undefined {
		if (this.shed || (this.merged && this.mergedVersion === this.changes)) return this.merged;
		if (this.heldDetailBytes === 0) return undefined;
		const merged = new Sketch();
		this.addDetail(0, 59, merged);
		merged.compact();
		this.dropMerged();
		this.merged = merged;
		this.mergedVersion = this.changes;
		this.heldMergedBytes = merged.bytes();
		this.budget.bytes += this.heldMergedBytes;
		this.budget.trackMerged(this);
		return merged;
	}

	/** Add the raw values or per-second sketches of seconds [first, last] into `into`. */
	private addDetail(first: number, last: number, into: Sketch): void {
		const {perSecond, values, seconds, size} = this;
		if (perSecond) {
			for (let at = first; at <= last; at++) {
				const sketch = perSecond[at];
				if (sketch) into.merge(sketch);
			}
		} else if (values && seconds) {
			for (let i = 0; i < size; i++) {
				const at = seconds[i]!;
				if (at >= first && at <= last) into.add(values[i]!);
			}
		}
	}

	private addRaw(at: number, value: number): void {
		let {values, seconds} = this;
		if (!values || !seconds || this.size === values.length) {
			if (this.size === this.rawLimit) {
				if (this.toPerSecond()) {
					this.addToSecond(at, value, Number.NaN);
					return;
				}

				this.rawLimit *= 2;
			}

			const capacity = values ? values.length * 2 : 16;
			const grownValues = new Float32Array(capacity);
			const grownSeconds = new Uint8Array(capacity);
			if (values && seconds) {
				grownValues.set(values);
				grownSeconds.set(seconds);
			} else {
				this.budget.trackDetail(this);
			}

			this.holdDetail((capacity - (values?.length ?? 0)) * bytesPerValue);
			this.values = values = grownValues;
			this.seconds = seconds = grownSeconds;
		}

		values[this.size] = value;
		seconds[this.size++] = at;
	}

	/** Add a latency to its second's sketch (`key` NaN: compute it). */
	private addToSecond(at: number, value: number, key: number): void {
		const perSecond = this.perSecond!;
		let sketch = perSecond[at];
		if (sketch === undefined) {
			perSecond[at] = sketch = new Sketch();
			this.holdDetail(sketch.bytes());
		}

		const before = sketch.bytes();
		if (key === key) sketch.addKeyed(value, key);
		else sketch.add(value);
		const grown = sketch.bytes() - before;
		if (grown !== 0) this.holdDetail(grown);
	}

	/** Busy minute: move the raw values into one sketch per second if that takes less memory; whether it did. */
	private toPerSecond(): boolean {
		const {values, seconds, size} = this;
		// Estimate first (a dense sketch costs about 8 bytes per key between its lowest and highest), build after.
		const low = new Int32Array(60).fill(zeroKey);
		const high = new Int32Array(60).fill(zeroKey);
		for (let i = 0; i < size; i++) {
			const at = seconds![i]!;
			const key = keyOf(values![i]!);
			if (key === zeroKey) continue;
			if (low[at] === zeroKey || key < low[at]!) low[at] = key;
			if (high[at] === zeroKey || key > high[at]!) high[at] = key;
		}

		let estimate = 0;
		for (let at = 0; at < 60; at++) estimate += 160 + (low[at] === zeroKey ? 0 : 8 * (high[at]! - low[at]! + 1));
		if (estimate >= this.heldDetailBytes) return false;
		const perSecond = new Array<Sketch | undefined>(60);
		for (let i = 0; i < size; i++) (perSecond[seconds![i]!] ??= new Sketch()).add(values![i]!);
		let bytes = 0;
		for (const sketch of perSecond) {
			sketch?.compact();
			bytes += sketch?.bytes() ?? 0;
		}

		this.dropDetail();
		this.perSecond = perSecond;
		this.holdDetail(bytes);
		this.budget.trackDetail(this);
		return true;
	}

	/** A latency for a minute whose detail was shed goes into the merged sketch, if that is still kept. */
	private addLate(value: number): void {
		if (!this.merged) return;
		this.merged.add(value);
		const bytes = this.merged.bytes();
		this.budget.bytes += bytes - this.heldMergedBytes;
		this.heldMergedBytes = bytes;
	}

	private holdDetail(bytes: number): void {
		this.heldDetailBytes += bytes;
		this.budget.bytes += bytes;
	}

	private dropDetail(): void {
		this.budget.bytes -= this.heldDetailBytes;
		this.heldDetailBytes = 0;
		this.values = undefined;
		this.seconds = undefined;
		this.size = 0;
		this.perSecond = undefined;
	}
}

/** Exact nearest-rank p99 per second of raw values, into `p99` (NaN for seconds without values). */
function rawP99(values: Float32Array, seconds: Uint8Array, size: number, p99: Float64Array): void {
	// Group the values by second (a counting sort), then sort each second's values.
	const ends = new Uint32Array(61);
	for (let i = 0; i < size; i++) ends[seconds[i]! + 1]!++;
	for (let at = 1; at <= 60; at++) ends[at]! += ends[at - 1]!;
	const next = ends.slice(0, 60);
	const grouped = new Float64Array(size);
	for (let i = 0; i < size; i++) grouped[next[seconds[i]!]!++] = values[i]!;
	for (let at = 0; at < 60; at++) {
		const count = ends[at + 1]! - ends[at]!;
		if (count === 0) {
			p99[at] = Number.NaN;
			continue;
		}

		const second = grouped.subarray(ends[at]!, ends[at + 1]!).sort();
		p99[at] = second[Math.max(1, Math.ceil(0.99 * count - 1e-9)) - 1]!;
	}
}
