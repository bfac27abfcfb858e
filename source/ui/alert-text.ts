// One alert as words: severity, rule, key, value against threshold, since when.
import type {Alert} from '../core/alerts/types.js';
import {formatDuration as formatSpan, formatPercent} from '../core/alerts/format.js';
import {formatDuration, formatTime} from './format.js';

// One formatter for every call: toLocaleString with options builds a new one each time (~50 µs, every frame).
const valueFormat = new Intl.NumberFormat('en-US', {maximumFractionDigits: 3});

/** A measured value or threshold: whole numbers with separators, fractions with up to three decimals. */
export function formatValue(value: number): string {
	return valueFormat.format(value);
}

/** Firing or resolved, in words; an alert of an earlier run is history whatever it said when that run ended. */
export function alertState(alert: Alert, earlier = false): string {
	if (earlier) return '· earlier';
	return alert.resolvedAt === undefined ? '✗ FIRING' : '✓ resolved';
}

/** Rules whose value is not a plain count: a fraction, a latency or a span of time (ms). */
const valueUnits: Record<string, (value: number) => string> = {
	'error-rate': formatPercent,
	'slo.latency': value => `${formatValue(Math.round(value))} ms`,
	silence: formatSpan,
};

/** "12 vs 5", "5.04 % vs 5 %", "1,755 ms vs 1,000 ms": value against threshold in the rule's unit. */
export function alertMeasure(alert: Alert): string {
	const format = valueUnits[alert.rule] ?? formatValue;
	return `${format(alert.value)} vs ${format(alert.threshold)}`;
}

/**
 * "since 10:00:05 (2m 10s)" for firing alerts, "10:00:05–10:03:00" for resolved ones; times are event time. An
 * earlier run's alert that never resolved has no age: nobody watched it after that run ended.
 */
export function alertSince(alert: Alert, now: number, earlier = false): string {
	if (alert.resolvedAt !== undefined) return `${formatTime(alert.firedAt)}–${formatTime(alert.resolvedAt)}`;
	if (earlier) return `fired ${formatTime(alert.firedAt)}, unresolved when its run ended`;
	return `since ${formatTime(alert.firedAt)}${now >= alert.firedAt ? ` (${formatDuration(now - alert.firedAt)})` : ''}`;
}
