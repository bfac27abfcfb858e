// Events generated ahead of time, waiting for their arrival time: a calendar queue with one bucket per millisecond.

/**
 * A priority queue on integer arrival times (ms), first in first out among equal times so the output never
 * depends on anything but the order of pushes. Arrivals lie within a bounded horizon ahead of the earliest one
 * (sagas span seconds), so a ring of per-millisecond buckets gives O(1) push and pop; the ring doubles when an
 * arrival lies beyond it.
 */
export class ArrivalQueue<T> {
	private buckets: Array<T[] | undefined> = new Array<T[] | undefined>(1 << 14);
	/** Read position inside each bucket (a bucket is emptied by advancing it, then reset once drained). */
	private heads = new Int32Array(1 << 14);
	/** Earliest arrival that may still hold items; nothing queued arrives before it. */
	private cursor = 0;
	/** Latest arrival queued since the queue was last empty (an upper bound of what is queued). */
	private latest = 0;
	private count = 0;
	/** Arrival time of the item `pop()` returned last. */
	poppedArrival = 0;

	/** Items queued. */
	get size(): number {
		return this.count;
	}

	/** Arrival time of the next item; Infinity when empty. */
	peekArrival(): number {
		if (this.count === 0) return Number.POSITIVE_INFINITY;
		const mask = this.buckets.length - 1;
		for (;;) {
			const bucket = this.buckets[this.cursor & mask];
			if (bucket !== undefined && this.heads[this.cursor & mask]! < bucket.length) return this.cursor;
			this.cursor++;
		}
	}

	/** Add an item arriving at `arrival` (an integer, not before the last popped arrival). */
	push(item: T, arrival: number): void {
		const cursor = this.count === 0 ? arrival : Math.min(this.cursor, arrival);
		const latest = this.count === 0 ? arrival : Math.max(this.latest, arrival);
		// Grow while the old window is still the valid one: it is what grow() walks.
		while (latest - cursor >= this.buckets.length) this.grow();
		this.cursor = cursor;
		this.latest = latest;
		const slot = arrival & (this.buckets.length - 1);
		const bucket = this.buckets[slot];
		if (bucket === undefined) this.buckets[slot] = [item];
		else bucket.push(item);
		this.count++;
	}

	/** Remove and return the earliest item (the queue must not be empty); its arrival is then in `poppedArrival`. */
	pop(): T {
		const arrival = this.peekArrival();
		const slot = arrival & (this.buckets.length - 1);
		const bucket = this.buckets[slot]!;
		const item = bucket[this.heads[slot]!++]!;
		if (this.heads[slot] === bucket.length) {
			bucket.length = 0;
			this.heads[slot] = 0;
		}

		this.count--;
		this.poppedArrival = arrival;
		return item;
	}

	/** Double the ring, moving every queued item to its slot in the larger one (order within a time kept). */
	private grow(): void {
		const old = this.buckets;
		const oldHeads = this.heads;
		const size = old.length * 2;
		this.buckets = new Array<T[] | undefined>(size);
		this.heads = new Int32Array(size);
		const oldMask = old.length - 1;
		// Every queued arrival lies in [cursor, latest]: walk that window once.
		for (let arrival = this.cursor; arrival <= this.latest; arrival++) {
			const bucket = old[arrival & oldMask];
			if (bucket === undefined || oldHeads[arrival & oldMask]! >= bucket.length) continue;
			this.buckets[arrival & (size - 1)] = bucket.slice(oldHeads[arrival & oldMask]);
		}
	}
}
