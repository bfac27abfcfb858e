// How numbers, times, durations and states read on screen; words and symbols, never colour alone.
import type {SourceState} from '../core/sources/source.js';
import type {Severity} from '../core/alerts/types.js';

/** A count with thousands separators; `-` when unknown. */
export function formatCount(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '-';
	return Math.round(value).toLocaleString('en-US');
}

/** A rate per second: whole numbers as they are, fractions with one decimal below 10. */
export function formatRate(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '-';
	return value >= 10 || Number.isInteger(value) ? formatCount(value) : value.toFixed(1);
}

/** Milliseconds with a unit: `840 ms`, `12.4 s`, `3m 05s`; `-` when unknown. */
export function formatMs(value: number | undefined): string {
	if (value === undefined || !Number.isFinite(value)) return '-';
	const sign = value < 0 ? '-' : '';
	const abs = Math.abs(value);
	if (abs < 10_000) return `${sign}${formatCount(abs)} ms`;
	if (abs < 60_000) return `${sign}${(abs / 1000).toFixed(1)} s`;
	return sign + formatDuration(abs);
}

/** A duration in words for humans: `45s`, `3m 05s`, `2h 10m`. */
export function formatDuration(ms: number): string {
	const seconds = Math.max(0, Math.floor(ms / 1000));
	if (seconds < 60) return `${seconds}s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
	const hours = Math.floor(minutes / 60);
	return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A window length as the `w` key names it: 10s, 1m, 5m, 15m, 1h. */
export function formatWindow(ms: number): string {
	if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
	if (ms % 60_000 === 0) return `${ms / 60_000}m`;
	return `${Math.round(ms / 1000)}s`;
}

/** A time of day in UTC with milliseconds (`10:00:05.123`); `-` when unknown. */
export function formatTime(ms: number | undefined): string {
	if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return '-';
	return new Date(ms).toISOString().slice(11, 23);
}

/** A percentage with one decimal. */
export function formatPercent(ratio: number | undefined): string {
	if (ratio === undefined || !Number.isFinite(ratio)) return '-';
	return `${(ratio * 100).toFixed(1)} %`;
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

/** An alert severity as a symbol and a word. */
export function formatSeverity(severity: Severity): string {
	return severities[severity];
}

/** Severities, most severe first, for sorting. */
export const severityRank: Record<Severity, number> = {critical: 0, warning: 1, info: 2};
