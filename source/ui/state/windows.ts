// The time windows the `w` key cycles through, and reading a window typed as `:window 5m`.
import {parseDurationMs} from '../../core/units/duration.js';

/** 10s, 1m, 5m, 15m, 1h in milliseconds. */
export const windows = [10_000, 60_000, 300_000, 900_000, 3_600_000] as const;

/** The longest window the metrics keep. */
export const longestWindowMs = Math.max(...windows);

/** The window after `current` in the cycle (back to the first after the last). */
export function nextWindow(current: number): number {
	return windows.find(ms => ms > current) ?? windows[0];
}

/** Milliseconds of a duration typed in the TUI (`30s`, `5m`, `1h`), or what is wrong with it. */
export function parseDuration(text: string): number | {error: string} {
	return parseDurationMs(text) ?? {error: `"${text}" is not a duration; write it like 10s, 5m or 1h`};
}
