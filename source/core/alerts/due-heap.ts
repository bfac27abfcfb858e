// A binary min-heap of items by time: which open alert falls due next, without scanning every open alert.

/** Items ordered by a time fixed when pushed (push again when it moves). */
export class DueHeap<Item> {
	private readonly times: number[] = [];
	private readonly items: Item[] = [];

	/** The earliest time held (Infinity when empty). */
	peek(): number {
		return this.times.length === 0 ? Number.POSITIVE_INFINITY : this.times[0]!;
	}

	/** Add an item due at `time`. */
	push(time: number, item: Item): void {
		const {times, items} = this;
		let at = times.length;
		times.push(time);
		items.push(item);
		while (at > 0) {
			const parent = (at - 1) >> 1;
			if (times[parent]! <= time) break;
			times[at] = times[parent]!;
			items[at] = items[parent]!;
			at = parent;
		}

		times[at] = time;
		items[at] = item;
	}

	/** Remove and return the item with the earliest time. */
	pop(): Item | undefined {
		const {times, items} = this;
		if (times.length === 0) return undefined;
		const top = items[0];
		const lastTime = times.pop()!;
		const lastItem = items.pop()!;
		const size = times.length;
		if (size > 0) {
			let at = 0;
			for (;;) {
				let child = 2 * at + 1;
				if (child >= size) break;
				if (child + 1 < size && times[child + 1]! < times[child]!) child++;
				if (times[child]! >= lastTime) break;
				times[at] = times[child]!;
				items[at] = items[child]!;
				at = child;
			}

			times[at] = lastTime;
			items[at] = lastItem;
		}

		return top;
	}
}
