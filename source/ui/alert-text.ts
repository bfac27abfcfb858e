// One alert as words: severity, rule, key, value against threshold, since when.
import type {Alert} from '../core/alerts/types.js';
import {formatDuration, formatTime} from './format.js';

// One formatter for every call: toLocaleString with options builds a new one each time (~50 µs, every frame).
const valueFormat = new Intl.NumberFormat('en-US', {maximumFractionDigits: 3});

/** A measured value or threshold: whole numbers with separators, fractions with up to three decimals. */
export function formatValue(value: number): string {
	return valueFormat.format(value);
}

/** Firing or resolved, in words. */
export function alertState(alert: Alert): string {
	return alert.resolvedAt === undefined ? '✗ FIRING' : '✓ resolved';
}

/** "value 12 vs threshold 5". */
export function alertMeasure(alert: Alert): string {
	return `${formatValue(alert.value)} vs ${formatValue(alert.threshold)}`;
}

/** "since 10:00:05 (2m 10s)" for firing alerts, "10:00:05–10:03:00" for resolved ones; times are event time. */
export function alertSince(alert: Alert, now: number): string {
	if (alert.resolvedAt !== undefined) return `${formatTime(alert.firedAt)}–${formatTime(alert.resolvedAt)}`;
	return `since ${formatTime(alert.firedAt)}${now >= alert.firedAt ? ` (${formatDuration(now - alert.firedAt)})` : ''}`;
}
