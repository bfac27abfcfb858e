// Aggregates read back from the store: which aggregate an event belongs to (an aggregate id field, else its joined
// transaction), every aggregate's events, or one aggregate's events with their data.
import type {Envelope} from '../envelope.js';
import {exactPathText, findExactString} from '../exact-integer.js';
import {containerPathIn, findPath, isRecord, objectAt} from '../fields.js';
import {membersAsSent} from '../json-as-sent.js';
import {isPlaceholderId} from '../placeholder-id.js';
import type {EventStore} from '../store/types.js';
import {visitStoredEvents} from '../queries/scan.js';
import {byEventTime, type StateEvent} from './fold.js';

/** How events name their aggregate. */
export type AggregateKeying = {
	/** Fields holding the aggregate id (config `state.aggregateIdFields`); events with none belong to their joined transaction. */
	fields: readonly string[];
	/** Containers searched after the top level (config `fields.containers`). */
	containers: readonly string[];
	/** A field (or dotted path) whose value each event's `group` gets (`state --group-by client_id`). */
	groupBy?: string;
};

/** The aggregate id an event carries, if any (an integer beyond 2^53 as the digits it was sent with; a placeholder is none). */
export function aggregateIdOf(event: Envelope, keying: AggregateKeying): string | undefined {
	const id = findExactString(event, keying.fields, keying.containers);
	return id === undefined || isPlaceholderId(id) ? undefined : id;
}

/**
 * The data an event brings to its aggregate's fields: its first container object (`data`, …), or the container
 * inside it that a later one names (`payload` holds a change's row `payload.after`: the row, not its envelope), else
 * its top level; a member holding an integer beyond 2^53 as the JSON text the event sent (json-as-sent.ts).
 */
function dataOf(event: Envelope, containers: readonly string[]): Record<string, unknown> | undefined {
	const {value} = event;
	if (!isRecord(value)) return undefined;
	const paths = containers.map(container => containerPathIn(value, container));
	for (const [rank, path] of paths.entries()) {
		if (path === undefined) continue;
		const inner = paths.slice(rank + 1).find(later => later !== undefined && later.length > path.length && path.every((name, index) => later[index] === name)) ?? path;
		return membersAsSent(event, objectAt(value, inner)!, inner);
	}

	return membersAsSent(event, value, []);
}

/** What folding needs of a stored event; `withFields` adds its data. */
export function stateEventOf(event: Envelope, keying: AggregateKeying, withFields: boolean): StateEvent {
	const path = keying.groupBy?.split('.');
	const group = path === undefined ? undefined : exactPathText(findPath(event.value, event.headers, path, keying.containers), event, path, keying.containers);
	return {
		eventId: event.eventId, type: event.type, time: event.timestamp, seq: event.seq, topic: event.topic,
		...(withFields ? {fields: dataOf(event, keying.containers)} : {}),
		...(group === undefined ? {} : {group}),
	};
}

/** Disjoint sets of correlation ids: events sharing an id, transitively, are one transaction. */
class IdSets {
	private readonly parent = new Map<string, string>();

	/** The representative of `id`'s set. */
	find(id: string): string {
		let root = id;
		for (let up = this.parent.get(root); up !== undefined && up !== root; up = this.parent.get(root)) root = up;
		// Path compression: every id on the way now points at the root.
		for (let current = id; current !== root;) {
			const up = this.parent.get(current)!;
			this.parent.set(current, root);
			current = up;
		}

		return root;
	}

	/** Put all `ids` in one set; returns its representative. */
	join(ids: readonly string[]): string {
		for (const id of ids) if (!this.parent.has(id)) this.parent.set(id, id);
		const root = this.find(ids[0]!);
		for (const id of ids.slice(1)) {
			const other = this.find(id);
			if (other !== root) this.parent.set(other, root);
		}

		return root;
	}
}

/**
 * Every aggregate in the store, id → its events (without data). An aggregate without an id field is named by the
 * first correlation id of its earliest event. `signal` abandons the scan (visitStoredEvents); the promise then rejects.
 */
export async function scanAggregates(store: Pick<EventStore, 'search'>, keying: AggregateKeying, signal?: AbortSignal): Promise<Map<string, StateEvent[]>> {
	const aggregates = new Map<string, StateEvent[]>();
	const sets = new IdSets();
	const joined: Array<{ids: string[]; event: StateEvent}> = [];
	await visitStoredEvents(store, event => {
		const id = aggregateIdOf(event, keying);
		if (id !== undefined) {
			const events = aggregates.get(id);
			if (events) events.push(stateEventOf(event, keying, false));
			else aggregates.set(id, [stateEventOf(event, keying, false)]);
		} else if (event.ids.length > 0) {
			sets.join(event.ids);
			joined.push({ids: event.ids, event: stateEventOf(event, keying, false)});
		}
	}, signal);
	const transactions = new Map<string, Array<{ids: string[]; event: StateEvent}>>();
	for (const entry of joined) {
		const root = sets.find(entry.ids[0]!);
		const members = transactions.get(root);
		if (members) members.push(entry);
		else transactions.set(root, [entry]);
	}

	for (const members of transactions.values()) {
		const name = members.reduce((first, entry) => (byEventTime(entry.event, first.event) < 0 ? entry : first)).ids[0]!;
		const events = aggregates.get(name) ?? [];
		for (const {event} of members) events.push(event);
		aggregates.set(name, events);
	}

	return aggregates;
}

/**
 * One aggregate's stored events (stateEventOf with fields folds them): `id` as an aggregate id, else as any id of a
 * transaction without aggregate ids. `signal` abandons a scan of every stored event (visitStoredEvents); the promise
 * then rejects.
 */
export async function aggregateEvents(store: Pick<EventStore, 'search' | 'transaction'>, id: string, keying: AggregateKeying, signal?: AbortSignal): Promise<Envelope[]> {
	const record = store.transaction(id);
	// A transaction at its size cap (transactions.maxEvents) holds only some of the aggregate's events.
	if (record && !record.capped) {
		const carrying = record.events.filter(event => aggregateIdOf(event, keying) === id);
		if (carrying.length > 0) return carrying;
		const unnamed = record.events.filter(event => aggregateIdOf(event, keying) === undefined);
		if (unnamed.length > 0) return unnamed;
	}

	// The aggregate id field is not among the correlation ids (fields.ids), or its transaction is capped: look at every stored event.
	const found: Envelope[] = [];
	await visitStoredEvents(store, event => {
		if (aggregateIdOf(event, keying) === id) found.push(event);
	}, signal);
	return found;
}

/** The aggregate ids the transaction holding `id` carries (to point from a correlation id to its aggregates). */
export function aggregateIdsNear(store: Pick<EventStore, 'transaction'>, id: string, keying: AggregateKeying): string[] {
	const ids = store.transaction(id)?.events.map(event => aggregateIdOf(event, keying)) ?? [];
	return [...new Set(ids.filter(each => each !== undefined))];
}
