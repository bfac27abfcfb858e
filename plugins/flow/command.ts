// `pubsub-tools flow graph`: the flow graph of an input as text, JSON or Graphviz DOT.
import {correlationNotes, formatCount, outageLines, parseDuration, sanitize, wrap, type Analysis, type OutageJson, type PluginCommand} from '../../source/plugin-api/index.js';
import {toDot} from './dot.js';
import {edgeInputs, flowGraph, ratesOver, type FlowGraph} from './graph.js';
import {flowStageName, type FlowStageSnapshot} from './slowest.js';
import {graphLines, headerLines, plainText, type GraphLine} from './text.js';

/** Rolling windows are kept for one hour. */
const maxWindowMs = 3_600_000;

/** The graph of a finished analysis: whole-run figures, rates over the last `windowMs`, slowest transactions. */
export function graphOf(analysis: Analysis, windowMs: number): FlowGraph & {typedTopics: string[]} {
	const summary = analysis.summary();
	const slowest = analysis.stage<FlowStageSnapshot>(flowStageName)?.slowest ?? {};
	const edges = analysis.edges(windowMs);
	const graph = flowGraph(edgeInputs(edges, summary.edges), {by: summary.hopTracking.nodes, windowMs, ratesOverMs: ratesOver(edges, windowMs), slowest});
	return {...graph, typedTopics: summary.hopTracking.typedTopics};
}

/** The run's outages (`not read: …`, as `metrics` says them) wrapped to `width`: a graph over a time a source was not read says so. */
function outageText(outages: readonly OutageJson[], width: number): GraphLine[] {
	return outageLines(outages, 'flow graph --json').flatMap(line => wrap(line, width, Number.POSITIVE_INFINITY)).map(text => ({parts: [{text}]}));
}

/** The command, registered by the flow plugin. */
export const flowGraphCommand: PluginCommand = {
	name: 'flow graph',
	summary: 'the flow graph of an input: nodes, edges with hops, rate, p50/p95/p99, errors; text, JSON or Graphviz',
	help: `
  Usage: pubsub-tools flow graph <recording|-> [--json | --format text|json|dot] [--by auto|topic|type] [--window 1m]

  Nodes are topics, or event types on a stream that carries a transaction's steps (--by picks one for all).
  Edges are hops between consecutive events of a transaction (event time): whole-run hops, errors (hops into an
  error event), p50/p95/p99, the rate over the last --window of the input, marked new (hops in that window and
  none in the one before) or gone (the other way round); the slowest edge (highest p95) and the edge with the
  most errors are marked, and each edge lists its slowest transactions (--json).

  Options:
    --json             one JSON object: by, typedTopics, windowMs, nodes, edges, slowest, mostErrors, hopTracking,
                       correlation, outages (the times a source could not read, live or in a recording)
    --format dot       Graphviz: pubsub-tools flow graph rec.jsonl --format dot | dot -Tsvg > flow.svg
    --window 1m        the window of rates and new/gone marks, 1s to 30m (default 1m)
    --width N          columns of the text drawing (default: the terminal's, else 100)

  Examples:
    pubsub-tools flow graph recordings/ecommerce.jsonl.gz
    pubsub-tools flow graph recordings/checkout-saga.redis.jsonl --json | jq '.edges[] | {name, count, p95}'
    pubsub-tools flow graph recordings/claims.jsonl --by type --format dot > claims.dot`,
	flags: {json: {type: 'boolean'}, format: {type: 'string'}, window: {type: 'string'}, width: {type: 'number'}},
	async run(args, flags, host) {
		const format = flags.json === true ? 'json' : (flags.format as string | undefined) ?? 'text';
		if (!['text', 'json', 'dot'].includes(format)) throw host.usageError(`--format: one of text, json, dot (got "${sanitize(format)}")`);
		const windowMs = flags.window === undefined ? 60_000 : parseDuration(String(flags.window), 'window');
		if (windowMs < 1000 || 2 * windowMs > maxWindowMs) throw host.usageError('--window: between 1s and 30m (the window before it must lie in the hour kept)');
		const width = flags.width === undefined ? (process.stdout.columns ?? 100) : Number(flags.width);
		if (!Number.isInteger(width) || width < 40) throw host.usageError('--width: a whole number of columns, at least 40');
		const analysis = await host.analyze(args, flags);
		if (!analysis.reached) return analysis.exitCode();
		const graph = graphOf(analysis, windowMs);
		const {hopTracking, correlation} = analysis.summary();
		const outages = analysis.outages();
		if (format === 'json') host.print(`${JSON.stringify({...graph, hopTracking, correlation, outages})}\n`);
		else if (format === 'dot') host.print(`${toDot(graph, outageLines(outages, 'flow graph --json'))}\n`);
		else host.print(`${plainText([...headerLines(graph, width, correlationNotes(correlation, formatCount)), ...outageText(outages, width), ...graphLines(graph, width)])}\n`);
		return analysis.exitCode();
	},
};
