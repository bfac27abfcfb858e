// Replays batches at their recorded pace: the gaps between arrivals, scaled by a speed that can change while playing.
import {setTimeout as delay} from 'node:timers/promises';
import type {RawEvent} from '../envelope.js';
import type {ReplayControl} from './paced-source.js';
import type {SourceBatch} from './source.js';
import type {RecordedOutage} from './recording/outage-line.js';

/** Time as pacing sees it; tests inject a virtual one. */
export type PaceClock = {
	now(): number;
	/** Resolve after `ms`, or as soon as `signal` aborts (a clock may ignore the signal: pacing races it anyway). */
	sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

/** How to pace a replay. */
export type PaceOptions = {
	/** 1 = as recorded, 10 = ten times faster, 'max' = no waiting. */
	speed: number | 'max';
	/** Drop events recorded before this time (ms). */
	from?: number;
	/** Drop events recorded at or after this time (ms). */
	to?: number;
	/** The time of an event with no recorded time (a bare payload line): its payload's own time. */
	payloadTime?: (event: RawEvent) => number | undefined;
	clock?: PaceClock;
	/** Ends the replay at once, even in the middle of a long gap. */
	signal?: AbortSignal;
	/** Told of each gap longer than `longestWaitMs` to wait: from and to in recorded time (ms). */
	onShortened?: (gap: {from: number; to: number}) => void;
};

/** Paced batches plus the controls the UI uses while they play. */
export type PacedBatches = AsyncIterable<SourceBatch> & ReplayControl;

/** Shortest wait between two releases: at high rates everything due is released together, never one by one. */
export const minTickMs = 10;

/** Longest wait for what comes next (a minute): a longer gap is a clock that was wrong or hours of nothing, shortened. */
export const longestWaitMs = 60_000;

const wallClock: PaceClock = {
	now: () => Date.now(),
	async sleep(ms, signal) {
		await delay(ms, undefined, {signal}).catch(() => undefined);
	},
};

/** Check a speed the user asked for. */
function checkSpeed(speed: number | 'max'): number | 'max' {
	if (speed === 'max' || (Number.isFinite(speed) && speed > 0)) return speed;
	throw new RangeError(`replay speed must be a positive number or 'max', got ${speed}`);
}

/**
 * Release the events of `batches` when they are due: an event recorded `d` ms after the first one comes out
 * `d / speed` ms after it. Events without any time come out with the events before them.
 */
export function pace(batches: AsyncIterable<SourceBatch>, options: PaceOptions): PacedBatches {
	const clock = options.clock ?? wallClock;
	const {from, to, signal, payloadTime, onShortened} = options;
	/** When an event was recorded: its arrival (`recordedAt`), else its transport timestamp, else its payload's time. */
	const recordedTime = (event: RawEvent) => event.receivedAt ?? event.timestamp ?? payloadTime?.(event);
	let speed = checkSpeed(options.speed);
	// The schedule: recorded time `anchorTime` is due at wall time `anchorWall`; later times follow at `speed`.
	let anchorWall = 0;
	let anchorTime: number | undefined;
	let position: number | undefined;
	let done = false;
	// The sleep in progress; aborted to wake it early when the speed changes or the replay stops.
	let tick: AbortController | undefined;
	signal?.addEventListener('abort', () => tick?.abort(), {once: true});

	const due = (time: number) => anchorWall + ((time - anchorTime!) / (speed as number));
	const inRange = (event: RawEvent) => timeInRange(recordedTime(event));
	const overlapsRange = (outage: RecordedOutage) => (to === undefined || outage.from < to) && (from === undefined || outage.to === undefined || outage.to >= from);
	const timeInRange = (time: number | undefined) => time === undefined || ((from === undefined || time >= from) && (to === undefined || time < to));
	/**
	 * Outages begun before `from` whose ending line has not come yet: whether any of them is in the range is known
	 * only later. Said just before what comes first in the range (they lasted into it) or at the end (they lasted
	 * to it); dropped with their ending line when that ends before the range.
	 */
	const begunBefore: RecordedOutage[] = [];
	const begunEarlier = (outage: RecordedOutage) => from !== undefined && outage.to === undefined && outage.from < from;
	/** The outages begun before the range that last into it, as batches of their beginning lines. */
	const lastingInto = (): SourceBatch[] => begunBefore.splice(0).map(outage => ({events: [], outage}));
	/** The outage `ending` ends, if it began before the range: its beginning line, when the outage reaches the range. */
	const endOfBegun = (ending: RecordedOutage): SourceBatch[] => {
		const index = begunBefore.findIndex(outage => outage.source === ending.source && outage.from === ending.from);
		if (index < 0) return [];
		const [begun] = begunBefore.splice(index, 1);
		return overlapsRange(ending) ? [{events: [], outage: begun!}] : [];
	};

	/** Move the schedule on so that `time`, due later than `longestWaitMs` from now, is due then; and say so. */
	const shorten = (time: number) => {
		const wait = due(time) - clock.now();
		if (wait <= longestWaitMs) return;
		anchorWall -= wait - longestWaitMs;
		onShortened?.({from: position ?? anchorTime!, to: time});
	};

	/** Sleep until `ms` have passed, the speed changes or the replay is stopped. */
	const sleep = async (ms: number) => {
		const current = new AbortController();
		tick = current;
		await new Promise<void>(resolve => {
			current.signal.addEventListener('abort', () => resolve(), {once: true});
			clock.sleep(ms, current.signal).then(resolve, resolve);
		});
		// Cancels the clock's timer when the wait ended early, so it cannot hold the process open.
		current.abort();
		tick = undefined;
	};

	/** Mark `events` released: the position moves to the latest recorded time among them. */
	const released = (events: RawEvent[]) => {
		for (const event of events) {
			const time = recordedTime(event);
			if (time !== undefined && (position === undefined || time > position)) position = time;
		}

		return events;
	};

	async function * play(): AsyncGenerator<SourceBatch> {
		try {
			for await (const batch of batches) {
				if (signal?.aborted) return;
				const marked = batch.clock ?? (batch.outage && (batch.outage.to ?? batch.outage.from));
				if (marked !== undefined) {
					// The live run's quiet time or outage (recording-format.md): due, and cut by --from / --to, as an
					// arrival then would be; an outage is kept while any of it is in the range.
					if (batch.outage && begunEarlier(batch.outage)) {
						begunBefore.push(batch.outage);
						continue;
					}

					const begun = batch.outage?.to === undefined ? [] : endOfBegun(batch.outage);
					if (batch.outage ? !overlapsRange(batch.outage) : !timeInRange(marked)) continue;
					yield * [...lastingInto(), ...begun];
					if (speed !== 'max' && anchorTime !== undefined) shorten(marked);
					while (speed !== 'max' && anchorTime !== undefined && !signal?.aborted && due(marked) > clock.now()) {
						await sleep(Math.max(minTickMs, due(marked) - clock.now()));
					}

					if (signal?.aborted) return;
					yield {events: [], ...(batch.clock !== undefined && {clock: batch.clock}), ...(batch.outage && {outage: batch.outage})};
					continue;
				}

				const events = from === undefined && to === undefined ? batch.events : batch.events.filter(inRange);
				let start = 0;
				while (start < events.length) {
					if (signal?.aborted) return;
					const now = clock.now();
					let end = start;
					if (speed === 'max') end = events.length;
					else {
						for (; end < events.length; end++) {
							const time = recordedTime(events[end]!);
							if (time === undefined) continue;
							// The first timed event starts the schedule.
							if (anchorTime === undefined) {
								anchorTime = time;
								anchorWall = now;
							}

							if (due(time) > now) break;
						}
					}

					if (end === start) {
						shorten(recordedTime(events[start]!)!);
						await sleep(Math.max(minTickMs, due(recordedTime(events[start]!)!) - now));
						continue;
					}

					const last = end === events.length;
					const ready = start === 0 && last ? events : events.slice(start, end);
					yield * lastingInto();
					yield {events: released(ready), ...(last && batch.positions ? {positions: batch.positions} : {})};
					start = end;
				}

				// A batch whose events all fell outside the range still advances the read positions.
				if (events.length === 0 && batch.positions) yield {events: [], positions: batch.positions};
			}

			if (!signal?.aborted) yield * lastingInto();
		} finally {
			done = true;
		}
	}

	return {
		[Symbol.asyncIterator]: () => play(),
		speed: () => speed,
		setSpeed(next) {
			const now = clock.now();
			// Re-anchor where the schedule stands now, so the new speed applies from here on; after max speed that is
			// the last event released.
			if (speed === 'max') anchorTime = position;
			else if (anchorTime !== undefined) anchorTime += (now - anchorWall) * speed;
			anchorWall = now;
			speed = checkSpeed(next);
			tick?.abort();
		},
		position: () => position,
		finished: () => done,
	};
}
