// The aggregate states of a capped transaction's events, folded from every stored event of their aggregates: a
// transaction at its size cap (transactions.maxEvents) holds only some of them, and a state folded from those can be
// wrong (state --id folds them all the same way).
import type {Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import type {EventStore} from '../store/types.js';
import {visitStoredEvents} from '../queries/scan.js';
import {inSteps} from '../queries/steps.js';
import {aggregateIdOf, stateEventOf, type AggregateKeying} from './aggregates.js';
import {foldAggregateSteps, type StateEvent} from './fold.js';
import {statesByEventId, type StateAfterEvent} from './event-states.js';
import {compileMachines} from './machine.js';

/**
 * For each of `events` that names its aggregate (by seq), the aggregate's state right after it, folded from every
 * stored event of that aggregate. Work in steps between which the event loop runs (steps.ts); what it holds is one
 * small record per event of those aggregates (no data) while it folds, then a state per event of `events`. `signal`
 * abandons it (the promise then rejects). Events without an aggregate id get none: their aggregate is the
 * transaction, which the cap cut.
 */
export async function storedStatesAfter(store: Pick<EventStore, 'search'>, events: readonly Envelope[], config: Pick<Config, 'state' | 'fields'>, signal?: AbortSignal): Promise<Map<number, StateAfterEvent>> {
	const keying: AggregateKeying = {fields: config.state.aggregateIdFields, containers: config.fields.containers};
	const ids = events.map(event => aggregateIdOf(event, keying));
	const aggregates = new Map<string, StateEvent[]>();
	for (const id of ids) if (id !== undefined) aggregates.set(id, []);

	const states = new Map<number, StateAfterEvent>();
	if (aggregates.size === 0) return states;
	await visitStoredEvents(store, event => {
		const id = aggregateIdOf(event, keying);
		if (id !== undefined) aggregates.get(id)?.push(stateEventOf(event, keying, false));
	}, signal);
	const machines = compileMachines(config.state);
	const wanted = new Set(events.map(event => event.eventId));
	for (const [id, members] of aggregates) {
		const after = statesByEventId(id, await inSteps(foldAggregateSteps(members, machines), signal), wanted);
		aggregates.delete(id);
		for (const [index, event] of events.entries()) {
			const state = ids[index] === id ? after.get(event.eventId) : undefined;
			if (state) states.set(event.seq, state);
		}
	}

	return states;
}
