// Replay speeds the `+` and `-` keys step through.

/** The speed steps, slowest first; `max` replays as fast as ingest allows. */
export const speeds = [0.5, 1, 2, 5, 10, 20, 50, 100, 'max'] as const;

/** A replay speed: a multiple of the recorded pace, or as fast as possible. */
export type Speed = number | 'max';

const rank = (speed: Speed) => (speed === 'max' ? Number.POSITIVE_INFINITY : speed);

/** The next step up from `current` (max stays max). */
export function faster(current: Speed): Speed {
	return speeds.find(step => rank(step) > rank(current)) ?? 'max';
}

/** The next step down from `current` (the slowest stays). */
export function slower(current: Speed): Speed {
	return [...speeds].reverse().find(step => rank(step) < rank(current)) ?? speeds[0];
}

/** A speed as the status bar shows it: `10×`, `max`. */
export function formatSpeed(speed: Speed): string {
	return speed === 'max' ? 'max' : `${speed}×`;
}
