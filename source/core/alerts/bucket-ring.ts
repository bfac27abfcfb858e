// Counters over a sliding window of event time, kept as a ring of equal buckets: O(1) per event, fixed memory.
// Plain arrays, not typed ones: a ring per topic or edge is created and dropped as keys come and go, and each
// typed array has an off-heap buffer whose bookkeeping makes garbage collection slow down as they pile up.

/** A few counters (fields) summed over the last `slots` buckets of `windowMs / slots` ms each. */
export class BucketRing {
	/** Sum of each field over the window. */
	readonly sums: number[];
	private readonly counts: number[];
	private readonly step: number;
	private head = Number.NEGATIVE_INFINITY;

	constructor(windowMs: number, private readonly slots: number, private readonly fields: number) {
		this.step = windowMs / slots;
		this.sums = new Array<number>(fields).fill(0);
		this.counts = new Array<number>(slots * fields).fill(0);
	}

	/** The bucket number holding `time`. */
	bucketOf(time: number): number {
		return Math.floor(time / this.step);
	}

	/** Bucket number of the newest bucket (the window's end). */
	get newest(): number {
		return this.head;
	}

	/** Index in a ring of `slots` entries where bucket `bucket` lives (for data kept beside the counters). */
	slotOf(bucket: number): number {
		return ((bucket % this.slots) + this.slots) % this.slots;
	}

	/** Whether bucket `bucket` is still inside the window. */
	holds(bucket: number): boolean {
		return bucket <= this.head && bucket > this.head - this.slots;
	}

	/** Move the window's end to `time`, emptying the buckets that leave it. */
	advance(time: number): void {
		const bucket = this.bucketOf(time);
		if (bucket <= this.head) return;
		const {counts, sums, fields} = this;
		if (bucket - this.head >= this.slots) {
			counts.fill(0);
			sums.fill(0);
		} else {
			for (let passed = this.head + 1; passed <= bucket; passed++) {
				const base = this.slotOf(passed) * fields;
				for (let field = 0; field < fields; field++) {
					sums[field]! -= counts[base + field]!;
					counts[base + field] = 0;
				}
			}
		}

		this.head = bucket;
	}

	/** Count `amount` on `field` at `time` (moving the window forward if needed); false when `time` is before the window. */
	add(time: number, field: number, amount = 1): boolean {
		const bucket = this.bucketOf(time);
		if (bucket > this.head) this.advance(time);
		else if (bucket <= this.head - this.slots) return false;
		this.counts[this.slotOf(bucket) * this.fields + field]! += amount;
		this.sums[field]! += amount;
		return true;
	}

	/** Whether nothing counted so far is still inside a window ending at `time`. */
	emptyAt(time: number): boolean {
		return this.bucketOf(time) - this.head >= this.slots;
	}
}
