// A transaction as a timeline: hop latencies, slow hops, errors, and the issues an engineer should look at.
import {nodeOf, type Envelope} from '../envelope.js';
import type {MetricsSummary} from '../metrics/types.js';
import {edgeNodes} from '../metrics/edge.js';
import type {TransactionRecord} from '../store/types.js';
import type {Config} from '../config.js';
import {statesAfterEvents, type StateAfterEvent} from '../state/event-states.js';
import {counted, formatMs} from '../units/format.js';
import {atOnce, type Stepped} from './steps.js';

/** One event of a timeline with its hop from the previous timed event. */
export type TimelineStep = {
	event: Envelope;
	node: string;
	/** Hop latency from the previous event with an event time; absent for the first or untimed events. */
	latencyMs?: number;
	slow: boolean;
	error: boolean;
	/** Other topics the same event (same event id) was read from too, e.g. `events:all`: one step, not two. */
	alsoOn?: string[];
	/** Times the same event came again on its own topic (redeliveries, flagged `duplicate`): one step, no hop. */
	redelivered?: number;
	/** Its aggregate's state right after it (when the timeline was built with the state configuration). */
	state?: StateAfterEvent;
};

/** Something wrong with a transaction, in words. */
export type TransactionIssue = {
	kind: 'slow-hop' | 'error' | 'blocked' | 'missing-next' | 'capped';
	message: string;
	/** The message's words with the names in it marked (a narrow terminal cuts those, not the figures). */
	parts: IssuePart[];
	/** Seq of the event it concerns. */
	seq?: number;
};

/** A piece of an issue's message: words, a name (an event type, a node), or words a narrow terminal leaves out. */
export type IssuePart = string | {name: string} | {wide: string};

/** An issue whose message is `parts` joined. */
function issue(kind: TransactionIssue['kind'], seq: number | undefined, ...parts: IssuePart[]): TransactionIssue {
	const message = parts.map(part => (typeof part === 'string' ? part : 'name' in part ? part.name : part.wide)).join('');
	return seq === undefined ? {kind, message, parts} : {kind, seq, message, parts};
}

/**
 * Where a step was read, as its words say it (`PaymentFailed on payments`): its topic, unless that is its type too (an
 * event with no type field is typed by its topic) or it has none. Not its node: a node that is the event type (an
 * event store's steps, hops.nodes) would read `OrderCreated on OrderCreated`.
 */
export function stepPlace(event: Pick<Envelope, 'topic' | 'type'>): string | undefined {
	return event.topic && event.topic !== event.type ? event.topic : undefined;
}

/** ` on <place>` of an issue's words, or nothing when the step has no place of its own (stepPlace). */
function onPlace(event: Envelope): IssuePart[] {
	const place = stepPlace(event);
	return place === undefined ? [] : [' on ', {name: place}];
}

/** A transaction ready to show or print. */
export type TransactionView = {
	txId: number;
	ids: string[];
	capped: boolean;
	steps: TimelineStep[];
	issues: TransactionIssue[];
	/** Last event time − first event time, when every step has an event time (else when it ended is unknown). */
	totalMs?: number;
	outcome: 'ok' | 'error' | 'blocked';
};

/** What the timeline needs besides the events: the slow threshold and the flow seen so far. */
export type TimelineContext = {
	slowHopMs: number;
	/** Whole-run metrics, used to tell which step usually follows the last one. */
	summary: Pick<MetricsSummary, 'edges' | 'topics'>;
	/** Aggregate ids and state machines: each step then carries its aggregate's state after it. */
	aggregates?: Pick<Config, 'state' | 'fields'>;
	/** The node of an event, as the hops name it (flow-nodes.ts); default its topic, or its type without one. */
	nodeOf?: (event: Envelope) => string;
};

/** The next step usually seen after `node`, when most transactions that reach it go on. */
export function usualNextStep(node: string, summary: TimelineContext['summary']): {node: string; share: number} | undefined {
	let outgoing = 0;
	let incoming = 0;
	let best: {node: string; count: number} | undefined;
	for (const [edge, stats] of Object.entries(summary.edges)) {
		const [from, to] = edgeNodes(edge);
		if (from === node && to !== node) {
			outgoing += stats.count;
			if (!best || stats.count > best.count) best = {node: to, count: stats.count};
		}

		if (to === node) incoming += stats.count;
	}

	const seen = summary.topics[node]?.count ?? incoming;
	if (!best || seen === 0) return undefined;
	const share = Math.min(1, outgoing / seen);
	return share >= 0.5 ? {node: best.node, share} : undefined;
}

