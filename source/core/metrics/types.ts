// Shapes the metrics produce: hops and the headless `metrics --json` contract (event-model.md).
import type {NodeMode} from './flow-nodes.js';
import type {CorrelationSummary} from './id-coverage.js';

/** One hop: consecutive events of one transaction in event-time order. */
export type Hop = {
	/** `edgeName(node(a), node(b))` = "A->B" (edge.ts); nodes are topics or event types (flow-nodes.ts). */
	edge: string;
	from: string;
	to: string;
	latencyMs: number;
	/** Event time of the later event. */
	at: number;
	txId: number;
	/** Seq of the later event. */
	seq: number;
	/** First id of the later event (opens its transaction); undefined when it has none. */
	id?: string;
	/** True when the later event is an error (the hop led to a failure); undefined otherwise. */
	error?: true;
};

/** Percentiles in ms. */
export type Percentiles = {p50: number; p95: number; p99: number};

/**
 * How the hops' reordering window (event time: the allowed lateness) went over the whole run: events that came
 * later than it, those of them left out of the hops (placing them would have run a hop backwards), and events
 * finalized before the window closed because the pending cap was reached.
 */
export type ReorderSummary = {windowMs: number; late: number; excluded: number; forced: number};

/**
 * How transactions are held open for hop matching (additive in `metrics --json`): the node naming in force
 * (and, in auto mode, the streams whose events are named by type), the open time and cap, how many are open
 * now, how many were closed after the open time or dropped at the cap, and how many of those had a next step
 * later, whose hop was therefore not measured.
 */
export type HopTrackingSummary = {
	nodes: NodeMode;
	typedTopics: string[];
	openMs: number;
	maxOpen: number;
	open: number;
	closed: number;
	dropped: number;
	evictedBeforeNextStep: number;
	/**
	 * Only when some: events whose (topic, type) pair came past the first 10 000 (hops.ts `maxPairs`), their type
	 * (and a topic first seen then) named `(other)` where hop nodes are named by them.
	 */
	otherPairEvents?: number;
};

/**
 * How late events went for the alert rules whose windows are in event time (additive in `metrics --json`): the
 * allowed lateness, then, over all those rules and per rule, the events that came behind a rule's window and were
 * counted in the windows of their own time (`late`), and those that came too late to count (`tooLate`).
 */
export type AlertLatenessSummary = {
	allowedLatenessMs: number;
	late: number;
	tooLate: number;
	rules: Record<string, {late: number; tooLate: number}>;
};

/**
 * Payloads in the Schema Registry wire format over the whole run: `json` read as the JSON they carry, `notDecoded`
 * (Avro, Protobuf: no registry to decode them with) kept as base64, with their schema ids; `jsonTooDeep`: JSON
 * nesting deeper than maxValueDepth, kept as base64 (nothing may walk it).
 */
export type SchemaRegistryCounts = {json: number; notDecoded: number; notDecodedSchemaIds: number[]; jsonTooDeep: number};

/** Values in the Schema Registry wire format (SchemaRegistryCounts), and the same counts for keys. */
export type SchemaRegistrySummary = SchemaRegistryCounts & {keys: SchemaRegistryCounts};

/** The `metrics --json` object. */
export type MetricsSummary = {
	events: number;
	malformed: number;
	skewed: number;
	duplicates: number;
	/** Messages read again at a position already stored (same topic, partition, offset): stored once, counted nowhere else. */
	readTwice: number;
	topics: Record<string, {count: number; rate: {peak: number}; delivery: Percentiles; errors: number}>;
	delivery: Percentiles;
	edges: Record<string, {count: number; errors: number} & Percentiles>;
	/** Events of the topics past the topic cap, together (absent when none): never under a topic's name. */
	otherTopics?: {count: number; rate: {peak: number}; delivery: Percentiles; errors: number};
	/** Hops of the edges past the edge cap, together (absent when none). */
	otherEdges?: {count: number; errors: number} & Percentiles;
	reorder: ReorderSummary;
	hopTracking: HopTrackingSummary;
	alertLateness: AlertLatenessSummary;
	correlation: CorrelationSummary;
	schemaRegistry: SchemaRegistrySummary;
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

/**
 * Hops of one edge over a window ending at the newest hop time: count, errors (hops into an error event), rate,
 * latency percentiles; the count of the window before it (an edge with hops now and none then appeared, one with
 * none now and some then vanished); and whole-run totals.
 */
export type EdgeView = {
	name: string;
	from: string;
	to: string;
	count: number;
	errors: number;
	/** count / the window's seconds watched (fewer than the window's while the run is younger than it). */
	ratePerSec: number;
	/** Hops in the window of the same length just before this one; NaN when that is older than the hour kept or was not watched whole. */
	previousCount: number;
	/** The part of the window the hop clock has watched (ms): `ratePerSec` is over it; less than the window while the run is younger. */
	watchedMs: number;
	/** Whole-run hops and errors. */
	total: number;
	totalErrors: number;
} & Percentiles;

/** What the TUI shows of the metrics for one window (`Metrics.view`). */
/** Whole-run counts of the metrics, without any window. */
export type MetricsTotals = {
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

export type MetricsView = {
	/** Newest arrival time seen (ms): the end of every event window. */
	now: number;
	/** Newest hop time seen (event time, ms): the end of the edge windows. */
	hopsNow: number;
	windowMs: number;
	/** Whole seconds of the window the event clock has watched (ms): less than `windowMs` while a run is younger than it. */
	seenMs: number;
	/** Whole-run totals. */
	totals: MetricsTotals;
	overall: SeriesView;
	/**
	 * Every topic seen (quiet ones too, with zero counts), by name; past the cap, the topics further together in one
	 * row with `overflow: true` (named `(other)`, as a topic may be too: tell them apart by `overflow`).
	 */
	topics: Array<{name: string; overflow?: true} & SeriesView>;
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
