// One series (overall, a topic, or a hop edge): whole-run totals plus a ring of one-second buckets for an hour.
import type {DetailBudget} from './detail-budget.js';
import {Minute} from './minute.js';
import {Sketch} from './sketch.js';

/** The longest window, in seconds: the ring keeps this many one-second buckets. */
export const maxWindowSeconds = 3600;

// 61 minutes cover any 3,600 consecutive seconds.
const minuteSlots = maxWindowSeconds / 60 + 1;

/** Counters and latency of a run of seconds. */
export type SeriesTotals = {
	events: number;
	errors: number;
	duplicates: number;
	skewed: number;
	/** Highest one-second count. */
	peak: number;
	latency: Sketch;
};

/** A run of whole minutes merged, with the version of each minute it was merged from (-1: none). */
type WholeMinutes = {from: number; end: number; stamps: number[]; totals: SeriesTotals};

/** Zero counts and an empty sketch. */
function emptyTotals(): SeriesTotals {
	return {events: 0, errors: 0, duplicates: 0, skewed: 0, peak: 0, latency: new Sketch()};
}

/** Add `part` into `totals`. */
function add(totals: SeriesTotals, part: SeriesTotals): void {
	totals.events += part.events;
	totals.errors += part.errors;
	totals.duplicates += part.duplicates;
	totals.skewed += part.skewed;
	if (part.peak > totals.peak) totals.peak = part.peak;
	totals.latency.merge(part.latency);
}

/** Whole-run totals and an hour of one-second buckets of one series. */
export class Series {
	events = 0;
	errors = 0;
	duplicates = 0;
	skewed = 0;
	/** Highest one-second count over the run (seconds that still fit in the ring when their events came). */
	peak = 0;
	/** All latencies of the run. */
	readonly latency = new Sketch();
	/** Newest second written; lets a window skip a series that was quiet all through it. */
	newest = -Infinity;
	private readonly minutes: Array<Minute | undefined> = new Array<Minute | undefined>(minuteSlots);
	private current: Minute | undefined;
	/** The whole minutes of the last window read, merged. */
	private cache: WholeMinutes | undefined;

	constructor(readonly name: string, private readonly budget: DetailBudget) {}

	/**
	 * Count one event (or hop) in `second`, given the newest second of its clock (never older than `second`).
	 * `value` is its latency with `key = keyOf(value)`, or NaN when none was measured. Seconds more than an
	 * hour old (or not finite) count in the totals only.
	 */
	record(second: number, now: number, error: boolean, duplicate: boolean, skewed: boolean, value: number, key: number): void {
		this.events++;
		if (error) this.errors++;
		if (duplicate) this.duplicates++;
		if (skewed) this.skewed++;
		if (value === value) this.latency.addKeyed(value, key);
		let minute = this.current;
		if (minute === undefined || second < minute.start || second >= minute.start + 60) {
			if (!(second > now - maxWindowSeconds)) return;
			minute = this.writable(second);
			this.current = minute;
		}

		if (second > this.newest) this.newest = second;
		const count = minute.record(second - minute.start, error, duplicate, skewed, value, key);
		if (count > this.peak) this.peak = count;
	}

	/** Totals of seconds [from, to] (inclusive, at most an hour, ending no later than the clock's now). */
	window(from: number, to: number): SeriesTotals {
		const totals = emptyTotals();
		if (this.newest < from) return totals;
		// Whole minutes come merged from a cache that lives until the window slides past a minute boundary or one of
		// them changes; only the seconds of the partial minutes at either end are read at each call.
		const firstWhole = Math.ceil(from / 60) * 60;
		const endWhole = Math.floor((to + 1) / 60) * 60;
		if (firstWhole < endWhole) {
			this.addSeconds(from, firstWhole - 1, totals);
			add(totals, this.wholeMinutes(firstWhole, endWhole));
			this.addSeconds(endWhole, to, totals);
		} else {
			this.addSeconds(from, to, totals);
		}

		return totals;
	}

