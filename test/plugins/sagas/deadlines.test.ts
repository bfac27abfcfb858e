// The saga tracker's deadline heap (deadlines.ts): items (instance slots) come out earliest deadline first, whatever
// the order they went in, across growth of its arrays and pushes between pops; an item given an earlier deadline keeps
// one entry, and the heap says which items it holds.
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

describe('DeadlineHeap', () => {
	it('says when the earliest deadline is due and gives its item, Infinity and undefined once empty', () => {
		const heap = new DeadlineHeap();
		expect(heap.nextAt).toBe(Number.POSITIVE_INFINITY);
		expect(heap.pop()).toBe(-1);
		heap.schedule(3, 30);
		heap.schedule(1, 10);
		heap.schedule(2, 20);
		expect(heap.nextAt).toBe(10);
		expect([heap.pop(), heap.nextAt, heap.pop(), heap.nextAt, heap.pop(), heap.nextAt]).toEqual([1, 20, 2, 30, 3, Number.POSITIVE_INFINITY]);
		expect(heap.pop()).toBe(-1);
	});

	it('moves an entry to an earlier deadline, keeps it at a later one, and holds an item once', () => {
		const heap = new DeadlineHeap();
		for (let item = 0; item < 4; item++) heap.schedule(item, 100 + (item * 10));
		heap.schedule(3, 5);
		heap.schedule(0, 500);
		expect([0, 1, 2, 3, 4, 1000].map(item => heap.holds(item))).toEqual([true, true, true, true, false, false]);
		const out: Array<[number, number]> = [];
		while (heap.nextAt !== Number.POSITIVE_INFINITY) {
			const at = heap.nextAt;
			const popped = heap.pop();
			expect(heap.holds(popped)).toBe(false);
			out.push([popped, at]);
		}

		expect(out).toEqual([[3, 5], [0, 100], [1, 110], [2, 120]]);
	});

	it('orders thousands of deadlines (equal ones too) pushed between pops as a sort would', () => {
		const random = randoms(7);
		const heap = new DeadlineHeap();
		const pending: Array<{at: number; item: number}> = [];
		const popped: number[] = [];
		const expected: number[] = [];
		for (let name = 0; name < 5_000; name++) {
			// Times on a coarse grid, so that many are equal; every third step pops once.
			const at = Math.floor(random() * 500) * 10;
			heap.schedule(name, at);
			pending.push({at, item: name});
			if (name % 3 === 2) {
				const earliest = Math.min(...pending.map(entry => entry.at));
				expect(heap.nextAt).toBe(earliest);
				const out = heap.pop();
				const index = pending.findIndex(entry => entry.item === out);
				expect(pending[index]!.at).toBe(earliest);
				pending.splice(index, 1);
			}
		}

		pending.sort((a, b) => a.at - b.at);
		for (const entry of pending) expected.push(entry.at);
		while (heap.nextAt !== Number.POSITIVE_INFINITY) {
			const at = heap.nextAt;
			const name = heap.pop();
			expect(pending.find(entry => entry.item === name)?.at).toBe(at);
			popped.push(at);
		}

		expect(popped).toEqual(expected);
	});
});
