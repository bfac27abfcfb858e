// One alert as words: severity, rule, key, value against threshold, since when.
import type {Alert} from '../core/alerts/types.js';
import {formatTime} from './format.js';
import {formatDuration, formatMs, formatNumber, formatPercent, formatSpan} from '../core/units/format.js';

/** Firing or resolved, in words; an alert of an earlier run is history whatever it said when that run ended. */
export function alertState(alert: Alert, earlier = false): string {
	if (earlier) return '· earlier';
	return alert.resolvedAt === undefined ? '✗ FIRING' : '✓ resolved';
}

/** Rules whose value is not a plain count: a fraction, a latency or a span of time (ms). */
const valueUnits: Record<string, (value: number) => string> = {
	'error-rate': formatPercent,
	'slo.latency': formatMs,
	silence: formatSpan,
};

/** "12 vs 5", "5.04 % vs 5 %", "1,755 ms vs 1,000 ms": value against threshold in the rule's unit. */
export function alertMeasure(alert: Alert): string {
	const format = valueUnits[alert.rule] ?? formatNumber;
	return `${format(alert.value)} vs ${format(alert.threshold)}`;
}

/**
 * "since 10:00:05.123 (2m 10s)" for firing alerts, "10:00:05.123–10:03:00.000 (2m 55s)" for resolved ones; times are
 * alert time, and `now` is the alerts' clock (EngineSnapshot.alertNow), never the arrival clock: an hours-old backlog
 * read live arrives now (`short`: to the second and without "since", for narrow rows). An earlier run's alert that
 * never resolved has no age: nobody watched it after that run ended.
 */
export function alertSince(alert: Alert, now: number, earlier = false, short = false): string {
	const time = (ms: number) => (short ? formatTime(ms).slice(0, 8) : formatTime(ms));
	if (alert.resolvedAt !== undefined) return `${time(alert.firedAt)}–${time(alert.resolvedAt)} (${formatDuration(alert.resolvedAt - alert.firedAt)})`;
	if (earlier) return `fired ${time(alert.firedAt)}, unresolved when its run ended`;
	return `${short ? '' : 'since '}${time(alert.firedAt)}${now >= alert.firedAt ? ` (${formatDuration(now - alert.firedAt)})` : ''}`;
}
