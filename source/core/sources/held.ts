// What a publisher keeps back with PublishOptions.hold (the demo going on through an outage): a bounded queue.

/** At most this many events are held; older ones are given up on, counted. */
export const heldLimit = 100_000;

/** `waiting` (oldest first) cut to the newest heldLimit: the events kept, and how many older ones were given up on. */
export function capHeld<T>(waiting: T[]): {kept: T[]; dropped: number} {
	const over = waiting.length - heldLimit;
	return over > 0 ? {kept: waiting.slice(over), dropped: over} : {kept: waiting, dropped: 0};
}
