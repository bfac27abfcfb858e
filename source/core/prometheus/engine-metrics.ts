// What the engine computes, as Prometheus metric families: per-topic counts, latency quantiles, alerts, lag, store.
// Labels stay bounded: topics and edges (both capped by the metrics, beyond the caps one series labelled overflow),
// rules, severities, groups and source names; never customer or transaction ids.
import type {Engine} from '../engine.js';
import type {MetricsSummary, Percentiles} from '../metrics/types.js';
import {sourceStates} from '../sources/source.js';
import {sagaFigures, type StageHost} from '../saga-figures.js';
import type {Family, Sample} from './exposition.js';

const prefix = 'pubsub_tools';

/** The labels of the series of the topics, or the edges, past the caps (docs/prometheus.md). */
const overflow = {overflow: 'true'};

type TopicFigures = MetricsSummary['topics'][string];
type EdgeFigures = MetricsSummary['edges'][string];

/** Summary samples (quantiles in seconds, and the count when it is known exactly) of percentiles in ms. */
function quantileSamples(percentiles: Percentiles, count: number | undefined, labels: Record<string, string> = {}): Sample[] {
	const samples: Sample[] = [];
	for (const [quantile, ms] of [['0.5', percentiles.p50], ['0.95', percentiles.p95], ['0.99', percentiles.p99]] as const) {
		if (Number.isFinite(ms)) samples.push({labels: {...labels, quantile}, value: ms / 1000});
	}

	if (count !== undefined) samples.push({labels, value: count, suffix: '_count'});
	return samples;
}

/** A counter family per field of the run's totals. */
function totalsFamily(name: string, help: string, value: number): Family {
	return {name: `${prefix}_${name}`, help, type: 'counter', samples: [{value}]};
}

