// Shapes the metrics produce: hops and the headless `metrics --json` contract (event-model.md).

/** One hop: consecutive events of one transaction in event-time order. */
export type Hop = {
	/** `edgeName(node(a), node(b))` = "A->B" (edge.ts); node is the topic, or the type for events without a topic. */
	edge: string;
	from: string;
	to: string;
	latencyMs: number;
	/** Event time of the later event. */
	at: number;
	txId: number;
	/** Seq of the later event. */
	seq: number;
};

/** Percentiles in ms. */
export type Percentiles = {p50: number; p95: number; p99: number};

/**
 * How the hops' reordering window (event time: the allowed lateness) went over the whole run: events that came
 * later than it, those of them left out of the hops (placing them would have run a hop backwards), and events
 * finalized before the window closed because the pending cap was reached.
 */
export type ReorderSummary = {windowMs: number; late: number; excluded: number; forced: number};

/** The `metrics --json` object. */
export type MetricsSummary = {
	events: number;
	malformed: number;
	skewed: number;
	duplicates: number;
	topics: Record<string, {count: number; rate: {peak: number}; delivery: Percentiles; errors: number}>;
	delivery: Percentiles;
	edges: Record<string, {count: number} & Percentiles>;
	reorder: ReorderSummary;
};

/** Throughput, errors and delivery latency of the overall stream or one topic over a window. */
export type SeriesView = {
	count: number;
	/** Events in the last full second before the newest one seen. */
	ratePerSec: number;
	/** Highest one-second count within the window. */
	peak: number;
	errors: number;
	/** errors / count, 0 when nothing came. */
	errorRate: number;
	delivery: Percentiles;
};

/** Hop latency of one edge over a window. */
export type EdgeView = {name: string; from: string; to: string; count: number} & Percentiles;

/** What the TUI shows of the metrics for one window (`Metrics.view`). */
export type MetricsView = {
	/** Newest arrival time seen (ms): the end of every event window. */
	now: number;
	/** Newest hop time seen (event time, ms): the end of the edge windows. */
	hopsNow: number;
	windowMs: number;
	/** Whole-run totals. */
	totals: {
		events: number;
		errors: number;
		duplicates: number;
		skewed: number;
		/** Highest one-second event count of the run. */
		peak: number;
		/** Events of topics beyond the topic cap, counted under `(other)`. */
		foldedEvents: number;
		/** Hops of edges beyond the edge cap, counted under `(other)`. */
		foldedHops: number;
	};
	overall: SeriesView;
	/** Every topic seen (quiet ones too, with zero counts), by name. */
	topics: Array<{name: string} & SeriesView>;
	/** Every edge seen, by name. */
	edges: EdgeView[];
	/** One value per second of the window, oldest first, for charts. */
	chart: {
		/** Start of the first second (ms). */
		start: number;
		counts: number[];
		/** Delivery p99 of each second; NaN for seconds without a measured latency. */
		deliveryP99: number[];
	};
};
