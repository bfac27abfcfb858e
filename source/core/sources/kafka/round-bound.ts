// How much of a fetch round the Kafka source hands out: a partition that has more to read bounds the round in event
// time, so that no partition's backlog runs ahead of another's (the hops' watermark would make the other's events late).
import type {RawEvent} from '../../envelope.js';

/** One partition's events from a fetch round, and whether the partition has more to read than the round gave. */
export type FetchedPart = {events: readonly RawEvent[]; unread: boolean};

/** The event time of the last event of `events` that has one. */
export function lastTime(events: readonly RawEvent[], timeOf: (event: RawEvent) => number | undefined): number | undefined {
	for (let i = events.length - 1; i >= 0; i--) {
		const time = timeOf(events[i]!);
		if (time !== undefined) return time;
	}

	return undefined;
}

/**
 * How many of each part's first events the round hands out (the rest is read again next round). The bound is the
 * earliest of: the last event time of each part that has more to read, and where each partition `starved` stands
 * (it has more to read but the round gave it nothing: the time of its next event if known, undefined when it was
 * never read). Each part hands out its events up to the first one later than the bound (its offsets stay in order,
 * so an event after that one waits too, whatever its time); an event without a time is never held back for itself.
 * When that would hand out nothing at all, a starved partition holds the round (it is fetched first next round,
 * and a fetch always brings its first partition something); without one (a part's events far out of time order)
 * the whole round goes, as it would without a bound: reading must go on.
 */
export function handedOut(parts: readonly FetchedPart[], starved: ReadonlyArray<number | undefined>, timeOf: (event: RawEvent) => number | undefined): number[] {
	let bound = Infinity;
	for (const part of parts) {
		if (!part.unread) continue;
		const last = lastTime(part.events, timeOf);
		if (last !== undefined && last < bound) bound = last;
	}

	for (const time of starved) bound = Math.min(bound, time ?? -Infinity);
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
	return starved.length > 0 ? counts : whole;
}
