// A min-heap of deadlines: the tracker asks for what is overdue without looking at every open instance. Items are
// small integers (the tracker's instance slots); the times, the items and each item's place in the heap live in
// typed arrays, so an entry costs no object and no boxed number of its own (a tracker may hold tens of thousands of
// open instances, which the collector would otherwise walk). Each item knows its place in the heap, so a deadline
// that comes earlier moves its entry instead of adding a second one: an item is held only until its one entry comes
// up, not until every deadline it ever had passed.

/** Deadlines of items 0, 1, 2…, earliest first; the owner decides whether an item's deadline still holds when it comes up. */
export class DeadlineHeap {
	private times = new Float64Array(64);
	private items = new Int32Array(64);
	/** Each item's place in the heap, -1 when it has none. */
	private places = new Int32Array(64).fill(-1);
	private count = 0;

	/** When the earliest deadline is due (Infinity: none). */
	get nextAt(): number {
		return this.count === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
	}

	/** Whether `item` has an entry. */
	holds(item: number): boolean {
		return item < this.places.length && this.places[item]! !== -1;
	}

	/** Give `item` the deadline `at`: added when it has no entry, moved when `at` is earlier than its entry's. */
	schedule(item: number, at: number): void {
		if (item >= this.places.length) {
			const places = new Int32Array(Math.max(item + 1, this.places.length * 2)).fill(-1);
			places.set(this.places);
			this.places = places;
		}

		let index = this.places[item]!;
		if (index === -1) {
			index = this.count++;
			if (index === this.times.length) {
				const times = new Float64Array(index * 2);
				times.set(this.times);
				this.times = times;
				const items = new Int32Array(index * 2);
				items.set(this.items);
				this.items = items;
			}
		} else if (at >= this.times[index]!) {
			return;
		}

		const {items, times} = this;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (times[parent]! <= at) break;
			this.place(index, times[parent]!, items[parent]!);
			index = parent;
		}

		this.place(index, at, item);
	}

	/** Remove and return the item of the earliest deadline (see nextAt); -1 when there is none. */
	pop(): number {
		if (this.count === 0) return -1;
		const {items, times} = this;
		const top = items[0]!;
		this.places[top] = -1;
		const count = --this.count;
		if (count === 0) return top;
		const lastItem = items[count]!;
		const lastAt = times[count]!;
		let index = 0;
		for (;;) {
			const left = (index * 2) + 1;
			if (left >= count) break;
			const right = left + 1;
			const child = right < count && times[right]! < times[left]! ? right : left;
			if (times[child]! >= lastAt) break;
			this.place(index, times[child]!, items[child]!);
			index = child;
		}

		this.place(index, lastAt, lastItem);
		return top;
	}

	private place(index: number, at: number, item: number): void {
		this.times[index] = at;
		this.items[index] = item;
		this.places[item] = index;
	}
}
