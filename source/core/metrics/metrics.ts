// Throughput, errors and delivery/hop latencies: whole-run totals and rolling windows, fed by batches.
import type {Envelope} from '../envelope.js';
import {DetailBudget} from './detail-budget.js';
import {CappedSeries, otherSeries} from './capped-series.js';
import {maxWindowSeconds, Series, type SeriesTotals} from './series.js';
import {keyOf, percentiles} from './sketch.js';
import {isSkewed} from './skew.js';
import type {EdgeView, Hop, MetricsSummary, MetricsTotals, MetricsView, SeriesView} from './types.js';

/** The longest window `summary` and `view` can answer (one hour of one-second buckets). */
export const maxWindowMs = maxWindowSeconds * 1000;

/** Name of the topic of events without one. */
export const noTopic = '(none)';
export {otherSeries} from './capped-series.js';
/** Distinct topics tracked unless MetricsOptions say otherwise. */
export const defaultMaxTopics = 1000;

/**
 * Caps that keep memory bounded whatever the input: a tracked series costs up to ~30 KB of per-second counters
 * for the hour it keeps, plus its share of the latency detail, which all series share through `maxDetailBytes`.
 */
export type MetricsOptions = {
	/** Distinct topics tracked (default 1 000); events of further topics count under `(other)`. */
	maxTopics?: number;
	/** Distinct hop edges tracked (default 1 000); further edges count under `(other)`. */
	maxEdges?: number;
	/** Bytes of raw latencies and merged minute sketches kept for windows (default 64 MiB); the oldest go first. */
	maxDetailBytes?: number;
};

/** A clock that only moves forward: the newest time seen, in ms and in whole seconds, and the earliest (`first`). */
type Clock = {ms: number; second: number; first: number};

/**
 * Metrics over a stream of stored batches. Windows end at the newest time seen — arrival time (`receivedAt`) for
 * events, event time (`hop.at`) for hops — so a replay answers like the live run did; only a live engine moves the
 * event clock on with the wall clock while nothing arrives (`advanceTo`).
 * Delivery latency is `deliveryMs`; negative values and those over a year count as `skewed` (isSkewed), duplicates
 * take no part in latency.
 */
export class Metrics {
	private readonly budget: DetailBudget;
	private readonly overall: Series;
	private readonly topics: CappedSeries;
	private readonly edges: CappedSeries;
	/** The two nodes of each edge tracked, as its hops gave them: a node's own name may hold the arrow. */
	private readonly edgeEnds = new Map<string, readonly [from: string, to: string]>();
	private readonly events: Clock = {ms: -Infinity, second: -Infinity, first: Infinity};
	private readonly hops: Clock = {ms: -Infinity, second: -Infinity, first: Infinity};
	private foldedEvents = 0;
	private foldedHops = 0;

	constructor(options: MetricsOptions = {}) {
		this.budget = new DetailBudget(options.maxDetailBytes ?? 64 * 1024 * 1024);
		this.topics = new CappedSeries(options.maxTopics ?? defaultMaxTopics, this.budget);
		this.edges = new CappedSeries(options.maxEdges ?? 1000, this.budget);
		this.overall = new Series('(all)', this.budget);
	}

	/** Count a stored batch: per topic and overall, errors, duplicates, delivery latency. */
	ingest(batch: readonly Envelope[]): void {
		const clock = this.events;
		let lastTopic: string | undefined;
		let series = this.overall;
		for (let i = 0; i < batch.length; i++) {
			const envelope = batch[i]!;
			const topic = envelope.topic ?? noTopic;
			if (topic !== lastTopic) {
				series = this.topics.of(topic);
				lastTopic = topic;
			}

			if (this.topics.isOverflow(series)) this.foldedEvents++;
			const error = envelope.status === 'error';
			const {duplicate} = envelope;
			const delivery = envelope.deliveryMs;
			const measured = delivery !== undefined && !duplicate;
			const skewed = measured && isSkewed(delivery);
			const value = measured && !skewed ? delivery : Number.NaN;
			const key = value === value ? keyOf(value) : 0;
			// Hops are in event time: they have been watched for since the earliest event time seen.
			const time = envelope.timestamp;
			if (time !== undefined && time < this.hops.first) this.hops.first = time;
			// Arrived over a year after it happened: one of the two clocks was wrong, and the input is in arrival order,
			// so it counts in the newest second seen (a recorder's clock years ahead would empty every window).
			const second = skewed && delivery > 0 && Number.isFinite(clock.ms) ? clock.second : advance(clock, envelope.receivedAt);
			series.record(second, clock.second, error, duplicate, skewed, value, key);
			this.overall.record(second, clock.second, error, duplicate, skewed, value, key);
		}

		this.budget.enforce();
	}

