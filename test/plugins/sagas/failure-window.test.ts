// The saga.failed window: the same count and example ids as a queue of every failure (the rule's first form), in
// and out of order, and memory bounded by the window, not by the number of failures in it.
import {describe, expect, it} from 'vitest';
import {FailureWindow} from '../../../plugins/sagas/failure-window.js';

/** The queue the window replaces: every failure kept, those at its front left behind dropped after each one. */
function queueWindow(windowMs: number) {
	const times: number[] = [];
	const ids: string[] = [];
	return (at: number, id: string) => {
		times.push(at);
		ids.push(id);
		while (times.length > 0 && times[0]! <= at - windowMs) {
			times.shift();
			ids.shift();
		}

		return {count: times.length, ids: ids.slice(-5).reverse()};
	};
}

/** A seeded generator of integers below `below` (the same sequence each run). */
function seeded(seed: number) {
	let state = seed;
	return (below: number) => {
		state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
		return state % below;
	};
}

describe('the saga.failed window', () => {
	it.each([0, 1, 50, 1000])('counts and names failures as the queue did, out of order too (window %i ms)', windowMs => {
		const next = seeded(windowMs + 7);
		const window = new FailureWindow(windowMs);
		const queue = queueWindow(windowMs);
		let clock = 0;
		let first: string | undefined;
		for (let n = 0; n < 20_000 && first === undefined; n++) {
			// Mostly forward, sometimes a burst at one time, sometimes late by up to two windows, sometimes a leap.
			const roll = next(100);
			if (roll < 60) clock += next(5);
			else if (roll === 99) clock += (windowMs * 3) + next(100);
			const at = roll >= 85 && roll < 99 ? clock - next((windowMs * 2) + 1) : clock;
			const got = JSON.stringify({count: window.add(at, `I${n}`), ids: window.newestIds()});
			const expected = JSON.stringify(queue(at, `I${n}`));
			if (got !== expected) first = `failure ${n} at ${at}: ${got}, the queue ${expected}`;
		}

		expect(first).toBeUndefined();
	});

	it('holds an entry per distinct time in the window, not per failure: a burst of a million in 1,000 ms', () => {
		const window = new FailureWindow(5 * 60_000);
		let count = 0;
		for (let n = 0; n < 1_000_000; n++) count = window.add(1_000_000 + Math.floor(n / 1000), `C${n}`);
		expect(count).toBe(1_000_000);
		expect(window.entries).toBe(1000);
		expect(window.newestIds()).toEqual(['C999999', 'C999998', 'C999997', 'C999996', 'C999995']);
		// The window moving on lets the runs go.
		expect(window.add(1_000_000 + (5 * 60_000) + 999, 'late')).toBe(1);
		expect(window.entries).toBe(1);
	});
});
