import {describe, expect, it} from 'vitest';
import type {RawEvent} from '../../../source/core/envelope.js';
import {pace, type PaceClock} from '../../../source/core/sources/pacing.js';
import type {SourceBatch} from '../../../source/core/sources/source.js';

const recorded = Date.UTC(2026, 10, 21, 10, 0, 0);
const wallStart = 5_000_000;

/** A virtual clock: sleeping moves time forward at once, and every sleep is logged. */
function virtualClock(): PaceClock & {sleeps: number[]} {
	let time = wallStart;
	const sleeps: number[] = [];
	return {
		now: () => time,
		async sleep(ms) {
			sleeps.push(ms);
			time += ms;
		},
		sleeps,
	};
}

/** An event named `id` recorded `at` ms after the start (by recordedAt), or with no time when `at` is undefined. */
function at(id: string, ms: number | undefined, field: 'receivedAt' | 'timestamp' = 'receivedAt'): RawEvent {
	return {source: 'recording', topic: 't', value: {id}, ...(ms === undefined ? {} : {[field]: recorded + ms})};
}

/** Input batches as an async iterable. */
async function * input(...batches: SourceBatch[]): AsyncGenerator<SourceBatch> {
	yield * batches;
}

/** Each release: the virtual wall time (relative to the start) and the ids released. */
async function releases(batches: AsyncIterable<SourceBatch>, clock: PaceClock): Promise<Array<[number, string[]]>> {
	const out: Array<[number, string[]]> = [];
	for await (const batch of batches) out.push([clock.now() - wallStart, batch.events.map(event => (event.value as {id: string}).id)]);
	return out;
}

