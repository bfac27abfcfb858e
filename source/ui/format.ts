// How times of day and states read on screen; words and symbols, never colour alone. Numbers and durations read
// as core/units/format.ts writes them, the same as in the headless commands.
import type {SourceState} from '../core/sources/source.js';
import type {Severity} from '../core/alerts/types.js';

/** A time of day in UTC with milliseconds (`10:00:05.123`); `-` when unknown. */
export function formatTime(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return '-';
	return new Date(ms).toISOString().slice(11, 23);
}

const sourceStates: Record<SourceState, string> = {
	connecting: '… connecting',
	connected: '✓ connected',
	reconnecting: '⚠ reconnecting',
	error: '✗ error',
	finished: '✓ finished',
	stopped: '■ stopped',
};

/** A source state as a symbol and a word. */
export function formatSourceState(state: SourceState): string {
	return sourceStates[state];
}

const severities: Record<Severity, string> = {critical: '✗ CRITICAL', warning: '⚠ WARNING', info: '· info'};

/** An alert severity as a symbol and a word, or the symbol alone (`⚠`) where `words` is false. */
export function formatSeverity(severity: Severity, words = true): string {
	return words ? severities[severity] : severities[severity].split(' ')[0]!;
}

/** Severities, most severe first, for sorting. */
export const severityRank: Record<Severity, number> = {critical: 0, warning: 1, info: 2};

/** Which end of a source's name to keep when it is cut: a URL's start (scheme and host), a file's end (its name). */
export function sourceNameKeeps(name: string): 'start' | 'end' {
	return name.includes('://') ? 'start' : 'end';
}
