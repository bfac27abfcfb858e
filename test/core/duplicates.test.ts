import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {DuplicateTracker} from '../../source/core/duplicates.js';
import {createNormalizer, type RawEvent} from '../../source/core/envelope.js';

const norm = createNormalizer(defaultConfig.fields);
const minute = 60_000;
const window = 10 * minute;
const t0 = Date.UTC(2024, 0, 1);

/** An event with id `id` on `topic` at event time `at`. */
const event = (id: string, at: number | undefined, raw: Partial<RawEvent> = {}) =>
	norm({source: 'kafka', topic: 'payments', timestamp: at, value: {eventId: id}, ...raw}, t0);

describe('DuplicateTracker', () => {
	it('flags the same event id on the same topic within the window, not before or elsewhere', () => {
		const tracker = new DuplicateTracker(window, 100);
		expect(tracker.check(event('e1', t0))).toBe(false);
		expect(tracker.check(event('e2', t0))).toBe(false);
		expect(tracker.check(event('e1', t0 + 1000))).toBe(true);
		expect(tracker.check(event('e1', t0 + 1000, {topic: 'refunds'}))).toBe(false);
		expect(tracker.size).toBe(3);
	});

	it('counts the window inclusively and forgets sightings older than it', () => {
		const tracker = new DuplicateTracker(window, 100);
		tracker.check(event('a', t0));
		expect(tracker.check(event('a', t0 + window))).toBe(true);
		tracker.check(event('b', t0));
		expect(tracker.check(event('b', t0 + window + 1))).toBe(false);
	});

	it('measures from the latest sighting, and takes late events as duplicates too', () => {
		const tracker = new DuplicateTracker(window, 100);
		tracker.check(event('a', t0));
		expect(tracker.check(event('a', t0 + 8 * minute))).toBe(true);
		expect(tracker.check(event('a', t0 + 16 * minute))).toBe(true);
		tracker.check(event('late', t0 + 100_000));
		expect(tracker.check(event('late', t0 + 90_000))).toBe(true);
		// The late sighting does not pull the remembered time back.
		expect(tracker.check(event('late', t0 + 100_000 + window))).toBe(true);
	});

	it('uses the arrival time when an event has no event time', () => {
		const tracker = new DuplicateTracker(window, 100);
		tracker.check(event('a', undefined, {receivedAt: t0}));
		expect(tracker.check(event('a', undefined, {receivedAt: t0 + window}))).toBe(true);
		expect(tracker.check(event('a', undefined, {receivedAt: t0 + 3 * window}))).toBe(false);
	});

	it('does not flag the same partition and offset read twice, but does flag a redelivery at another offset', () => {
		const tracker = new DuplicateTracker(window, 100);
		expect(tracker.check(event('a', t0, {partition: 1, offset: '10'}))).toBe(false);
		expect(tracker.check(event('a', t0, {partition: 1, offset: '10'}))).toBe(false);
		expect(tracker.check(event('a', t0, {partition: 2, offset: '10'}))).toBe(true);
		expect(tracker.check(event('a', t0, {partition: 1, offset: '11'}))).toBe(true);
	});

	it('detects redelivered content for events without an event id', () => {
		const tracker = new DuplicateTracker(window, 100);
		const payment = (offset: string, amount: number) => norm({source: 'kafka', topic: 'payments', offset, timestamp: t0, value: {orderId: 'O-1', amount}});
		expect(tracker.check(payment('1', 10))).toBe(false);
		expect(tracker.check(payment('2', 10))).toBe(true);
		expect(tracker.check(payment('3', 11))).toBe(false);
	});

	it('forgets the oldest ids past maxTracked and counts those still inside the window', () => {
		const tracker = new DuplicateTracker(window, 3);
		for (const id of ['a', 'b', 'c', 'd']) tracker.check(event(id, t0));
		expect([tracker.size, tracker.forgotten]).toEqual([3, 1]);
		// Seeing the oldest id again moves it to the end instead of forgetting it.
		expect(tracker.check(event('b', t0))).toBe(true);
		expect(tracker.forgotten).toBe(1);
		tracker.check(event('e', t0));
		expect([tracker.size, tracker.forgotten]).toEqual([3, 2]);
		// c was forgotten; remembering it again forgets d, the oldest then.
		expect(tracker.check(event('c', t0))).toBe(false);
		expect(tracker.check(event('b', t0))).toBe(true);
		expect(tracker.check(event('e', t0))).toBe(true);
		expect(tracker.forgotten).toBe(3);
		expect(tracker.check(event('d', t0))).toBe(false);
	});

	it('does not count ids forgotten after their window passed', () => {
		const tracker = new DuplicateTracker(window, 2);
		tracker.check(event('a', t0));
		tracker.check(event('b', t0 + 2 * window));
		tracker.check(event('c', t0 + 2 * window));
		expect([tracker.size, tracker.forgotten]).toEqual([2, 0]);
	});

	it('keeps exactly the newest maxTracked ids through growth and many evictions', () => {
		const tracker = new DuplicateTracker(window, 1500);
		for (let i = 0; i < 5000; i++) tracker.check(event(`id-${i}`, t0 + i));
		expect([tracker.size, tracker.forgotten]).toEqual([1500, 3500]);
		// Oldest first, so each refresh moves the oldest to the end and forgets nothing.
		const kept = Array.from({length: 1500}, (_, i) => tracker.check(event(`id-${3500 + i}`, t0 + 5000)));
		expect(kept.every(Boolean)).toBe(true);
		expect(tracker.forgotten).toBe(3500);
		expect(tracker.check(event('id-3499', t0 + 5000))).toBe(false);
	});

	it('remembers every id while below maxTracked', () => {
		const tracker = new DuplicateTracker(window, 10_000);
		for (let i = 0; i < 3000; i++) tracker.check(event(`id-${i}`, t0));
		const again = Array.from({length: 3000}, (_, i) => tracker.check(event(`id-${i}`, t0 + 1)));
		expect(again.every(Boolean)).toBe(true);
		expect([tracker.size, tracker.forgotten]).toEqual([3000, 0]);
	});

	it('answers as a plain list of sightings would, through growth, evictions and probe runs that wrap around the table', () => {
		// The tracker's rules without its hash table: every sighting in arrival order, the newest of each id found by
		// search, the oldest dropped past maxTracked.
		const maxTracked = 700;
		const sightings: Array<{id: string; time: number; position: string; newest: boolean}> = [];
		let newestTime = Number.NEGATIVE_INFINITY;
		let forgotten = 0;
		const model = (id: string, time: number, position: string): boolean => {
			newestTime = Math.max(newestTime, time);
			const seen = sightings.find(sighting => sighting.newest && sighting.id === id);
			if (seen && seen.position === position) return false;
			if (sightings.length === maxTracked) {
				const oldest = sightings.shift()!;
				if (oldest.newest && oldest !== seen) {
					if (newestTime - oldest.time <= window) forgotten++;
					oldest.newest = false;
				}
			}

			if (seen) seen.newest = false;
			sightings.push({id, time: seen ? Math.max(time, seen.time) : time, position, newest: true});
			return seen !== undefined && Math.abs(time - seen.time) <= window;
		};

		const tracker = new DuplicateTracker(window, maxTracked);
		// A fixed pseudo-random sequence (a linear congruential generator), so a failure repeats.
		let state = 12_345;
		const next = (below: number) => {
			state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
			return (state >>> 8) % below;
		};

		const answers: boolean[] = [];
		const expected: boolean[] = [];
		for (let i = 0; i < 6000; i++) {
			const id = `id-${next(1200)}`;
			const at = t0 + (i * 100) + next(15 * minute);
			const offset = String(next(4));
			answers.push(tracker.check(event(id, at, {partition: 0, offset})));
			expected.push(model(id, at, offset));
		}

		expect(answers).toEqual(expected);
		expect([tracker.size, tracker.forgotten]).toEqual([sightings.filter(sighting => sighting.newest).length, forgotten]);
		expect(expected.filter(Boolean).length).toBeGreaterThan(1000);
		expect(forgotten).toBeGreaterThan(100);
	});

	it('tracks nothing with maxTracked 0', () => {
		const tracker = new DuplicateTracker(window, 0);
		tracker.check(event('a', t0));
		expect(tracker.check(event('a', t0))).toBe(false);
	});
});
