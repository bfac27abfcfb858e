// What `pubsub-tools state` prints: the JSON contract (headless-json.md) and the readable tables.
import type {AggregateState} from '../../core/state/fold.js';
import type {AggregateSummary, StateSummary} from '../../core/state/summary.js';
import {noState} from '../../core/state/summary.js';
import {prettyJson} from '../../core/pretty-json.js';
import {sanitize} from '../../core/sanitize.js';
import {counted, formatDuration, formatNumber} from '../../core/units/format.js';
import {formatTable, formatTableSteps} from './table.js';
import type {Stepped} from '../../core/queries/steps.js';

/** An event time as ISO-8601, or null when unknown. */
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The `state --id` object; `piiMasked` says whether its fields had personal data masked (personal-data.ts). */
export function aggregateJson(id: string, at: number | undefined, folded: AggregateState, piiMasked: boolean) {
	return {
		id,
		at: iso(at),
		machine: folded.machine ?? null,
		state: folded.state,
		final: folded.final,
		version: folded.version,
		lastEvent: folded.lastEvent ?? null,
		updatedAt: iso(folded.updatedAt),
		fields: folded.fields,
		piiMasked,
		violations: folded.violations,
		copies: folded.copies,
		history: folded.history.map(entry => ({
			eventId: entry.eventId,
			type: entry.type,
			timestamp: iso(entry.time),
			topic: entry.topic ?? null,
			state: entry.state,
			applied: entry.applied,
			...(entry.violation === undefined ? {} : {violation: entry.violation}),
		})),
	};
}

/** One aggregate of the summary objects. */
const summaryEntry = (each: AggregateSummary) => ({
	machine: each.machine ?? null, state: each.state, final: each.final, version: each.version,
	lastEvent: each.lastEvent ?? null, updatedAt: iso(each.updatedAt), violations: each.violations,
});

/** Which group of aggregates a summary shows (`--group-by FIELD --id VALUE`). */
export type GroupChoice = {by: string; value?: string};

/** The `state` object without `--id`: every aggregate (of the group) and the count per state. */
export function summaryJson(at: number | undefined, summary: StateSummary, group?: GroupChoice) {
	return {
		at: iso(at),
		...(group ? {by: group.by, value: group.value ?? null} : {}),
		aggregates: Object.fromEntries(summary.aggregates.map(each => [each.id, summaryEntry(each)])),
		byState: summary.byState,
	};
}

/** The `state --stuck` object: aggregates short of a final state whose last change is older than `olderThanMs` at `at`. */
export function stuckJson(at: number, olderThanMs: number, stuck: readonly AggregateSummary[], group?: GroupChoice) {
	return {
		at: iso(at),
		...(group ? {by: group.by, value: group.value ?? null} : {}),
		olderThanMs,
		stuck: Object.fromEntries(stuck.map(each => [each.id, {...summaryEntry(each), sinceMs: at - each.stateSince!}])),
	};
}

/** The `state --group-by FIELD` object: the aggregates of each value of the field, with their count per state. */
export function groupsJson(at: number | undefined, by: string, groups: ReadonlyMap<string, StateSummary>) {
	return {
		at: iso(at),
		by,
		groups: Object.fromEntries([...groups].map(([value, group]) => [value, {aggregates: group.aggregates.map(each => each.id), byState: group.byState}])),
	};
}

/** One aggregate with its history, as text; `piiMasked` says whether its fields had personal data masked. */
export function formatAggregate(id: string, at: number | undefined, folded: AggregateState, piiMasked: boolean): string {
	const lines = [
		`Aggregate ${sanitize(id)}${folded.machine ? ` (${sanitize(folded.machine)})` : ' (no state machine knows its events)'} at ${iso(at) ?? 'the end of the input'}`,
		`state ${sanitize(folded.state ?? noState)}${folded.final ? ' (final)' : ''} · version ${folded.version} · last ${sanitize(folded.lastEvent ?? '-')}${folded.lastEvent === undefined ? '' : folded.updatedAt === undefined ? ' (no event time)' : ` at ${iso(folded.updatedAt)}`}${folded.violations > 0 ? ` · ✗ ${counted(folded.violations, 'event')} ${folded.violations === 1 ? 'breaks' : 'break'} the machine` : ''}${folded.copies > 0 ? ` · ${counted(folded.copies, 'copy', 'copies')}` : ''}`,
		'',
		formatTable(['event time', 'type', 'state after', ''], folded.history.map(entry => [
			iso(entry.time) ?? '(no event time)', entry.type, entry.state ?? noState, entry.violation === undefined ? '' : `✗ ${entry.violation}`,
		])),
	];
	const fields = Object.entries(folded.fields);
	if (fields.length > 0) lines.push('', piiMasked ? 'fields (personal data masked; --show-pii to show it):' : 'fields:', ...fields.map(([name, value]) => `  ${sanitize(name)}: ${sanitize(prettyJson(value, '', String) ?? String(value))}`));
	return lines.join('\n');
}

/** Aggregates as a table (stepped work: steps.ts). */
function aggregateTable(rows: readonly AggregateSummary[], at?: number): Stepped<string> {
	return formatTableSteps(
		['aggregate', 'machine', 'state', 'version', 'last event', 'updated', ...(at === undefined ? [] : ['since']), 'violations'],
		rows.map(each => [
			each.id, each.machine ?? '-', `${each.state ?? noState}${each.final ? ' (final)' : ''}`, each.version, each.lastEvent ?? '-',
			iso(each.updatedAt) ?? '-', ...(at === undefined ? [] : [formatDuration(at - each.stateSince!)]), each.violations,
		]),
	);
}

/** Counts per state on one line: `EnCours 6 · Creee 6`. */
const countsText = (byState: Record<string, number>) => Object.entries(byState).map(([state, count]) => `${sanitize(state)} ${formatNumber(count)}`).join(' · ') || 'none';

/** ` with client_id = client-001` for a group, else nothing. */
const groupText = (group?: GroupChoice) => (group?.value === undefined ? '' : ` with ${sanitize(group.by)} = ${sanitize(group.value)}`);

/** Every aggregate (of the group) and the count per state, as text (stepped work: steps.ts). */
export function * formatSummary(at: number | undefined, summary: StateSummary, group?: GroupChoice): Stepped<string> {
	const head = `${formatNumber(summary.aggregates.length)} aggregates${groupText(group)} at ${iso(at) ?? 'the end of the input'}: ${countsText(summary.byState)}`;
	return summary.aggregates.length === 0 ? head : [head, '', yield * aggregateTable(summary.aggregates)].join('\n');
}

/** The aggregates of each value of the grouping field, as text (stepped work: steps.ts). */
export function * formatGroups(at: number | undefined, by: string, groups: ReadonlyMap<string, StateSummary>): Stepped<string> {
	return [
		`${formatNumber(groups.size)} values of ${sanitize(by)} at ${iso(at) ?? 'the end of the input'}`,
		'',
		yield * formatTableSteps([by, 'aggregates', 'by state'], [...groups].map(([value, group]) => [value, group.aggregates.length, countsText(group.byState)])),
	].join('\n');
}

/** The stuck aggregates, as text (stepped work: steps.ts). */
export function * formatStuck(at: number, olderThanMs: number, stuck: readonly AggregateSummary[], group?: GroupChoice): Stepped<string> {
	const head = `${formatNumber(stuck.length)} aggregates${groupText(group)} short of a final state, unchanged for more than ${formatDuration(olderThanMs)} at ${iso(at)}`;
	return stuck.length === 0 ? head : [head, '', yield * aggregateTable(stuck, at)].join('\n');
}
