// `pubsub-tools metrics`: throughput, delivery and hop latencies of an input, as a table or the JSON contract.
import type {MetricsSummary, SchemaRegistryCounts} from '../core/metrics/types.js';
import {maxValueDepth} from '../core/json-text.js';
import {maxWindowMs, otherSeries} from '../core/metrics/metrics.js';
import {defineCommand} from './support/command.js';
import {analysisStore, connectTimeoutOf, durationOf, inputFlags, inputHelp, sourceSpecs} from './support/inputs.js';
import {parseDuration} from './support/parse.js';
import {usageError} from './support/errors.js';
import {openSession} from './support/session.js';
import {outagesJson, runExitCode, runToEnd} from './support/headless.js';
import {formatTable} from './support/table.js';
import {counted, formatMs, formatNumber, formatSpan} from '../core/units/format.js';
import {sanitize} from '../core/sanitize.js';
import {correlationNotes} from '../core/metrics/id-coverage.js';
import {defaultMaxPairs} from '../core/metrics/hop-transactions.js';
import type {OutageJson} from '../core/sources/recording/outage-line.js';
import {outageLines} from './support/outage-lines.js';

/** One line on the hops' reordering window: what came too late for it, and what the pending cap forced out. */
function formatReorder({windowMs, late, excluded, forced}: MetricsSummary['reorder']): string {
	return `hops: reordering window ${formatMs(windowMs)} · ${formatNumber(late)} late · ${formatNumber(excluded)} left out of the hops (would have run backwards) · ${formatNumber(forced)} forced out`;
}

/** One line on how long transactions stay open for hop matching, and what closing or evicting them lost. */
function formatHopTracking({nodes, typedTopics, openMs, maxOpen, open, evictedBeforeNextStep, otherPairEvents}: MetricsSummary['hopTracking']): string {
	const typed = typedTopics.length > 0 ? ` (event types on ${typedTopics.map(sanitize).join(', ')})` : '';
	const other = otherPairEvents === undefined ? '' : ` · ${formatNumber(otherPairEvents)} events of (topic, type) pairs past the first ${formatNumber(defaultMaxPairs)}, their type named ${otherSeries}`;
	return `hop nodes: ${nodes}${typed} · transactions open ${formatSpan(openMs)} after their last step, at most ${formatNumber(maxOpen)} (${formatNumber(open)} open now) · ${formatNumber(evictedBeforeNextStep)} transactions evicted before their next step${other}`;
}

/** One line on the alert rules' late events: counted in the windows of their own time, or too late to count. */
export function formatAlertLateness({allowedLatenessMs, late, tooLate}: MetricsSummary['alertLateness']): string {
	return `alert rules: allowed lateness ${formatSpan(allowedLatenessMs)} · ${formatNumber(late)} late events counted in the windows of their own time · ${formatNumber(tooLate)} too late, not counted`;
}

/** One line on events without a correlation id and fields that may be one; none when every event has an id. */
function correlationLine(correlation: MetricsSummary['correlation']): string[] {
	const notes = correlationNotes(correlation, formatNumber);
	return notes.length === 0 ? [] : [sanitize(notes.join(' · '))];
}

/** What one kind of framed payload (`value`, `key`) came as: read as JSON, JSON too deep to read, or not decoded and why. */
function frameParts({json, notDecoded, notDecodedSchemaIds, jsonTooDeep}: SchemaRegistryCounts, noun: string): string[] {
	const parts: string[] = [];
	if (notDecoded > 0) {
		const ids = `${notDecodedSchemaIds.length === 1 ? 'schema id' : 'schema ids'} ${notDecodedSchemaIds.join(', ')}`;
		parts.push(`${counted(notDecoded, noun)} in Avro/Protobuf wire format (${ids}): not decoded (no schema registry to read them with; kept as base64)`);
	}

	if (jsonTooDeep > 0) parts.push(`${counted(jsonTooDeep, `JSON ${noun}`)} nested deeper than ${maxValueDepth} levels: not read (kept as base64)`);
	if (json > 0) parts.push(`${counted(json, `JSON ${noun}`)} read`);
	return parts;
}

/**
 * One line on values and keys in the Schema Registry wire format (none: no line): how many were read as JSON, and
 * how many could not be and why, so that a topic of Avro shows as such rather than as events of no type.
 */
