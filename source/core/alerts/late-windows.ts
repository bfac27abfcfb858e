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
	if (bucket === ring.newest) return judged(undefined, ring, bucket, ring.sums, time, clock, earliest, holds);

	// One bucket behind (another topic or partition moved the clock on; ~2 % of events and hops): the window ending
	// at its bucket and the one ending at the clock's, without the closure and the scan.
	if (bucket === ring.newest - 1) {
		const held = judged(undefined, ring, bucket, ring.sumsBeforeNewest(), time, clock, earliest, holds);
		return ring.holds(bucket) ? judged(held, ring, ring.newest, ring.sums, time, clock, earliest, holds) : held;
	}

	let held: HeldWindows | undefined;
	ring.windowsHolding(bucket, (end, sums) => {
		held = judged(held, ring, end, sums, time, clock, earliest, holds);
	});
	return held;
}

/** `held` with the window ending at bucket `end` (its sums `sums`) judged after it: the first to hold, or the last's time. */
function judged(held: HeldWindows | undefined, ring: BucketRing, end: number, sums: readonly number[], time: number, clock: number, earliest: number, holds: (sums: readonly number[]) => boolean): HeldWindows | undefined {
	if (!holds(sums)) return held;
	const at = heldFrom(ring, end, time, clock, earliest);
	if (at === undefined) return held;
	if (held === undefined) return {at, end, sums: [...sums], until: at};
	held.until = at;
	return held;
}

/** When the window ending at bucket `end` is reported as holding, if it does; undefined when that is over before `earliest`. */
function heldFrom(ring: BucketRing, end: number, time: number, clock: number, earliest: number): number | undefined {
	const at = Math.max(ring.startOf(end), ring.newestIn(end), time, earliest);
	return at > Math.min(ring.endOf(end), clock) ? undefined : at;
}
