// Group-by over the store: events per value of a field, with a sum of another field and when each group was
// first and last seen (event time). Copies of one event (same event id on two streams) count once.
import type {Envelope} from '../envelope.js';
import {findPath, numericValue, scalarText} from '../fields.js';
import type {EventFilter} from '../filter/filter.js';
import type {EventStore} from '../store/types.js';
import {visitStoredEvents} from './scan.js';

/** One group's figures. */
export type GroupFigures = {count: number; sum?: number; firstSeen?: number; lastSeen?: number};

/** What a group-by found. */
export type GroupByResult = {
	/** Events that passed the filter (copies once). */
	matched: number;
	/** Of those, events without the grouping field. */
	withoutField: number;
	/** Events left out as copies of an event already counted. */
	copies: number;
	/** Groups by value, largest first (ties by value). */
	groups: Array<[string, GroupFigures]>;
};

/** What to group by and sum: special envelope fields (topic, type, status, key, source) or dotted paths into the value. */
export type GroupByOptions = {groupBy: string; sum?: string; where?: EventFilter; containers: readonly string[]};

/** The value a field names on an event, as a scalar. */
function fieldOf(event: Envelope, field: string, containers: readonly string[]): unknown {
	switch (field) {
		case 'topic': return event.topic;
		case 'type': return event.type;
		case 'status': return event.status;
		case 'key': return event.key;
		case 'source': return event.source;
		default: return findPath(event.value, event.headers, field.split('.'), containers);
	}
}

/** Group every stored event that `where` accepts by the value of `groupBy`. */
export function groupStoredEvents(store: Pick<EventStore, 'search'>, options: GroupByOptions): GroupByResult {
	const groups = new Map<string, GroupFigures>();
	const seen = new Set<string>();
	const result: GroupByResult = {matched: 0, withoutField: 0, copies: 0, groups: []};
	visitStoredEvents(store, event => {
		if (options.where && !options.where.matches(event)) return;
		if (seen.has(event.eventId)) {
			result.copies++;
			return;
		}

		seen.add(event.eventId);
		result.matched++;
		const value = scalarText(fieldOf(event, options.groupBy, options.containers));
		if (value === undefined) {
			result.withoutField++;
			return;
		}

		let group = groups.get(value);
		if (!group) groups.set(value, group = {count: 0, ...(options.sum === undefined ? {} : {sum: 0})});
		group.count++;
		if (options.sum !== undefined) group.sum! += numericValue(fieldOf(event, options.sum, options.containers)) ?? 0;
		const time = event.timestamp;
		if (time !== undefined) {
			if (group.firstSeen === undefined || time < group.firstSeen) group.firstSeen = time;
			if (group.lastSeen === undefined || time > group.lastSeen) group.lastSeen = time;
		}
	});
	result.groups = [...groups].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0));
	return result;
}