function formatSchemaRegistry({keys, ...values}: MetricsSummary['schemaRegistry']): string[] {
	const parts = [...frameParts(values, 'value'), ...frameParts(keys, 'key')];
	return parts.length === 0 ? [] : [`schema registry: ${parts.join(' · ')}`];
}

/** Render the summary as readable tables, with the run's `outages`. */
export function formatMetrics(summary: MetricsSummary, outages: readonly OutageJson[]): string {
	const lines = [
		`events ${formatNumber(summary.events)}   malformed ${formatNumber(summary.malformed)}   duplicates ${formatNumber(summary.duplicates)}   skewed ${formatNumber(summary.skewed)}${summary.readTwice > 0 ? `   read twice ${formatNumber(summary.readTwice)}` : ''}`,
		`delivery  p50 ${formatMs(summary.delivery.p50)}   p95 ${formatMs(summary.delivery.p95)}   p99 ${formatMs(summary.delivery.p99)}`,
		formatReorder(summary.reorder),
		formatHopTracking(summary.hopTracking),
		formatAlertLateness(summary.alertLateness),
		...formatSchemaRegistry(summary.schemaRegistry),
		...correlationLine(summary.correlation),
		...outageLines(outages, 'metrics --json'),
		'',
		formatTable(
			['topic', 'events', 'peak/s', 'errors', 'p50', 'p95', 'p99'],
			[...Object.entries(summary.topics), ...(summary.otherTopics ? [[otherSeries, summary.otherTopics] as const] : [])].map(([name, topic]) => [
				name, topic.count, topic.rate.peak, topic.errors, formatMs(topic.delivery.p50), formatMs(topic.delivery.p95), formatMs(topic.delivery.p99),
			]),
		),
	];
	const edges = [...Object.entries(summary.edges), ...(summary.otherEdges ? [[otherSeries, summary.otherEdges] as const] : [])];
	if (edges.length > 0) {
		lines.push('', formatTable(
			['hop', 'count', 'errors', 'p50', 'p95', 'p99'],
			edges.map(([name, edge]) => [name, edge.count, edge.errors, formatMs(edge.p50), formatMs(edge.p95), formatMs(edge.p99)]),
		));
	}

	return lines.join('\n');
}

/** The metrics command. */
export const metricsCommand = defineCommand({
	name: 'metrics',
	summary: 'throughput and p50/p95/p99 delivery and hop latencies of a recording or live source',
	help: `
  Usage: pubsub-tools metrics <recording|-> [--json] [--window 5m] [--by auto|topic|type]
${inputHelp}

  Options:
    --json             one JSON object (events, malformed, skewed, duplicates, readTwice, topics, delivery, edges,
                       reorder, hopTracking, alertLateness, correlation, schemaRegistry, outages: [{source,
                       from, to?, reason?}]: the times a source could not read, live or in a recording)
    --window 5m        only the last 10s, 1m, 5m, 15m or 1h of the input (default: all of it)

  Examples:
    pubsub-tools metrics recordings/ecommerce.jsonl.gz
    cat recordings/claims.jsonl | pubsub-tools metrics - --json | jq .edges
    pubsub-tools metrics --source 'kafka://localhost:19092?topics=orders.*' --duration 30s`,
	flags: {...inputFlags, json: {type: 'boolean'}, window: {type: 'string'}},
	async run(args, input) {
		const windowMs = input.window === undefined ? undefined : parseDuration(input.window, 'window');
		if (windowMs !== undefined && (windowMs < 1000 || windowMs > maxWindowMs)) throw usageError('--window: between 1s and 1h (rolling windows are kept for one hour)');
		const durationMs = durationOf(input);
		const session = await openSession(sourceSpecs(args, input, 'metrics'), analysisStore(input), {from: input.from, to: input.to, seed: input.seed, demoDurationMs: durationMs});
		try {
			const end = await runToEnd(session, {durationMs, connectTimeoutMs: connectTimeoutOf(input)});
			// Figures of nothing read would look like a quiet system: what could not be read is on stderr.
			if (!end.anyReached) return runExitCode(end);
			const summary = session.engine.summary(windowMs);
			process.stdout.write(input.json ? `${JSON.stringify({...summary, outages: outagesJson(session)})}\n` : `${formatMetrics(summary, outagesJson(session))}\n`);
			return runExitCode(end);
		} finally {
			await session.close();
		}
	},
});
