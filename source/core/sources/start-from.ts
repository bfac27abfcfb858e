// `--from`: where a live source starts reading when it has no saved position.
import {parseEventTime, parseTimeMs} from '../envelope.js';
import {InputError} from '../errors.js';

/** Where a live source starts when it has no saved position. */
export type StartFrom = {kind: 'latest'} | {kind: 'earliest'} | {kind: 'time'; ms: number};

/** Parse `--from`: `latest` (default), `earliest`, an ISO-8601 time (without a zone: UTC, as event times are read) or epoch ms, as replay's. */
export function parseStartFrom(from: string | undefined): StartFrom {
	if (from === undefined || from === 'latest') return {kind: 'latest'};
	if (from === 'earliest') return {kind: 'earliest'};
	// Digits are epoch ms, read as an event's time is (by its size; before 2000 none: not an offset taken for a time).
	const ms = /^\d+$/.test(from) ? parseEventTime(Number(from)) : /^\d{4}-\d{2}-\d{2}/.test(from) ? parseTimeMs(from) : undefined;
	if (ms === undefined) throw new InputError(`--from must be latest, earliest, an ISO time (2026-11-21T10:00:00Z) or epoch ms, got "${from}"`);
	return {kind: 'time', ms};
}

/** `from` as `--from` writes it (a time in ISO-8601, to the millisecond). */
export function startFromText(from: StartFrom): string {
	return from.kind === 'time' ? new Date(from.ms).toISOString() : from.kind;
}

/** `from` as it was at `nowMs`, whenever it is applied: `latest` is then the first message written from that time on. */
export function startFromAt(from: StartFrom, nowMs: number): StartFrom {
	return from.kind === 'latest' ? {kind: 'time', ms: nowMs} : from;
}
