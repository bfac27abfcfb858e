// The saga tracker's deadline heap (deadlines.ts): items come out earliest deadline first, whatever the order they
// went in, across growth of its time array and pushes between pops; an item given an earlier deadline keeps one entry.
import {describe, expect, it} from 'vitest';
import {DeadlineHeap} from '../../../plugins/sagas/deadlines.js';

/** A repeatable pseudo-random sequence in [0, 1). */
function randoms(seed: number): () => number {
	let state = seed;
	return () => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state / 2 ** 32;
	};
}

type Item = {heapIndex: number; name: number};

/** An item not in any heap. */
const item = (name: number): Item => ({heapIndex: -1, name});

describe('DeadlineHeap', () => {
	it('says when the earliest deadline is due and gives its item, Infinity and undefined once empty', () => {
		const heap = new DeadlineHeap<Item>();
		expect(heap.nextAt).toBe(Number.POSITIVE_INFINITY);
		expect(heap.pop()).toBeUndefined();
		heap.schedule(item(3), 30);
		heap.schedule(item(1), 10);
		heap.schedule(item(2), 20);
		expect(heap.nextAt).toBe(10);
		expect([heap.pop()?.name, heap.nextAt, heap.pop()?.name, heap.nextAt, heap.pop()?.name, heap.nextAt]).toEqual([1, 20, 2, 30, 3, Number.POSITIVE_INFINITY]);
	});

	it('moves an entry to an earlier deadline, keeps it at a later one, and holds an item once', () => {
		const heap = new DeadlineHeap<Item>();
		const items = [item(0), item(1), item(2), item(3)];
		items.forEach((entry, index) => heap.schedule(entry, 100 + (index * 10)));
		heap.schedule(items[3]!, 5);
		heap.schedule(items[0]!, 500);
		const out: Array<[number, number]> = [];
		while (heap.nextAt !== Number.POSITIVE_INFINITY) {
			const at = heap.nextAt;
			const popped = heap.pop()!;
			expect(popped.heapIndex).toBe(-1);
			out.push([popped.name, at]);
		}

		expect(out).toEqual([[3, 5], [0, 100], [1, 110], [2, 120]]);
	});

	it('orders thousands of deadlines (equal ones too) pushed between pops as a sort would', () => {
		const random = randoms(7);
		const heap = new DeadlineHeap<Item>();
		const pending: Array<{at: number; item: number}> = [];
		const popped: number[] = [];
		const expected: number[] = [];
		for (let name = 0; name < 5_000; name++) {
			// Times on a coarse grid, so that many are equal; every third step pops once.
			const at = Math.floor(random() * 500) * 10;
			heap.schedule(item(name), at);
			pending.push({at, item: name});
			if (name % 3 === 2) {
				const earliest = Math.min(...pending.map(entry => entry.at));
				expect(heap.nextAt).toBe(earliest);
				const out = heap.pop()!.name;
				const index = pending.findIndex(entry => entry.item === out);
				expect(pending[index]!.at).toBe(earliest);
				pending.splice(index, 1);
			}
		}

		pending.sort((a, b) => a.at - b.at);
		for (const entry of pending) expected.push(entry.at);
		while (heap.nextAt !== Number.POSITIVE_INFINITY) {
			const at = heap.nextAt;
			const {name} = heap.pop()!;
			expect(pending.find(entry => entry.item === name)?.at).toBe(at);
			popped.push(at);
		}

		expect(popped).toEqual(expected);
	});
});
