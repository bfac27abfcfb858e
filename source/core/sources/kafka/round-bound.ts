// How much of a fetch round the Kafka source hands out: a partition that has more to read bounds the round in event
// time, so that no partition's backlog runs ahead of another's (the hops' watermark would make the other's events late).
import type {RawEvent} from '../../envelope.js';

/** One partition's events from a fetch round, and whether the partition has more to read than the round gave. */
export type FetchedPart = {events: readonly RawEvent[]; unread: boolean};

/** The event time of the last event of `events` that has one. */
function lastTime(events: readonly RawEvent[], timeOf: (event: RawEvent) => number | undefined): number | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const time = timeOf(events[i]!);
		if (time !== undefined) return time;
	}

	return undefined;
}

/**
 * The partitions a round gave nothing though they have more to read (the answer was full before their turn, or their
 * first batch was larger than their share): `unknown`, one of them was never given anything, so where it starts in
 * event time is not known; `resumesAt`, the earliest event time where one given events before resumes (its first
 * event held back, else its last handed out), of those whose share grew to fit their next batch (the next round
 * brings them something, so holding a round for them ends).
 */
export type Starved = {unknown: boolean; resumesAt?: number};

/**
 * How many of each part's first events the round hands out (the rest is read again next round). A partition starved
 * that was never read holds the round whole (the source asks for it first next round, and a broker always gives the
 * first partition of its answer something). Else the bound is the earliest of where a starved partition resumes and
 * the last event times of the parts that have more to read: each part hands out its events up to the first one later
 * than that (its offsets stay in order, so an event after that one waits too, whatever its time); an event without a
 * time is never held back for itself. When that would hand out nothing at all, a starved partition that set the bound
 * holds the round (it is asked for first next round, and each such round learns where one resumes); else (a part's
 * events far out of time order) the whole round goes, as it would without a bound: reading must go on.
 */
export function handedOut(parts: readonly FetchedPart[], starved: Starved, timeOf: (event: RawEvent) => number | undefined): number[] {
	if (starved.unknown) return parts.map(() => 0);
	let bound = starved.resumesAt ?? Infinity;
	for (const part of parts) {
		if (!part.unread) continue;
		const last = lastTime(part.events, timeOf);
		if (last !== undefined && last < bound) bound = last;
	}

	const whole = parts.map(part => part.events.length);
	if (bound === Infinity) return whole;
	let any = false;
	const counts = parts.map(({events}) => {
		let count = 0;
		for (; count < events.length; count++) {
			const time = timeOf(events[count]!);
			if (time !== undefined && time > bound) break;
		}

		any ||= count > 0;
		return count;
	});
	if (any) return counts;
	return starved.resumesAt === bound ? counts : whole;
}
