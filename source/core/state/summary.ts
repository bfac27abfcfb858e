// Every aggregate's state at one moment, counted by state, and the ones stuck short of a final state.
import {byEventTime, foldAggregate, type AggregateState, type StateEvent} from './fold.js';
import type {Machine} from './machine.js';
import type {Stepped} from '../queries/steps.js';

/** One aggregate in a summary. */
export type AggregateSummary = Pick<AggregateState, 'machine' | 'state' | 'version' | 'lastEvent' | 'updatedAt' | 'stateSince' | 'final'> & {
	id: string;
	violations: number;
	/** The grouping field's value on its latest event (up to the moment) that carries it. */
	group?: string;
};

/** Every aggregate that existed at `at` (had an event applied by then), sorted by id, and their count per state. */
export type StateSummary = {aggregates: AggregateSummary[]; byState: Record<string, number>};

/** The name `byState` counts aggregates without a state under (no machine knows their events' types). */
export const noState = '(none)';

/** The `group` of the latest event up to `at` (undefined = all) that carries one. */
function groupAt(events: readonly StateEvent[], at?: number): string | undefined {
	let latest: StateEvent | undefined;
	for (const event of events) {
		if (event.group === undefined || (at !== undefined && (event.time === undefined || event.time > at))) continue;
		if (!latest || byEventTime(event, latest) > 0) latest = event;
	}

	return latest?.group;
}

/** Fold every aggregate up to `at` (undefined = all of its events); stepped work (steps.ts): it yields after each aggregate. */
export function * summarizeAggregates(aggregates: ReadonlyMap<string, readonly StateEvent[]>, machines: readonly Machine[], at?: number): Stepped<StateSummary> {
	const summaries: AggregateSummary[] = [];
	for (const [id, events] of aggregates) {
		yield;
		const folded = foldAggregate(events, machines, at);
		if (folded.version === 0 && folded.violations === 0) continue;
		const {machine, state, version, lastEvent, updatedAt, stateSince, final, violations} = folded;
		const group = groupAt(events, at);
		summaries.push({id, machine, state, version, lastEvent, updatedAt, stateSince, final, violations, ...(group === undefined ? {} : {group})});
	}

	summaries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return countByState(summaries);
}

/** Aggregates with their count per state. */
export function countByState(aggregates: AggregateSummary[]): StateSummary {
	const byState: Record<string, number> = Object.create(null) as Record<string, number>;
	for (const {state} of aggregates) byState[state ?? noState] = (byState[state ?? noState] ?? 0) + 1;
	return {aggregates, byState};
}

/** Aggregates by the value of the grouping field (`state --group-by`), each group with its count per state; aggregates without one are left out. */
export function groupAggregates(summaries: readonly AggregateSummary[]): Map<string, StateSummary> {
	const groups = new Map<string, AggregateSummary[]>();
	for (const each of summaries) {
		if (each.group === undefined) continue;
		const members = groups.get(each.group);
		if (members) members.push(each);
		else groups.set(each.group, [each]);
	}

	return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([group, members]) => [group, countByState(members)]));
}

/**
 * Aggregates with a machine, not in a final state, whose state last changed more than `olderThanMs` before `at`
 * (events its machine does not know, such as reminders, change nothing).
 */
export function stuckAggregates(summaries: readonly AggregateSummary[], at: number, olderThanMs: number): AggregateSummary[] {
	return summaries.filter(each => each.machine !== undefined && !each.final && each.stateSince !== undefined && at - each.stateSince > olderThanMs);
}

/** The newest event time among the aggregates' events, if any has one. */
export function newestEventTime(aggregates: ReadonlyMap<string, readonly StateEvent[]>): number | undefined {
	let newest: number | undefined;
	for (const events of aggregates.values()) {
		for (const event of events) if (event.time !== undefined && (newest === undefined || event.time > newest)) newest = event.time;
	}

	return newest;
}
