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
	const bucket = ring.bucketOf(time);
	// An event in time changes only the window that ends at the clock, whose sums the ring keeps (no closure: this
	// runs for nearly every event).
	// The condition first: it rarely holds, and when the window's sums do not hold it, when they would is moot.
	if (bucket === ring.newest) {
		if (!holds(ring.sums)) return undefined;
		const at = heldFrom(ring, bucket, time, clock, earliest);
		return at === undefined ? undefined : {at, end: bucket, sums: [...ring.sums], until: at};
	}

	let held: HeldWindows | undefined;
	ring.windowsHolding(bucket, (end, sums) => {
		if (!holds(sums)) return;
		const at = heldFrom(ring, end, time, clock, earliest);
		if (at === undefined) return;
		if (held === undefined) held = {at, end, sums: [...sums], until: at};
		else held.until = at;
	});
	return held;
}

/** When the window ending at bucket `end` is reported as holding, if it does; undefined when that is over before `earliest`. */
function heldFrom(ring: BucketRing, end: number, time: number, clock: number, earliest: number): number | undefined {
	const at = Math.max(ring.startOf(end), ring.newestIn(end), time, earliest);
	return at > Math.min(ring.endOf(end), clock) ? undefined : at;
}
