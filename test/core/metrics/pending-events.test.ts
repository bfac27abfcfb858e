import {describe, expect, it} from 'vitest';
import {PendingEvents} from '../../../source/core/metrics/pending-events.js';
import {seeded} from './support.js';

type Waiting = {time: number; order: number};

/** By event time, then arrival order. */
function sorted(items: Waiting[]): Waiting[] {
	return [...items].sort((a, b) => a.time - b.time || a.order - b.order);
}

/** The reference: everything waiting, released by sorting. */
class Reference {
	private items: Waiting[] = [];

	add(item: Waiting): void {
		this.items.push(item);
	}

	release(until: number): Waiting[] {
		const out = sorted(this.items.filter(item => item.time <= until));
		this.items = this.items.filter(item => item.time > until);
		return out;
	}

	shift(): Waiting | undefined {
		const [first] = sorted(this.items);
		this.items = this.items.filter(item => item !== first);
		return first;
	}
}

/** Read released slots back as (time, order) and free them. */
function drain(pending: PendingEvents, slots: number[]): Waiting[] {
	const out = slots.map(slot => ({time: pending.times[slot]!, order: pending.orders[slot]!}));
	for (const slot of slots) pending.recycle(slot);
	slots.length = 0;
	return out;
}

describe('PendingEvents', () => {
	it('releases exactly what a sort would, through ring, wrap-around, fractional times, far-ahead events and early shifts', () => {
		for (const seed of [1, 2, 3]) {
			const random = seeded(seed);
			const pending = new PendingEvents(5000);
			const reference = new Reference();
			let newest = 1_700_000_000_000;
			let order = 0;
			const released: Waiting[] = [];
			const expected: Waiting[] = [];
			const slots: number[] = [];
			for (let step = 0; step < 8000; step++) {
				const roll = random();
				// Mostly near the newest time; some fractional, some far ahead (beyond the ring), some big jumps.
				let time = newest - Math.floor(random() * 3000) + Math.floor(random() * 50);
				if (roll < 0.05) time += random();
				else if (roll < 0.07) time += 50_000 + Math.floor(random() * 10_000_000);
				else if (roll < 0.075) newest += 3_600_000;
				if (time > newest - 5000) {
					pending.add(time, order, 1, 2, order);
					reference.add({time, order: order++});
				}

				if (time > newest && time < newest + 60_000) newest = time;
				else newest += Math.floor(random() * 3);
				if (random() < 0.3) {
					pending.release(newest - 5000, slots);
					released.push(...drain(pending, slots));
					expected.push(...reference.release(newest - 5000));
				}

				if (random() < 0.01) {
					const slot = pending.shift();
					expect(slot === -1 ? undefined : drain(pending, [slot])[0]).toEqual(reference.shift());
				}
			}

			pending.release(Infinity, slots);
			released.push(...drain(pending, slots));
			expected.push(...reference.release(Infinity));
			expect(released.length).toBe(expected.length);
			expect(released).toEqual(expected);
			expect(pending.size).toBe(0);
		}
	});

	it('keeps arrival order within a millisecond and gives each slot its fields back', () => {
		const pending = new PendingEvents(1000);
		for (const index of [0, 1, 2]) pending.add(10, index, 10 + index, 20 + index, 100 + index, `id-${index}`, index === 1);
		pending.add(9.5, 3, 13, 23, 103);
		const slots: number[] = [];
		pending.release(9.7, slots);
		pending.release(10, slots);
		expect(slots.map(slot => [pending.pairs[slot], pending.owners[slot], pending.seqs[slot], pending.ids[slot], pending.errors[slot]])).toEqual([
			[23, 13, 103, undefined, 0], [20, 10, 100, 'id-0', 0], [21, 11, 101, 'id-1', 1], [22, 12, 102, 'id-2', 0],
		]);
		expect(pending.shift()).toBe(-1);
	});
});
