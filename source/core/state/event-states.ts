// The state of each event's aggregate right after it, for a transaction's timeline (the TUI's state line).
import type {Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import {aggregateIdOf, stateEventOf, type AggregateKeying} from './aggregates.js';
import {byEventTime, foldAggregate, type AggregateState, type StateEvent} from './fold.js';
import {compileMachines} from './machine.js';
import type {Stepped} from '../queries/steps.js';

/** An aggregate's state right after one of its events. */
export type StateAfterEvent = {
	aggregate: string;
	machine?: string;
	state: string | null;
	/** Events applied so far. */
	version: number;
	/** Whether this event was applied or flagged as breaking the machine (`violation` says how). */
	applied: boolean;
	violation?: string;
};

/**
 * For every event of a transaction (by seq), its aggregate's state right after it. Events are grouped by their
 * aggregate id; those without one form the transaction's own aggregate, named by its earliest event's first id.
 * Stepped work (steps.ts): it yields after each event grouped and each event's state set.
 */
export function * statesAfterEvents(events: readonly Envelope[], config: Pick<Config, 'state' | 'fields'>): Stepped<Map<number, StateAfterEvent>> {
	const keying: AggregateKeying = {fields: config.state.aggregateIdFields, containers: config.fields.containers};
	const groups = new Map<string | undefined, Array<{seq: number; event: StateEvent}>>();
	let unnamed: StateEvent | undefined;
	let unnamedId: string | undefined;
	for (const event of events) {
		const id = aggregateIdOf(event, keying);
		const entry = {seq: event.seq, event: stateEventOf(event, keying, false)};
		if (id === undefined && event.ids.length > 0 && (!unnamed || byEventTime(entry.event, unnamed) < 0)) {
			unnamed = entry.event;
			unnamedId = event.ids[0];
		}

		const members = groups.get(id);
		if (members) members.push(entry);
		else groups.set(id, [entry]);
		yield;
	}

	const machines = compileMachines(config.state);
	const states = new Map<number, StateAfterEvent>();
	for (const [id, members] of groups) {
		const aggregate = id ?? unnamedId;
		if (aggregate === undefined) continue;
		const after = statesByEventId(aggregate, foldAggregate(members.map(member => member.event), machines));
		for (const member of members) {
			const state = after.get(member.event.eventId);
			if (state) states.set(member.seq, state);
			yield;
		}
	}

	return states;
}

/** The aggregate's state right after each event of a fold's history, by event id; only those of `wanted` when given. */
export function statesByEventId(aggregate: string, folded: AggregateState, wanted?: ReadonlySet<string>): Map<string, StateAfterEvent> {
	const after = new Map<string, StateAfterEvent>();
	let version = 0;
	for (const entry of folded.history) {
		if (entry.applied) version++;
		if (wanted && !wanted.has(entry.eventId)) continue;
		after.set(entry.eventId, {
			aggregate, machine: folded.machine, state: entry.state, version, applied: entry.applied,
			...(entry.violation === undefined ? {} : {violation: entry.violation}),
		});
	}

	return after;
}