/** Every metric family of the engine now (whole-run figures, as `metrics --json` gives them). */
export function engineFamilies(engine: Engine & StageHost): Family[] {
	const summary = engine.summary();
	// The topics and edges past the caps: an `overflow` label and no name, so no topic or edge can be taken for them.
	const topics: Array<[Record<string, string>, TopicFigures]> = Object.entries(summary.topics).map(([topic, figures]) => [{topic}, figures]);
	if (summary.otherTopics) topics.push([overflow, summary.otherTopics]);
	const edges: Array<[Record<string, string>, EdgeFigures]> = Object.entries(summary.edges).map(([edge, figures]) => {
		const [from, to] = engine.edgeNodes(edge);
		return [{edge, from, to}, figures];
	});
	if (summary.otherEdges) edges.push([overflow, summary.otherEdges]);
	const alerts = engine.alertTally();
	const sources = engine.sources();
	const store = engine.store.stats();
	const lag = sources.flatMap(source => (source.lag ?? []).map(entry => ({labels: {source: source.name, group: entry.group, topic: entry.topic}, entry})));
	const families: Family[] = [
		totalsFamily('events_total', 'Events read and stored (whole run).', summary.events),
		{name: `${prefix}_topic_events_total`, help: 'Events per topic (Kafka topic or Redis stream).', type: 'counter', samples: topics.map(([labels, figures]) => ({labels, value: figures.count}))},
		{name: `${prefix}_topic_errors_total`, help: 'Events with status error per topic.', type: 'counter', samples: topics.map(([labels, figures]) => ({labels, value: figures.errors}))},
		{name: `${prefix}_topic_peak_events_per_second`, help: 'Highest one-second event count per topic.', type: 'gauge', samples: topics.map(([labels, figures]) => ({labels, value: figures.rate.peak}))},
		totalsFamily('malformed_total', 'Input lines or messages that could not be read.', summary.malformed),
		totalsFamily('duplicates_total', 'Redeliveries: the same event id on the same topic within the duplicate window.', summary.duplicates),
		totalsFamily('skewed_total', 'Events whose arrival precedes their event time, or comes over a year after it (clock skew).', summary.skewed),
		{name: `${prefix}_delivery_latency_seconds`, help: 'Delivery latency (arrival minus event time) over all topics, from the sketches (≤ 1 % relative error).', type: 'summary', samples: quantileSamples(summary.delivery, undefined)},
		{name: `${prefix}_topic_delivery_latency_seconds`, help: 'Delivery latency per topic, from the sketches.', type: 'summary', samples: topics.flatMap(([labels, figures]) => quantileSamples(figures.delivery, undefined, labels))},
		{name: `${prefix}_hop_latency_seconds`, help: 'Hop latency per edge (consecutive events of one transaction), from the sketches.', type: 'summary', samples: edges.flatMap(([labels, figures]) => quantileSamples(figures, figures.count, labels))},
		totalsFamily('reorder_late_total', 'Events that arrived after the reordering window passed their time.', summary.reorder.late),
		totalsFamily('reorder_excluded_total', 'Late events left out of the hops.', summary.reorder.excluded),
		{name: `${prefix}_alerts_firing`, help: 'Alerts firing now, by rule and severity.', type: 'gauge', samples: alerts.map(({rule, severity, firing}) => ({labels: {rule, severity}, value: firing}))},
		{name: `${prefix}_alerts_fired_total`, help: 'Alerts this run raised, by rule and severity.', type: 'counter', samples: alerts.map(({rule, severity, fired}) => ({labels: {rule, severity}, value: fired}))},
		{name: `${prefix}_consumer_lag`, help: 'Messages or entries not yet delivered to each application consumer group (Kafka, Redis), live sources only.', type: 'gauge', samples: lag.map(({labels, entry}) => ({labels, value: entry.lag}))},
		{name: `${prefix}_consumer_lag_unchecked_groups`, help: 'Kafka: consumer groups the cluster lists not yet checked for commits on the topics read (checked in turn); while above 0, consumer_lag may lack a group.', type: 'gauge', samples: sources.flatMap(source => (source.lagUnchecked === undefined ? [] : [{labels: {source: source.name}, value: source.lagUnchecked}]))},
		{name: `${prefix}_consumer_pending`, help: 'Entries delivered to each application consumer group and not yet acknowledged (Redis), live sources only.', type: 'gauge', samples: lag.flatMap(({labels, entry}) => (entry.pending === undefined ? [] : [{labels, value: entry.pending}]))},
		{name: `${prefix}_source_up`, help: '1 when the source is connected or finished reading, else 0.', type: 'gauge', samples: sources.map(source => ({labels: {source: source.name}, value: source.state === 'connected' || source.state === 'finished' ? 1 : 0}))},
		{name: `${prefix}_source_state`, help: 'The state of each source: 1 for the one it is in, 0 for every other.', type: 'gauge', samples: sources.flatMap(source => sourceStates.map(state => ({labels: {source: source.name, state}, value: source.state === state ? 1 : 0})))},
		{name: `${prefix}_source_events_total`, help: 'Events read from each source.', type: 'counter', samples: sources.map(source => ({labels: {source: source.name}, value: source.events}))},
		{name: `${prefix}_store_events`, help: 'Events kept in the store (after retention).', type: 'gauge', samples: [{value: store.events}]},
		{name: `${prefix}_store_size_bytes`, help: 'Size of the store file (data.mdb).', type: 'gauge', samples: [{value: store.bytes}]},
	];
	return [...families, ...engineFamiliesOfSagas(engine)];
}

/** Saga outcomes by saga and outcome, when the engine runs a saga stage (none otherwise). */
export function engineFamiliesOfSagas(engine: StageHost): Family[] {
	const sagas = sagaFigures(engine);
	if (!sagas) return [];
	// The outcomes part the instances: their total is no outcome, or sum by (saga) would count every instance twice.
	return [{name: `${prefix}_saga_instances`, help: 'Saga instances by saga and outcome (from the saga stage); summed over outcome, all instances.', type: 'gauge', samples: Object.entries(sagas).flatMap(([saga, counts]) => Object.entries(counts).filter(([outcome]) => outcome !== 'instances').map(([outcome, value]) => ({labels: {saga, outcome}, value})))}];
}
