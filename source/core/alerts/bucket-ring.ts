// Counters over a sliding window of event time, kept as a ring of equal buckets: O(1) per event, fixed memory.
// Plain arrays, not typed ones: a ring per topic or edge is created and dropped as keys come and go, and each
// typed array has an off-heap buffer whose bookkeeping makes garbage collection slow down as they pile up.
// A ring may also keep the buckets of an allowed lateness behind its window, so that a late event is counted in
// the windows of its own time (windowsHolding) rather than only in the one ending at the clock. Those rings are six
// times larger (error-rate's: 360 buckets, not 60) and live as long as their keys: typed arrays there, which hold
// a count in 4 bytes where a plain array takes 8, and a time in 8 where a plain array mixing −∞ and times boxes it.

/** A few counters (fields) summed over the last `slots` buckets of `windowMs / slots` ms each. */
export class BucketRing {
	/** Sum of each field over the window. */
	readonly sums: number[];
	private readonly counts: number[] | Int32Array;
	/** The newest time counted in each kept bucket (only with a lateness: late windows are judged at it). */
	private readonly latest: Float64Array | undefined;
	private readonly step: number;
	/** Buckets kept: the window's, and with a lateness the lateness's behind it. */
	private readonly kept: number;
	/** How many buckets behind the newest one a time may still be counted. */
	private readonly reach: number;
	private readonly scanned: number[];
	private head = Number.NEGATIVE_INFINITY;

	/** `lateMs`: how far behind the window's end a time may be and still be counted in the windows of its own time. */
	constructor(windowMs: number, private readonly slots: number, private readonly fields: number, lateMs = 0) {
		this.step = windowMs / slots;
		// One bucket more than the lateness spans: a time `lateMs` behind may sit in the bucket before it.
		const behind = lateMs > 0 ? Math.ceil(lateMs / this.step) + 1 : 0;
		this.kept = slots + behind;
		// A time is counted while the whole window ending at its bucket is kept (or while it is inside the window).
		this.reach = behind > 0 ? Math.max(slots, behind + 1) : slots;
		this.sums = new Array<number>(fields).fill(0);
		this.scanned = new Array<number>(fields).fill(0);
		this.counts = behind > 0 ? new Int32Array(this.kept * fields) : new Array<number>(this.kept * fields).fill(0);
		this.latest = behind > 0 ? new Float64Array(this.kept).fill(Number.NEGATIVE_INFINITY) : undefined;
	}

	/** The bucket number holding `time`. */
	bucketOf(time: number): number {
		return Math.floor(time / this.step);
	}

	/** The first millisecond of bucket `bucket`. */
	startOf(bucket: number): number {
		return bucket * this.step;
	}

	/** The last millisecond of bucket `bucket`. */
	endOf(bucket: number): number {
		return Math.ceil((bucket + 1) * this.step) - 1;
	}

	/** Bucket number of the newest bucket (the window's end). */
	get newest(): number {
		return this.head;
	}

	/** Index in a ring of `slots` (plus lateness) entries where bucket `bucket` lives (for data kept beside the counters). */
	slotOf(bucket: number): number {
		return ((bucket % this.kept) + this.kept) % this.kept;
	}

	/** How many entries data kept beside the counters needs (one per kept bucket). */
	get size(): number {
		return this.kept;
	}

	/** Whether bucket `bucket` is inside the window that ends at bucket `end` (the newest by default) and still kept. */
	holds(bucket: number, end = this.head): boolean {
		return bucket <= end && bucket > end - this.slots && bucket <= this.head && bucket > this.head - this.kept;
	}

	/** The newest time counted in bucket `bucket` (−∞ when none, or when the ring keeps no lateness). */
	newestIn(bucket: number): number {
		return this.latest !== undefined && this.holds(bucket, bucket) ? this.latest[this.slotOf(bucket)]! : Number.NEGATIVE_INFINITY;
	}

