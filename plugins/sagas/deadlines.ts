// A min-heap of deadlines: the tracker asks for what is overdue without looking at every open instance.

/** An entry: due at `at` (the owner decides whether it still holds when it comes up). */
export type Deadline<T> = {at: number; item: T};

/** Deadlines, earliest first. */
export class DeadlineHeap<T> {
	private readonly heap: Array<Deadline<T>> = [];

	/** Add a deadline. */
	push(entry: Deadline<T>): void {
		const heap = this.heap;
		heap.push(entry);
		let index = heap.length - 1;
		while (index > 0) {
			const parent = (index - 1) >> 1;
			if (heap[parent]!.at <= entry.at) break;
			heap[index] = heap[parent]!;
			index = parent;
		}

		heap[index] = entry;
	}

	/** Remove and return the earliest deadline if it is before `now` (a deadline at `now` is not yet passed). */
	popDue(now: number): Deadline<T> | undefined {
		const heap = this.heap;
		const top = heap[0];
		if (top === undefined || top.at >= now) return undefined;
		const last = heap.pop()!;
		if (heap.length > 0) {
			let index = 0;
			for (;;) {
				const left = index * 2 + 1;
				if (left >= heap.length) break;
				const right = left + 1;
				const child = right < heap.length && heap[right]!.at < heap[left]!.at ? right : left;
				if (heap[child]!.at >= last.at) break;
				heap[index] = heap[child]!;
				index = child;
			}

			heap[index] = last;
		}

		return top;
	}
}
