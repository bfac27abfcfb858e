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

/** The `metrics --json` object. */
export type MetricsSummary = {
	events: number;
	malformed: number;
	skewed: number;
	duplicates: number;
	topics: Record<string, {count: number; rate: {peak: number}; delivery: Percentiles; errors: number}>;
	delivery: Percentiles;
	edges: Record<string, {count: number} & Percentiles>;
};
