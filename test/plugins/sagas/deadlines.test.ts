// The saga tracker's deadline heap (deadlines.ts): items come out earliest deadline first, whatever the order they
// went in, across growth of its time array and pushes between pops.
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
		const heap = new DeadlineHeap<string>();
		expect(heap.nextAt).toBe(Number.POSITIVE_INFINITY);
		expect(heap.pop()).toBeUndefined();
		heap.push(30, 'c');
		heap.push(10, 'a');
		heap.push(20, 'b');
		expect(heap.nextAt).toBe(10);
		expect([heap.pop(), heap.nextAt, heap.pop(), heap.nextAt, heap.pop(), heap.nextAt]).toEqual(['a', 20, 'b', 30, 'c', Number.POSITIVE_INFINITY]);
	});

	it('orders thousands of deadlines (equal ones too) pushed between pops as a sort would', () => {
		const random = randoms(7);
		const heap = new DeadlineHeap<number>();
		const pending: Array<{at: number; item: number}> = [];
		const popped: number[] = [];
		const expected: number[] = [];
		for (let item = 0; item < 5_000; item++) {
			// Times on a coarse grid, so that many are equal; every third step pops once.
			const at = Math.floor(random() * 500) * 10;
			heap.push(at, item);
			pending.push({at, item});
			if (item % 3 === 2) {
				const earliest = Math.min(...pending.map(entry => entry.at));
				expect(heap.nextAt).toBe(earliest);
				const out = heap.pop()!;
				const index = pending.findIndex(entry => entry.item === out);
				expect(pending[index]!.at).toBe(earliest);
				pending.splice(index, 1);
			}
		}

		pending.sort((a, b) => a.at - b.at);
		for (const entry of pending) expected.push(entry.at);
		while (heap.nextAt !== Number.POSITIVE_INFINITY) {
			const at = heap.nextAt;
			const item = heap.pop()!;
			expect(pending.find(entry => entry.item === item)?.at).toBe(at);
			popped.push(at);
		}

		expect(popped).toEqual(expected);
	});
});