	/** Count final hops per edge with their latency. */
	addHops(hops: readonly Hop[]): void {
		const clock = this.hops;
		for (const hop of hops) {
			const series = this.edges.get(hop.edge) ?? this.newEdgeSeries(hop);
			if (this.edges.isOverflow(series)) this.foldedHops++;
			const latency = Math.max(0, hop.latencyMs);
			series.record(advance(clock, hop.at), clock.second, hop.error === true, false, false, latency, keyOf(latency));
		}

		this.budget.enforce();
	}

	/**
	 * The `metrics --json` object: the whole run, or with `windowMs` only the window ending at the newest time
	 * seen (topics and edges without anything in it are left out). Percentiles are NaN (null in JSON) when
	 * nothing was measured; `malformed` is the caller's count of lines no source could read, `readTwice` of
	 * messages the store had already (the whole run: the store does not keep when they came).
	 */
	summary(options: {windowMs?: number; malformed?: number; readTwice?: number} = {}): Omit<MetricsSummary, 'reorder' | 'hopTracking' | 'alertLateness' | 'correlation' | 'schemaRegistry'> {
		const {windowMs, malformed = 0, readTwice = 0} = options;
		const whole = windowMs === undefined;
		const overall = whole ? this.overall : this.window(this.overall, this.events, windowMs);
		const summary: Omit<MetricsSummary, 'reorder' | 'hopTracking' | 'alertLateness' | 'correlation' | 'schemaRegistry'> = {
			events: overall.events,
			malformed,
			skewed: overall.skewed,
			duplicates: overall.duplicates,
			readTwice,
			// No prototype: a topic named `__proto__` is a topic, not the object's prototype.
			topics: Object.create(null) as MetricsSummary['topics'],
			delivery: percentiles(overall.latency),
			edges: Object.create(null) as MetricsSummary['edges'],
		};
		const topicFigures = (series: Series) => {
			const totals = whole ? series : this.window(series, this.events, windowMs);
			return totals.events === 0 ? undefined : {count: totals.events, rate: {peak: totals.peak}, delivery: percentiles(totals.latency), errors: totals.errors};
		};

		const edgeFigures = (series: Series) => {
			const totals = whole ? series : this.window(series, this.hops, windowMs);
			return totals.events === 0 ? undefined : {count: totals.events, errors: totals.errors, ...percentiles(totals.latency)};
		};

		for (const [name, series] of this.topics.sorted()) {
			const figures = topicFigures(series);
			if (figures) summary.topics[name] = figures;
		}

		for (const [name, series] of this.edges.sorted()) {
			const figures = edgeFigures(series);
			if (figures) summary.edges[name] = figures;
		}

		// Past the caps: apart from the names, so that a topic named "(other)" is not mistaken for them.
		const otherTopics = this.topics.other() && topicFigures(this.topics.other()!);
		const otherEdges = this.edges.other() && edgeFigures(this.edges.other()!);
		if (otherTopics) summary.otherTopics = otherTopics;
		if (otherEdges) summary.otherEdges = otherEdges;

		return summary;
	}

	/** Move the end of event windows on to `ms` when it is later (live sources: time passes while nothing arrives). */
	advanceTo(ms: number): void {
		advance(this.events, ms);
	}

	/** Move the end of hop windows on to event time `ms` when it is later (quiet time: hops final up to `ms`). */
	advanceHopsTo(ms: number): void {
		if (Number.isFinite(ms)) advance(this.hops, ms);
	}

	/** A live engine's start: the event clock has been watching since then, although nothing may have arrived yet. */
	watchingSince(ms: number): void {
		if (ms < this.events.first) this.events.first = ms;
		if (ms < this.hops.first) this.hops.first = ms;
	}

	/** Newest arrival time seen (ms), the end of every event window; 0 before any event. */
	now(): number {
		return Number.isFinite(this.events.ms) ? this.events.ms : 0;
	}

	/** Whole-run counts, without building any window. */
	totals(): MetricsTotals {
		const {events, errors, duplicates, skewed, peak} = this.overall;
		return {events, errors, duplicates, skewed, peak, foldedEvents: this.foldedEvents, foldedHops: this.foldedHops};
	}

