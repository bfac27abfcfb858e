// Folding an aggregate's events, in event time, into its state at a moment: state, version, last event, fields,
// and the events that broke its machine (flagged, never applied).
import {machineFor, type Machine} from './machine.js';
import {atOnce, type Stepped} from '../queries/steps.js';

/** What folding needs of one event. */
export type StateEvent = {
	eventId: string;
	type: string;
	/** Event time (ms); events without one sort last and are left out of a fold up to a time. */
	time?: number;
	/** Store sequence: the order of events with the same time. */
	seq: number;
	topic?: string;
	/** The event's data, merged into the aggregate's fields (latest value wins); absent when not wanted. */
	fields?: Record<string, unknown>;
	/** The value of the field aggregates are grouped by (`state --group-by`), when the event carries it. */
	group?: string;
};

/** One event of an aggregate's history and what it did. */
export type HistoryEntry = {
	eventId: string;
	type: string;
	time?: number;
	topic?: string;
	/** The aggregate's state after this event. */
	state: string | null;
	/** Applied to the aggregate, or flagged as breaking its machine (then `violation` says how). */
	applied: boolean;
	violation?: string;
};

/** An aggregate as it stood at a moment. */
export type AggregateState = {
	/** The machine it follows; undefined when no machine knows any of its event types. */
	machine?: string;
	/** Its state; null before its first event with a known type (or when no machine applies). */
	state: string | null;
	/** Events applied. */
	version: number;
	/** Type of the last event applied. */
	lastEvent?: string;
	/** Event time of the last event applied. */
	updatedAt?: number;
	/** Event time of the last event applied that its machine knows: since then the state is unchanged (a notification is no change). */
	stateSince?: number;
	/** Whether its state is a final state of its machine. */
	final: boolean;
	/** Data fields merged over the events applied (when the events carried them); a prototype-less object, so any key is data. */
	fields: Record<string, unknown>;
	/** Every event up to the moment, applied or flagged, in event-time order. */
	history: HistoryEntry[];
	/** Events flagged as breaking the machine. */
	violations: number;
	/** Events read again under an event id already folded (the same event on two streams, or redelivered). */
	copies: number;
};

/** Event-time order, ties in store order; events without a time last. */
export function byEventTime(a: StateEvent, b: StateEvent): number {
	if (a.time === undefined || b.time === undefined) {
		if (a.time !== b.time) return a.time === undefined ? 1 : -1;
	} else if (a.time !== b.time) return a.time - b.time;
	return a.seq - b.seq;
}

/** Why `state` cannot follow the aggregate's current state in `machine`, or undefined when it may. */
function violationOf(machine: Machine, current: string | null, state: string, type: string): string | undefined {
	if (current === null) {
		return machine.isInitial(state) ? undefined : `${type} cannot start a ${machine.name} aggregate (${state} is not an initial state)`;
	}

	if (machine.isFinal(current)) return `${type} after the final state ${current}`;
	const allowed = machine.next(current);
	if (allowed.includes(state)) return undefined;
	return `${type}: ${current} → ${state} is not allowed (from ${current}: ${allowed.length > 0 ? allowed.join(', ') : 'nothing'})`;
}

/**
 * Fold an aggregate's events (any order) up to `at` (event time, inclusive; undefined = all) with the machines of
 * the configuration. An event that breaks its machine is kept in the history, flagged, and not applied.
 */
export function foldAggregate(events: readonly StateEvent[], machines: readonly Machine[], at?: number): AggregateState {
	return atOnce(foldAggregateSteps(events, machines, at));
}

/** foldAggregate as stepped work (steps.ts): it yields after each event folded, once they are sorted. */
export function * foldAggregateSteps(events: readonly StateEvent[], machines: readonly Machine[], at?: number): Stepped<AggregateState> {
	const ordered = [...events].sort(byEventTime);
	const machine = machineFor(machines, ordered.map(event => event.type));
	const result: AggregateState = {machine: machine?.name, state: null, version: 0, final: false, fields: Object.create(null) as Record<string, unknown>, history: [], violations: 0, copies: 0};
	const seen = new Set<string>();
	for (const event of ordered) {
		if (at !== undefined && (event.time === undefined || event.time > at)) break;
		if (seen.has(event.eventId)) {
			result.copies++;
			continue;
		}

		seen.add(event.eventId);
		const next = machine?.stateOf(event.type);
		const violation = machine && next !== undefined ? violationOf(machine, result.state, next, event.type) : undefined;
		if (violation === undefined) {
			if (next !== undefined) result.state = next;
			result.version++;
			result.lastEvent = event.type;
			// The last event's own time, none when it has none: an earlier event's would be said as this one's.
			result.updatedAt = event.time;
			if (next !== undefined) result.stateSince = event.time;
			if (event.fields) Object.assign(result.fields, event.fields);
		} else result.violations++;
		result.history.push({
			eventId: event.eventId, type: event.type, time: event.time, topic: event.topic, state: result.state,
			applied: violation === undefined, ...(violation === undefined ? {} : {violation}),
		});
		yield;
	}

	result.final = machine !== undefined && result.state !== null && machine.isFinal(result.state);
	return result;
}