/** Build the timeline of a stored transaction (its events come in event-time order, ties in arrival order). */
export function transactionView(record: TransactionRecord, context: TimelineContext): TransactionView {
	return atOnce(transactionViewSteps(record, context));
}

/** transactionView as stepped work (steps.ts): it yields after each event. */
export function * transactionViewSteps(record: TransactionRecord, context: TimelineContext): Stepped<TransactionView> {
	const steps: TimelineStep[] = [];
	const issues: TransactionIssue[] = [];
	/** Step of each event id, to fold the same event read from a second topic into the step of the first. */
	const stepOfId = new Map<string, TimelineStep>();
	let previous: number | undefined;
	let first: number | undefined;
	// A capped transaction holds only some of its aggregates' events: states folded from them would be wrong; the TUI
	// folds every stored event of its aggregates instead, off the render path (stored-states.ts).
	const states = context.aggregates && !record.capped ? yield * statesAfterEvents(record.events, context.aggregates) : undefined;
	const nodeOfEvent = context.nodeOf ?? nodeOf;
	for (const event of record.events) {
		yield;
		const node = nodeOfEvent(event);
		const original = stepOfId.get(event.eventId);
		const topic = event.topic || node;
		if (original && (original.event.topic || original.node) !== topic) {
			if (!original.alsoOn?.includes(topic)) (original.alsoOn ??= []).push(topic);
			continue;
		}

		// A redelivery, as the metrics count it: the step it repeats says how often it came again.
		if (original && event.duplicate) {
			original.redelivered = (original.redelivered ?? 0) + 1;
			continue;
		}

		const latencyMs = event.timestamp !== undefined && previous !== undefined ? event.timestamp - previous : undefined;
		const slow = latencyMs !== undefined && latencyMs > context.slowHopMs;
		const error = event.status === 'error';
		const state = states?.get(event.seq);
		const step: TimelineStep = {event, node, latencyMs, slow, error, ...(state ? {state} : {})};
		steps.push(step);
		if (!original) stepOfId.set(event.eventId, step);
		const type = {name: event.type};
		const on = onPlace(event);
		if (slow) issues.push(issue('slow-hop', event.seq, 'slow ', {wide: 'hop into '}, type, ...on, `: ${formatMs(latencyMs)}`, {wide: ` (> ${formatMs(context.slowHopMs)})`}));
		if (error) issues.push(issue('error', event.seq, type, ...on, ' failed'));
		if (event.status === 'blocked') issues.push(issue('blocked', event.seq, type, ...on, ' was blocked'));
		if (event.timestamp !== undefined) {
			first ??= event.timestamp;
			previous = event.timestamp;
		}
	}

	const last = steps.at(-1);
	if (last && !last.error) {
		const next = usualNextStep(last.node, context.summary);
		if (next) {
			issues.push(issue('missing-next', last.event.seq, 'expected ', {name: next.node}, ' after ', {name: last.node}, {wide: ` (follows it in ${Math.round(next.share * 100)} % of events)`}, ', never came'));
		}
	}

	if (record.capped) {
		issues.push(issue('capped', undefined, 'transaction reached the size cap and stopped absorbing others'));
	}
	const timed = steps.every(step => step.event.timestamp !== undefined);
	const outcome = steps.some(step => step.error) ? 'error' : steps.some(step => step.event.status === 'blocked') ? 'blocked' : 'ok';
	return {
		txId: record.txId,
		ids: record.ids,
		capped: record.capped,
		steps,
		issues,
		totalMs: timed && first !== undefined && previous !== undefined ? previous - first : undefined,
		outcome,
	};
}

/**
 * What is known of the hop into a step: its latency; `start` for a timed first step; `no time` when the step has no
 * event time; `unknown` when it has one but no step before it does (nothing to measure from: not 0 ms).
 */
export type StepHop = {ms: number} | 'start' | 'no time' | 'unknown';

/** The hop into the step at `index` of a timeline, as flow analyze and the TUI's hop column both say it. */
export function stepHop(step: TimelineStep, index: number): StepHop {
	if (step.latencyMs !== undefined) return {ms: step.latencyMs};
	if (step.event.timestamp === undefined) return 'no time';
	return index === 0 ? 'start' : 'unknown';
}

/** The total as people read it: `total 1.2 s`, or `total unknown (1 event has no time)` when a step has no event time. */
export function totalText(view: Pick<TransactionView, 'totalMs' | 'steps'>): string {
	if (view.totalMs !== undefined) return `total ${formatMs(view.totalMs)}`;
	const untimed = view.steps.filter(step => step.event.timestamp === undefined).length;
	return `total unknown (${counted(untimed, 'event')} ${untimed === 1 ? 'has' : 'have'} no time)`;
}
