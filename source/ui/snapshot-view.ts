// The one place that reads the metrics view inside an engine snapshot and shapes it for the panes.
import type {AlertArrival, EngineSnapshot} from '../core/engine.js';
import type {Alert} from '../core/alerts/types.js';
import type {SeriesView} from '../core/metrics/types.js';
import type {LagEntry} from '../core/sources/source.js';
import {severityRank} from './format.js';
import type {ChartMarks} from './components/chart.js';

/** Traffic figures of the whole input or one topic over the selected window. */
export type TrafficStats = SeriesView;

/** One row of the Topics pane; `groups`: the applications' consumer groups on it (live sources), in detail. */
/** A Topics row: a topic, or (`overflow`) the topics past the metrics' cap together, which is no topic whatever its name. */
export type TopicRow = TrafficStats & {topic: string; overflow?: true; lag?: number; groups?: LagEntry[]};

/** Figures over the whole selected window. */
export function overallStats(snapshot: EngineSnapshot): TrafficStats {
	return snapshot.view.overall;
}

/** Events per second in the newest complete second. */
export function currentRate(snapshot: EngineSnapshot): number {
	return snapshot.view.overall.ratePerSec;
}

/**
 * Events per second, one value per second of the window, oldest first; NaN for a second not watched, where 0 events
 * is not known: before the run watched (a replay's before its first event, a live run's before it started), a
 * second without events in which a live run had no source connected (`blind`), and the newest second while the run
 * goes on (still counting: its events so far would draw a fall in the rate at every frame).
 */
export function throughputSeries(snapshot: EngineSnapshot): number[] {
	const {chart: {start, counts}, seenMs} = snapshot.view;
	const unwatched = counts.length - seenMs / 1000;
	const counting = snapshot.finished ? counts.length : counts.length - 1;
	const blind = blindSeconds(snapshot.blind, start, counts.length);
	return counts.map((count, second) => (second < unwatched || second >= counting || (count === 0 && blind[second]) ? Number.NaN : count));
}

/** Which of the `seconds` seconds from `start` (ms) a blind span reaches into. */
function blindSeconds(spans: EngineSnapshot['blind'], start: number, seconds: number): boolean[] {
	const blind = new Array<boolean>(seconds).fill(false);
	for (const span of spans) {
		const last = span.to === undefined ? seconds - 1 : Math.min(seconds - 1, Math.floor((span.to - start) / 1000));
		for (let second = Math.max(0, Math.floor((span.from - start) / 1000)); second <= last; second++) blind[second] = true;
	}

	return blind;
}

/** Delivery p99 in ms, one value per second of the window, oldest first (NaN: nothing measured that second). */
export function latencySeries(snapshot: EngineSnapshot): number[] {
	return snapshot.view.chart.deliveryP99;
}

/** Topics by name with their figures and their consumer lag (live sources). */
export function topicRows(snapshot: EngineSnapshot): TopicRow[] {
	const lag = new Map<string, number>();
	const groups = new Map<string, LagEntry[]>();
	for (const source of snapshot.sources) {
		for (const entry of source.lag ?? []) {
			lag.set(entry.topic, (lag.get(entry.topic) ?? 0) + entry.lag);
			groups.set(entry.topic, [...groups.get(entry.topic) ?? [], entry]);
		}
	}

	// The metrics list topics by name already; the overflow row (no topic: no lag of its own) goes last.
	const rows = snapshot.view.topics.map(({name, ...stats}): TopicRow => (stats.overflow ? {...stats, topic: name} : {...stats, topic: name, lag: lag.get(name), groups: groups.get(name)}));
	const overflow = rows.findIndex(row => row.overflow);
	return overflow === -1 ? rows : [...rows.slice(0, overflow), ...rows.slice(overflow + 1), rows[overflow]!];
}

/** Firing alerts, most severe first, then newest first. */
export function firingBySeverity(alerts: Alert[]): Alert[] {
	return [...alerts].sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || b.firedAt - a.firedAt);
}

/** How many alerts are firing now: the one count the status bar, the Overview and the Alerts pane show. */
export function firingCount(snapshot: EngineSnapshot): number {
	return snapshot.firing.length;
}

/** This run's alerts for the Alerts pane: firing first, then resolved, each newest first. */
export function alertRows(snapshot: EngineSnapshot): Alert[] {
	const firing = new Map(snapshot.firing.map(alert => [alert.id, alert]));
	const stored = snapshot.alerts.filter(alert => !firing.has(alert.id));
	return [...firingBySeverity([...firing.values()]), ...stored.sort((a, b) => (b.resolvedAt ?? b.firedAt) - (a.resolvedAt ?? a.firedAt))];
}

/** Alerts of earlier runs (history, shown apart from this run's), newest first. */
export function earlierAlertRows(snapshot: EngineSnapshot): Alert[] {
	return [...snapshot.earlierAlerts].sort((a, b) => b.firedAt - a.firedAt);
}

/**
 * This run's alerts firing (✗) and resolving (✓) on the charts' time axis, at the arrival time each happened (the
 * axis is arrival time; an alert's own times are event time); firings win a shared column.
 */
export function alertMarks(snapshot: EngineSnapshot): ChartMarks {
	const {start, counts} = snapshot.view.chart;
	const at = (kind: AlertArrival['kind'], symbol: string) => snapshot.alertArrivals.filter(arrival => arrival.kind === kind).map(({arrivedAt}) => ({at: arrivedAt, symbol}));
	return {marks: [...at('fired', '✗'), ...at('resolved', '✓')], from: start, to: start + (Math.max(1, counts.length) - 1) * 1000, label: 'alerts'};
}
