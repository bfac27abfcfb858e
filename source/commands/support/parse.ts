// Parsing of flag values shared by commands: durations, points in time, speeds.
import {usageError} from './errors.js';
import {parseDurationMs} from '../../core/units/duration.js';
import {parseTimeMs} from '../../core/envelope.js';

/** Milliseconds of the duration given to `--flag` (`250ms`, `10s`, `5m`, `1h`, `7d`; a bare number is seconds). */
export function parseDuration(text: string, flag: string): number {
	const ms = parseDurationMs(text);
	if (ms === undefined) throw usageError(`--${flag}: expected a duration like 10s, 5m or 1h, got "${text}"`);
	return ms;
}

/**
 * Epoch milliseconds of an ISO-8601 time or an epoch-milliseconds number. A time without a zone is UTC, as an
 * event's own time is read (event-model.md), so a time copied from a payload names the same moment on any machine.
 */
export function parseTime(text: string, flag: string): number {
	if (/^\d+$/.test(text)) return Number(text);
	const ms = parseTimeMs(text);
	if (ms === undefined) throw usageError(`--${flag}: expected an ISO-8601 time (2026-11-21T10:00:00Z) or epoch ms, got "${text}"`);
	return ms;
}

/** Bad usage when `--from` is not before `--to` (ms, as given in `fromText` / `toText`): an empty range would read nothing and pass for a quiet input. */
export function checkRange(range: {from?: number; to?: number}, fromText: string | undefined, toText: string | undefined): void {
	if (range.from !== undefined && range.to !== undefined && range.from >= range.to) throw usageError(`--from ${fromText} is not before --to ${toText}: no event is in between`);
}

/** A replay speed: a positive number or `max`. */
export function parseSpeed(text: string): number | 'max' {
	if (text === 'max') return 'max';
	const speed = Number(text);
	if (!Number.isFinite(speed) || speed <= 0) throw usageError(`--speed: expected a positive number or "max", got "${text}"`);
	return speed;
}
