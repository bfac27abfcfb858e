// Judging the windows of a bucket ring (error-rate, slo.latency) after a count at some event time: for an event in
// time, the window that ends at the clock; for a late one, every window of its own time that holds it.
import type {BucketRing} from './bucket-ring.js';

/** Windows whose condition held after one count: the first (its end bucket, sums, when it held) and when the last held. */
export type HeldWindows = {at: number; end: number; sums: number[]; until: number};

/**
 * The windows holding `time` (ending at its bucket, and after it up to the clock's) whose sums `holds` accepts. A
 * window ending at bucket e holds its contents from the newest time counted in e (no earlier than `time`: within
 * one bucket of the event that completed it) to the end of e (no later than `clock`). It is reported from then, but
 * no earlier than `earliest` (LateEvents.earliest), and not at all when that span is over before `earliest`; the
 * last one says until when the condition held, as an event read in time does (when it was seen to hold).
 */
export function heldWindows(ring: BucketRing, time: number, clock: number, earliest: number, holds: (sums: readonly number[]) => boolean): HeldWindows | undefined {
	let held: HeldWindows | undefined;
	const judge = (end: number, sums: readonly number[]) => {
		const at = Math.max(ring.startOf(end), ring.newestIn(end), time, earliest);
		if (at > Math.min(ring.endOf(end), clock) || !holds(sums)) return;
		if (held === undefined) held = {at, end, sums: [...sums], until: at};
		else held.until = at;
	};

	const bucket = ring.bucketOf(time);
	// An event in time changes only the window that ends at the clock, whose sums the ring keeps.
	if (bucket === ring.newest) judge(bucket, ring.sums);
	else ring.windowsHolding(bucket, judge);
	return held;
}
