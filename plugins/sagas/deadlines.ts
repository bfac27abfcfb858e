// A min-heap of deadlines: the tracker asks for what is overdue without looking at every open instance. The times
// live in a Float64Array beside the items, so an entry costs no object and no boxed number of its own (a tracker
// may hold tens of thousands of open instances, which the collector would otherwise walk). Each item knows its
// place in the heap, so a deadline that comes earlier moves its entry instead of adding a second one: an item is
// held only until its one entry comes up, not until every deadline it ever had passed.

/** What the heap holds: `heapIndex` is the item's place in it, -1 when it has none (the heap keeps it). */
export type HeapItem = {heapIndex: number};

/** Deadlines, earliest first; the owner decides whether an item's deadline still holds when it comes up. */
export class DeadlineHeap<T extends HeapItem> {
	private times = new Float64Array(64);
	private readonly items: T[] = [];

	/** When the earliest deadline is due (Infinity: none). */
	get nextAt(): number {
		return this.items.length === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
	}

	/** Give `item` the deadline `at`: added when it has no entry, moved when `at` is earlier than its entry's. */
	schedule(item: T, at: number): void {
		let index = item.heapIndex;
		if (index === -1) {
			index = this.items.length;
			if (index === this.times.length) {
				const times = new Float64Array(index * 2);
				times.set(this.times);
				this.times = times;
			}

			this.items.push(item);
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

	/** Remove and return the item of the earliest deadline (see nextAt); undefined when there is none. */
	pop(): T | undefined {
		const {items, times} = this;
		const top = items[0];
		if (top !== undefined) top.heapIndex = -1;
		const lastItem = items.pop();
		const count = items.length;
		if (count === 0) return top;
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

		this.place(index, lastAt, lastItem!);
		return top;
	}

	private place(index: number, at: number, item: T): void {
		this.times[index] = at;
		this.items[index] = item;
		item.heapIndex = index;
	}
}
