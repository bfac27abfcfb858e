// A min-heap of deadlines: the tracker asks for what is overdue without looking at every open instance. The times
// live in a Float64Array beside the items, so an entry costs no object and no boxed number of its own (a tracker
// may hold tens of thousands of open instances, which the collector would otherwise walk).

/** Deadlines, earliest first; the owner decides whether an item's deadline still holds when it comes up. */
export class DeadlineHeap<T> {
	private times = new Float64Array(64);
	private readonly items: T[] = [];

	/** When the earliest deadline is due (Infinity: none). */
	get nextAt(): number {
		return this.items.length === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
	}

	/** Add a deadline at `at`. */
	push(at: number, item: T): void {
		const {items} = this;
		let index = items.length;
		if (index === this.times.length) {
			const times = new Float64Array(index * 2);
			times.set(this.times);
			this.times = times;
		}

		const {times} = this;
		items.push(item);
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (times[parent]! <= at) break;
			times[index] = times[parent]!;
			items[index] = items[parent]!;
			index = parent;
		}

		times[index] = at;
		items[index] = item;
	}

	/** Remove and return the item of the earliest deadline (see nextAt); undefined when there is none. */
	pop(): T | undefined {
		const {items, times} = this;
		const top = items[0];
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
			times[index] = times[child]!;
			items[index] = items[child]!;
			index = child;
		}

		times[index] = lastAt;
		items[index] = lastItem!;
		return top;
	}
}
