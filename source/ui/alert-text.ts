// One alert as words: how its row leads (state mark and severity), value against threshold, since when.
import type {Alert} from '../core/alerts/types.js';
import {formatTime} from './format.js';
import {formatDuration, formatMs, formatNumber, formatPercent, formatSpan} from '../core/units/format.js';

/** The state as a mark: ✗ firing, ✓ resolved, · an earlier run's (history whatever it said when that run ended). */
function stateMark(alert: Alert, earlier: boolean): string {
	if (earlier) return '·';
	return alert.resolvedAt === undefined ? '✗' : '✓';
}

/**
 * How an alert's row leads in `alerts`, the Alerts pane and the Overview alike: its state mark, then its severity
 * padded to `severityCells` (`✗ critical`, `✓ warning`, `· info`); `words` false, the mark alone, for rows too narrow.
 */
export function alertLead(alert: Alert, earlier = false, severityCells = 0, words = true): string {
	const mark = stateMark(alert, earlier);
	return words ? `${mark} ${alert.severity.padEnd(severityCells)}` : mark;
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
 * read live arrives now. `short`: to the second, without "since" and an earlier run's alert only when it fired, for
 * narrow rows; `narrow`: as short, and a resolved alert's how long and when it ended ("2m 55s to 10:03:00"), for rows
 * below 80 cells. An earlier run's alert that never resolved has no age: nobody watched it after that run ended.
 */
export function alertSince(alert: Alert, now: number, earlier = false, form: 'full' | 'short' | 'narrow' = 'full'): string {
	const time = (ms: number) => (form === 'full' ? formatTime(ms) : formatTime(ms).slice(0, 8));
	if (alert.resolvedAt !== undefined) {
		const lasted = formatDuration(alert.resolvedAt - alert.firedAt);
		return form === 'narrow' ? `${lasted} to ${time(alert.resolvedAt)}` : `${time(alert.firedAt)}–${time(alert.resolvedAt)} (${lasted})`;
	}

	if (earlier) return form === 'full' ? `fired ${time(alert.firedAt)}, unresolved when its run ended` : `fired ${time(alert.firedAt)}`;
	return `${form === 'full' ? 'since ' : ''}${time(alert.firedAt)}${now >= alert.firedAt ? ` (${formatDuration(now - alert.firedAt)})` : ''}`;
}
