// Min-heap on (event time, arrival order), for the events the calendar queue cannot hold in its ring.

/** Min-heap on (time, order); the keys live in typed arrays beside the items, so comparisons touch no object. */
export class EventTimeHeap<T> {
	private times = new Float64Array(16);
	private orders = new Float64Array(16);
	private items: Array<T | undefined> = new Array<T | undefined>(16);
	private length = 0;

	/** Number of waiting entries. */
	get size(): number {
		return this.length;
	}

	/** Event time of the earliest entry (Infinity when empty). */
	earliest(): number {
		return this.length === 0 ? Infinity : this.times[0]!;
	}

	/** Arrival order of the earliest entry (read it before `pop`). */
	earliestOrder(): number {
		return this.orders[0]!;
	}

	/** Add an entry with its event time and arrival order. */
	push(time: number, order: number, item: T): void {
		if (this.length === this.times.length) this.grow();
		const {times, orders, items} = this;
		let at = this.length++;
		while (at > 0) {
			const parent = (at - 1) >> 1;
			const parentTime = times[parent]!;
			if (parentTime < time || (parentTime === time && orders[parent]! < order)) break;
			times[at] = parentTime;
			orders[at] = orders[parent]!;
			items[at] = items[parent];
			at = parent;
		}

		times[at] = time;
		orders[at] = order;
		items[at] = item;
	}

	/** Remove and return the earliest entry (undefined when empty). */
	pop(): T | undefined {
		if (this.length === 0) return undefined;
		const {times, orders, items} = this;
		const top = items[0];
		const last = --this.length;
		const time = times[last]!;
		const order = orders[last]!;
		const item = items[last];
		items[last] = undefined;
		let at = 0;
		for (;;) {
			let child = (at << 1) + 1;
			if (child >= last) break;
			const right = child + 1;
			if (right < last && (times[right]! < times[child]! || (times[right] === times[child] && orders[right]! < orders[child]!))) child = right;
			const childTime = times[child]!;
			if (time < childTime || (time === childTime && order < orders[child]!)) break;
			times[at] = childTime;
			orders[at] = orders[child]!;
			items[at] = items[child];
			at = child;
		}

		if (last > 0) {
			times[at] = time;
			orders[at] = order;
			items[at] = item;
		}

		return top;
	}

	private grow(): void {
		const times = new Float64Array(this.times.length * 2);
		times.set(this.times);
		const orders = new Float64Array(this.orders.length * 2);
		orders.set(this.orders);
		this.times = times;
		this.orders = orders;
		this.items.length = times.length;
	}
}