	/** Event count of one second (0 when it is not in the ring). */
	countAt(second: number): number {
		const start = Math.floor(second / 60) * 60;
		return this.readable(start)?.counts[second - start] ?? 0;
	}

	/** Events counted in seconds [from, to] (only the seconds still in the ring), without touching the window cache. */
	countBetween(from: number, to: number): number {
		let count = 0;
		for (let start = Math.floor(from / 60) * 60; start <= to; start += 60) {
			const counts = this.readable(start)?.counts;
			if (!counts) continue;
			for (let at = Math.max(from, start) - start; at <= Math.min(to, start + 59) - start; at++) count += counts[at]!;
		}

		return count;
	}

	/** Per-second counts and latency p99 (NaN when nothing was measured) of seconds [from, to]. */
	perSecond(from: number, to: number): {counts: number[]; p99: number[]} {
		const counts: number[] = [];
		const p99: number[] = [];
		for (let start = Math.floor(from / 60) * 60; start <= to; start += 60) {
			const minute = this.readable(start);
			const secondP99 = minute?.secondP99();
			for (let at = Math.max(from, start) - start; at <= Math.min(to, start + 59) - start; at++) {
				counts.push(minute?.counts[at] ?? 0);
				p99.push(secondP99?.[at] ?? Number.NaN);
			}
		}

		return {counts, p99};
	}

	/** Add seconds [from, to] (nothing when from > to) to `totals`. */
	private addSeconds(from: number, to: number, totals: SeriesTotals): void {
		for (let start = Math.floor(from / 60) * 60; start <= to; start += 60) {
			const minute = this.readable(start);
			if (!minute) continue;
			const first = Math.max(from, start) - start;
			const last = Math.min(to, start + 59) - start;
			for (let at = first; at <= last; at++) {
				const count = minute.counts[at]!;
				if (count === 0) continue;
				totals.events += count;
				if (count > totals.peak) totals.peak = count;
				totals.errors += minute.errors(at);
				totals.duplicates += minute.duplicates(at);
				totals.skewed += minute.skewed(at);
			}

			minute.addLatencies(first, last, totals.latency);
		}
	}

	/** Totals of the whole minutes starting at `from` up to `end` (exclusive), cached while they are unchanged. */
	private wholeMinutes(from: number, end: number): SeriesTotals {
		const cached = this.cache;
		if (cached?.from === from && cached.end === end && this.unchanged(cached)) return cached.totals;
		const totals = emptyTotals();
		const stamps: number[] = [];
		for (let start = from; start < end; start += 60) stamps.push(this.readable(start)?.version ?? -1);
		this.addSeconds(from, end - 1, totals);

		this.cache = {from, end, stamps, totals};
		return totals;
	}

	/** Whether the minutes of a cached block still hold what they held. */
	private unchanged(cached: WholeMinutes): boolean {
		let index = 0;
		for (let start = cached.from; start < cached.end; start += 60) {
			if ((this.readable(start)?.version ?? -1) !== cached.stamps[index++]) return false;
		}

		return true;
	}

	/** The minute starting at second `start` if the ring still holds it. */
	private readable(start: number): Minute | undefined {
		const minute = this.minutes[slotOf(start)];
		return minute?.start === start ? minute : undefined;
	}

	/** The minute holding `second`, taking over the slot of whatever older minute used it. */
	private writable(second: number): Minute {
		const start = Math.floor(second / 60) * 60;
		const slot = slotOf(start);
		const minute = this.minutes[slot];
		if (minute === undefined) return (this.minutes[slot] = new Minute(start, this.budget));
		if (minute.start !== start) minute.reset(start);
		return minute;
	}
}

/** Ring slot of the minute starting at second `start` (negative times included). */
function slotOf(start: number): number {
	const index = (start / 60) % minuteSlots;
	return index < 0 ? index + minuteSlots : index;
}