	/** What the TUI shows for a window: overall and per topic, per edge, and per-second chart data. */
	view(windowMs: number): MetricsView {
		const seconds = windowSeconds(windowMs);
		const overall = this.window(this.overall, this.events, windowMs);
		const {second} = this.events;
		const from = second - seconds + 1;
		const chart = Number.isFinite(second) ? this.overall.perSecond(from, second) : {counts: [], p99: []};
		return {
			now: this.now(),
			hopsNow: Number.isFinite(this.hops.ms) ? this.hops.ms : 0,
			windowMs: seconds * 1000,
			seenMs: seenSeconds(this.events, seconds) * 1000,
			totals: this.totals(),
			overall: this.seriesView(this.overall, overall),
			topics: this.topics.rows().map(([name, series]) => ({name, ...(this.topics.isOverflow(series) && {overflow: true as const}), ...this.seriesView(series, this.window(series, this.events, windowMs))})),
			edges: this.edgeViews(windowMs),
			chart: {start: Number.isFinite(second) ? from * 1000 : 0, counts: chart.counts, deliveryP99: chart.p99},
		};
	}

	/** Every edge seen, by name, over the window of `windowMs` ending at the newest hop time (see EdgeView). */
	edgeViews(windowMs: number): EdgeView[] {
		const seconds = windowSeconds(windowMs);
		const {second} = this.hops;
		const seen = seenSeconds(this.hops, seconds);
		// The window before is only known while it is still in the hour the series keep, and was watched whole.
		const previousKnown = Number.isFinite(second) && 2 * seconds <= maxWindowSeconds && seenSeconds(this.hops, 2 * seconds) === 2 * seconds;
		return this.edges.rows().map(([name, series]): EdgeView => {
			const [from, to] = this.edges.isOverflow(series) ? [otherSeries, ''] : this.nodesOf(name);
			const totals = this.window(series, this.hops, windowMs);
			const previous = previousKnown ? series.countBetween(second - 2 * seconds + 1, second - seconds) : Number.NaN;
			return {
				name, from, to, count: totals.events, errors: totals.errors, ratePerSec: totals.events / seen, watchedMs: seen * 1000,
				previousCount: previous, total: series.events, totalErrors: series.errors, ...percentiles(totals.latency),
			};
		});
	}

	/** The from and to nodes of an edge that has a series of its own (['', ''] for any other). */
	nodesOf(edge: string): readonly [from: string, to: string] {
		return this.edgeEnds.get(edge) ?? ['', ''];
	}

	/** The series of a hop's edge seen for the first time (or the shared `(other)` one beyond the cap), its nodes kept. */
	private newEdgeSeries(hop: Hop): Series {
		const series = this.edges.of(hop.edge);
		if (!this.edges.isOverflow(series)) this.edgeEnds.set(hop.edge, [hop.from, hop.to]);
		return series;
	}

	private seriesView(series: Series, totals: SeriesTotals): SeriesView {
		return {
			count: totals.events,
			ratePerSec: series.countAt(this.events.second - 1),
			peak: totals.peak,
			errors: totals.errors,
			errorRate: totals.events === 0 ? 0 : totals.errors / totals.events,
			delivery: percentiles(totals.latency),
		};
	}

	/** Totals of the window of `windowMs` ending at the clock's newest second. */
	private window(series: Series, clock: Clock, windowMs: number): SeriesTotals {
		if (!Number.isFinite(clock.second)) return series.window(1, 0);
		return series.window(clock.second - windowSeconds(windowMs) + 1, clock.second);
	}
}

/** Move the clock to `ms` if it is newer; the second `ms` falls in, or -Infinity for a time no bucket can hold. */
function advance(clock: Clock, ms: number): number {
	if (!Number.isFinite(ms)) return -Infinity;
	const second = Math.floor(ms / 1000);
	if (ms < clock.first) clock.first = ms;
	if (ms > clock.ms) {
		clock.ms = ms;
		clock.second = second;
	}

	return second;
}

/** How many of the `seconds` ending at the clock's newest second it has watched (all of them before it has a time). */
function seenSeconds(clock: Clock, seconds: number): number {
	if (!Number.isFinite(clock.second) || !Number.isFinite(clock.first)) return seconds;
	return Math.max(1, Math.min(seconds, clock.second - Math.floor(clock.first / 1000) + 1));
}

/** Whole seconds of a window: at least one, at most an hour (also for a window that is not a number). */
function windowSeconds(windowMs: number): number {
	return windowMs < maxWindowMs ? Math.max(1, Math.ceil(windowMs / 1000)) : maxWindowSeconds;
}