describe('pace', () => {
	it('releases events at their recorded gaps at speed 1', async () => {
		const clock = virtualClock();
		const paced = pace(input({events: [at('a', 0), at('b', 100), at('c', 100), at('d', 250), at('e', 1000)]}), {speed: 1, clock});
		expect(await releases(paced, clock)).toStrictEqual([[0, ['a']], [100, ['b', 'c']], [250, ['d']], [1000, ['e']]]);
		expect(clock.sleeps).toStrictEqual([100, 150, 750]);
	});

	it('divides the gaps by the speed, and keeps the schedule across input batches', async () => {
		const clock = virtualClock();
		const paced = pace(input({events: [at('a', 0), at('b', 100)]}, {events: [at('c', 250), at('d', 1000)]}), {speed: 10, clock});
		expect(await releases(paced, clock)).toStrictEqual([[0, ['a']], [10, ['b']], [25, ['c']], [100, ['d']]]);
	});

	it('releases everything due at each tick of at least 10 ms at high rates, never one by one', async () => {
		const clock = virtualClock();
		const events = Array.from({length: 50}, (_, index) => at(`e${index}`, index));
		const result = await releases(pace(input({events}), {speed: 1, clock}), clock);
		const ids = (from: number, to: number) => Array.from({length: to - from}, (_, index) => `e${from + index}`);
		expect(result).toStrictEqual([[0, ['e0']], [10, ids(1, 11)], [20, ids(11, 21)], [30, ids(21, 31)], [40, ids(31, 41)], [50, ids(41, 50)]]);
		expect(clock.sleeps).toStrictEqual([10, 10, 10, 10, 10]);
	});

	it('passes batches straight through at max speed', async () => {
		const clock = virtualClock();
		const first = {events: [at('a', 0), at('b', 60_000)]};
		const second = {events: [at('c', 3_600_000)]};
		const out: SourceBatch[] = [];
		const paced = pace(input(first, second), {speed: 'max', clock});
		for await (const batch of paced) out.push(batch);
		expect(out.map(batch => batch.events)).toStrictEqual([first.events, second.events]);
		expect(clock.sleeps).toStrictEqual([]);
		expect(paced.position()).toBe(recorded + 3_600_000);
	});

	it('falls back to the event timestamp, and lets events without a time out with the events before them', async () => {
		const clock = virtualClock();
		const events = [at('untimed-first', undefined), at('a', 0, 'timestamp'), at('x', undefined), at('b', 100, 'timestamp'), at('y', undefined)];
		expect(await releases(pace(input({events}), {speed: 1, clock}), clock)).toStrictEqual([[0, ['untimed-first', 'a', 'x']], [100, ['b', 'y']]]);
	});

	it('drops events outside [from, to) by the same time and starts the schedule at the first one kept', async () => {
		const clock = virtualClock();
		const events = [...Array.from({length: 11}, (_, index) => at(`e${index * 100}`, index * 100)), at('untimed', undefined)];
		const paced = pace(input({events}), {speed: 1, from: recorded + 300, to: recorded + 700, clock});
		expect(await releases(paced, clock)).toStrictEqual([[0, ['e300']], [100, ['e400']], [200, ['e500']], [300, ['e600', 'untimed']]]);
	});

	it('paces and cuts bare payloads (no recorded time) by the time their payload carries', async () => {
		const clock = virtualClock();
		const bare = (id: string, ms: number): RawEvent => ({source: 'recording', value: {id, timestamp: new Date(recorded + ms).toISOString()}});
		const payloadTime = (event: RawEvent) => Date.parse((event.value as {timestamp: string}).timestamp);
		const events = [bare('p0', 0), bare('p200', 200), bare('p100-late', 100), bare('p400', 400), bare('p900', 900)];
		const paced = pace(input({events}), {speed: 1, from: recorded + 100, to: recorded + 900, clock, payloadTime});
		expect(await releases(paced, clock)).toStrictEqual([[0, ['p200', 'p100-late']], [200, ['p400']]]);
	});

	it('changes speed while playing, from where the schedule stands', async () => {
		const clock = virtualClock();
		const events = [at('a', 0), at('b', 1000), at('c', 2000), at('d', 3000), at('e', 4000)];
		const paced = pace(input({events}), {speed: 1, clock});
		const out: Array<[number, string[]]> = [];
		for await (const batch of paced) {
			out.push([clock.now() - wallStart, batch.events.map(event => (event.value as {id: string}).id)]);
			if (out.length === 2) paced.setSpeed(10);
			if (out.length === 3) paced.setSpeed('max');
		}

		// b at 1000 ms; at 10× c is due 100 ms later; then max releases the rest at once.
		expect(out).toStrictEqual([[0, ['a']], [1000, ['b']], [1100, ['c']], [1100, ['d', 'e']]]);
		expect(paced.speed()).toBe('max');
	});

	it('resumes the recorded pace from the last released event after max speed', async () => {
		const clock = virtualClock();
		const paced = pace(input({events: [at('a', 0), at('b', 5000)]}, {events: [at('c', 5200)]}), {speed: 'max', clock});
		const out: Array<[number, string[]]> = [];
		for await (const batch of paced) {
			out.push([clock.now() - wallStart, batch.events.map(event => (event.value as {id: string}).id)]);
			paced.setSpeed(1);
		}

		expect(out).toStrictEqual([[0, ['a', 'b']], [200, ['c']]]);
	});

	it('wakes a long wait when the speed changes, and cancels the clock timer', async () => {
		const signals: AbortSignal[] = [];
		const clock: PaceClock = {
			now: () => wallStart,
			// Never ends by itself: only an abort can end this wait.
			sleep: async (_ms, signal) => new Promise(resolve => {
				signals.push(signal!);
				signal!.addEventListener('abort', () => resolve());
			}),
		};
		const paced = pace(input({events: [at('a', 0), at('b', 3_600_000)]}), {speed: 1, clock});
		const iterator = paced[Symbol.asyncIterator]();
		expect((await iterator.next()).value?.events).toHaveLength(1);
		expect(paced.position()).toBe(recorded);
		const next = iterator.next();
		await new Promise(resolve => setImmediate(resolve));
		expect(signals).toHaveLength(1);
		expect(signals[0]!.aborted).toBe(false);
		paced.setSpeed('max');
		expect((await next).value?.events.map((event: RawEvent) => (event.value as {id: string}).id)).toStrictEqual(['b']);
		expect(signals[0]!.aborted).toBe(true);
		expect(paced.finished()).toBe(false);
		expect((await iterator.next()).done).toBe(true);
		expect(paced.finished()).toBe(true);
		expect(paced.position()).toBe(recorded + 3_600_000);
	});

	it('ends at once, even inside a long gap, when its signal aborts', async () => {
		const clock: PaceClock = {now: () => wallStart, sleep: async () => new Promise(() => undefined)};
		const stop = new AbortController();
		const paced = pace(input({events: [at('a', 0), at('b', 3_600_000)]}), {speed: 1, clock, signal: stop.signal});
		const iterator = paced[Symbol.asyncIterator]();
		await iterator.next();
		const next = iterator.next();
		stop.abort();
		expect((await next).done).toBe(true);
	});

	it('keeps read positions with the last piece of a split batch, and for a batch entirely out of range', async () => {
		const clock = virtualClock();
		const positions = {'orders:0': '41'};
		const dropped = {'orders:0': '42'};
		const paced = pace(input(
			{events: [at('a', 0), at('b', 100)], positions},
			{events: [at('old', -100)], positions: dropped},
		), {speed: 1, from: recorded, clock});
		const out: SourceBatch[] = [];
		for await (const batch of paced) out.push(batch);
		expect(out.map(batch => [batch.events.length, batch.positions])).toStrictEqual([[1, undefined], [1, positions], [0, dropped]]);
	});

	it('passes a recording\'s quiet time on when it is due, and leaves out what --to cuts', async () => {
		const clock = virtualClock();
		const batches = input({events: [at('a', 0)]}, {events: [], clock: recorded + 2000}, {events: [], clock: recorded + 9000}, {events: [at('b', 3000)]});
		const passed: Array<[number, number | undefined]> = [];
		for await (const batch of pace(batches, {speed: 1, clock, to: recorded + 5000})) passed.push([clock.now() - wallStart, batch.clock]);
		expect(passed).toStrictEqual([[0, undefined], [2000, recorded + 2000], [3000, undefined]]);
	});

	it('refuses a speed that is not positive', () => {
		const paced = pace(input(), {speed: 1});
		for (const speed of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => paced.setSpeed(speed)).toThrow(RangeError);
		expect(() => pace(input(), {speed: 0})).toThrow(RangeError);
		expect(paced.speed()).toBe(1);
	});
});