	/** Move the window's end to `time`, emptying the buckets that leave it. */
	advance(time: number): void {
		const bucket = this.bucketOf(time);
		if (bucket <= this.head) return;
		const {counts, sums, fields, latest} = this;
		if (bucket - this.head >= this.kept) {
			counts.fill(0);
			sums.fill(0);
			latest?.fill(Number.NEGATIVE_INFINITY);
		} else {
			for (let passed = this.head + 1; passed <= bucket; passed++) {
				// The bucket leaving the window stays kept (for late windows) until its slot is reused.
				const leaving = this.slotOf(passed - this.slots) * fields;
				for (let field = 0; field < fields; field++) sums[field]! -= counts[leaving + field]!;
				const reused = this.slotOf(passed);
				counts.fill(0, reused * fields, reused * fields + fields);
				if (latest !== undefined) latest[reused] = Number.NEGATIVE_INFINITY;
			}
		}

		this.head = bucket;
	}

	/**
	 * Count `amount` on `field` at `time` (moving the window forward if needed); false when `time` is before the
	 * window, or with a lateness, before the windows the ring still keeps whole.
	 */
	add(time: number, field: number, amount = 1): boolean {
		const bucket = this.bucketOf(time);
		if (bucket > this.head) this.advance(time);
		else if (bucket <= this.head - this.reach) return false;
		const slot = this.slotOf(bucket);
		this.counts[slot * this.fields + field]! += amount;
		if (bucket > this.head - this.slots) this.sums[field]! += amount;
		if (this.latest !== undefined && time > this.latest[slot]!) this.latest[slot] = time;
		return true;
	}

	/**
	 * Visit each window that holds bucket `bucket` (those ending at it, and after it up to the newest) with its sums
	 * (one array, rewritten for each): O(slots) to start (less when near the newest), then O(1) a window.
	 */
	windowsHolding(bucket: number, visit: (end: number, sums: readonly number[]) => void): void {
		const {scanned, head, slots} = this;
		const last = Math.min(bucket + slots - 1, head);
		if (head - bucket < slots / 2) {
			// Just behind the clock (another partition's events moved it on): from the window ending at the newest
			// bucket, back to this one.
			for (let field = 0; field < this.fields; field++) scanned[field] = this.sums[field]!;
			for (let end = head; end > bucket; end--) {
				this.sumInto(scanned, end, -1);
				this.sumInto(scanned, end - slots, 1);
			}
		} else {
			scanned.fill(0);
			for (let kept = bucket - slots + 1; kept <= bucket; kept++) this.sumInto(scanned, kept, 1);
		}

		for (let end = bucket; end <= last; end++) {
			if (end > bucket) {
				this.sumInto(scanned, end, 1);
				this.sumInto(scanned, end - slots, -1);
			}

			visit(end, scanned);
		}
	}

	/** The sums of the window ending one bucket before the newest (one array, rewritten by the next scan). */
	sumsBeforeNewest(): readonly number[] {
		const {scanned, head} = this;
		for (let field = 0; field < this.fields; field++) scanned[field] = this.sums[field]!;
		this.sumInto(scanned, head, -1);
		this.sumInto(scanned, head - this.slots, 1);
		return scanned;
	}

	/** Whether anything counted is inside the window that ends at `time` (not only in buckets kept for late windows). */
	countsWithin(time: number): boolean {
		const end = this.bucketOf(time);
		for (let bucket = Math.min(end, this.head); bucket > end - this.slots && bucket > this.head - this.kept; bucket--) {
			const base = this.slotOf(bucket) * this.fields;
			for (let field = 0; field < this.fields; field++) if (this.counts[base + field] !== 0) return true;
		}

		return false;
	}

	/** Whether nothing counted so far is still inside a window ending at `time`, nor kept for late windows. */
	emptyAt(time: number): boolean {
		return this.bucketOf(time) - this.head >= this.kept;
	}

	/** Add (sign 1) or take away (−1) bucket `bucket`'s counts, when it is kept. */
	private sumInto(sums: number[], bucket: number, sign: number): void {
		if (bucket > this.head || bucket <= this.head - this.kept) return;
		const base = this.slotOf(bucket) * this.fields;
		for (let field = 0; field < this.fields; field++) sums[field]! += sign * this.counts[base + field]!;
	}
}
