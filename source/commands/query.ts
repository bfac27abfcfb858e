// `pubsub-tools query`: group-by over what the store holds: events per value of a field, sums, first/last seen.
import {answeredByColumns, groupSummary, type GroupByResult} from '../core/queries/group-by.js';
import {defaultGroupByThreads, groupStoredEventsInParallel} from '../core/queries/group-by-parallel.js';
import {defineCommand} from './support/command.js';
import {usageError} from './support/errors.js';
import {filterFrom} from './support/filter.js';
import {configFrom} from './support/session.js';
import {exitCodesHelp, inputFlags} from './support/inputs.js';
import {inputOrKeptStore, runExitCode, stoppedWorkExitCode, unlessStopped, withOutages} from './support/headless.js';
import {counted} from '../core/units/format.js';
import {formatTable} from './support/table.js';

/** An event time as ISO-8601, or null when unknown. */
const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** The `query --json` object. */
export function queryJson(groupBy: string, sum: string | undefined, where: string | undefined, result: GroupByResult) {
	return {
		groupBy,
		sum: sum ?? null,
		where: where ?? null,
		matched: result.matched,
		withoutField: result.withoutField,
		copies: result.copies,
		...(sum === undefined ? {} : {sumInArrays: result.sumInArrays}),
		groups: Object.fromEntries(result.groups.map(([value, group]) => [value, {
			count: group.count, ...(group.sum === undefined ? {} : {sum: group.sum}), firstSeen: iso(group.firstSeen), lastSeen: iso(group.lastSeen),
		}])),
	};
}

/** The groups as a table. */
function formatQuery(groupBy: string, sum: string | undefined, result: GroupByResult): string {
	return [
		groupSummary(groupBy, result, sum),
		'',
		formatTable(
			[groupBy, 'events', ...(sum === undefined ? [] : [`sum of ${sum}`]), 'first seen', 'last seen'],
			result.groups.map(([value, group]) => [value, group.count, ...(group.sum === undefined ? [] : [group.sum]), iso(group.firstSeen) ?? '-', iso(group.lastSeen) ?? '-']),
		),
	].join('\n');
}

/** The query command. */
export const queryCommand = defineCommand({
	name: 'query',
	summary: 'group-by over the store: events per value of a field, sums, first and last seen',
	help: `
  Usage: pubsub-tools query [<recording|->] --group-by FIELD [--where FILTER] [--sum FIELD] [--threads N] [--json]

  Counts the stored events per value of FIELD (topic, type, status, key, source, or a dotted path into the
  value, searched like every field: top level, then data/payload/metadata and a Debezium change's row (after,
  else before), then headers), with the sum of another field and the first and last event time of each group.
  The same event read twice (same event id: a copy on events:all, a redelivery) counts once. A field inside
  an array (items.sku on {"items": [{"sku": ...}]}) has a value for each element: refused (exit 2), since a
  group-by counts each event in one group; --where items.sku:B-7 matches an element. --sum items.qty adds each
  element's number (an order with qty 2 and 3 adds 5); a header sent more than once is refused (exit 2): its
  values' sum or one of them? Without an input, reads the store at --data-dir (default
  $XDG_STATE_HOME/pubsub-tools) without a lock.

  The store keeps group columns of every batch: each event's id, time, topic, type, status, source and key, and
  the value fields named in config store.columns (e.g. store: {columns: [customerId, amount]}). A group-by on
  those without --where reads only them. Otherwise each event is read from its stored bytes, only the fields
  named: a value field straight from the stored JSON text. Values stored otherwise (Avro, Protobuf, binary),
  values nested too deep, and a --where on anything but topic, type, key, partition or id read the whole event
  instead: the same answers, slower. In the terminal UI, :group FIELD [--where FILTER] [--sum FIELD] shows the
  same table and keeps it up to date. Ctrl-C (SIGTERM, SIGHUP) while it groups what an input gave gives the
  group-by up at once: nothing on standard output, exit 1.

  Options:
    --group-by FIELD   the field whose values make the groups
    --where FILTER     only events matching the filter (the / filter language: type:Order* amount>100)
    --sum FIELD        add up this numeric field per group (events without it add nothing; inside an array,
                       each element's number)
    --threads N        threads that read the store, each its own part, with the same answers (default: one
                       per core, up to 4, each with at least 150,000 stored events, or 2,000,000 when group
                       columns answer; 1: all on the main thread)
    --json             {groupBy, sum, where, matched, withoutField, copies, sumInArrays? (with --sum),
                        groups: {VALUE: {count, sum?, firstSeen, lastSeen}}, outages?}, largest group first;
                       outages (an input read): [{source, from, to?, reason?}], when a source could not read
    --source URL, --from, --duration, --connect-timeout, --config FILE, --data-dir DIR: as in metrics --help
${exitCodesHelp}

  Examples:
    pubsub-tools query recordings/ecommerce.jsonl.gz --group-by customerId --where type:OrderCreated --sum totalAmount
    pubsub-tools query recordings/claims-store.jsonl --group-by client_id --json`,
	flags: {...inputFlags, groupBy: {type: 'string'}, where: {type: 'string'}, sum: {type: 'string'}, threads: {type: 'number'}, json: {type: 'boolean'}},
	async run(args, input) {
		if (!input.groupBy?.trim()) throw usageError('query: --group-by FIELD is required');
		if (input.sum !== undefined && !input.sum.trim()) throw usageError('--sum: expected a field name');
		const where = filterFrom(input.where, configFrom({config: input.config}).fields.containers, 'where');
		if (input.threads !== undefined && !(Number.isInteger(input.threads) && input.threads >= 1)) throw usageError(`--threads: expected a whole number of at least 1, got ${input.threads}`);
		const {session, end} = await inputOrKeptStore(args, input);
		try {
			if (end && !end.anyReached) return runExitCode(end);
			const options = {groupBy: input.groupBy, sum: input.sum, where, containers: session.config.fields.containers};
			const threads = input.threads ?? defaultGroupByThreads(session.store.stats().events, answeredByColumns(session.store, options));
			const result = await unlessStopped(() => `grouping the ${counted(session.store.stats().events, 'event')} read`, async signal => groupStoredEventsInParallel(session.store, options, threads, signal));
			if (!result) return stoppedWorkExitCode;
			if (result.sumRepeatedHeaders > 0) throw usageError(`query: --sum ${input.sum}: ${counted(result.sumRepeatedHeaders, 'event')} ${result.sumRepeatedHeaders === 1 ? 'holds' : 'hold'} it as a header sent more than once and not in the value, which could mean the sum of its values or one of them; --sum adds a field holding one number, or the numbers inside an array of the value`);
			if (result.inArrays > 0) throw usageError(`query: --group-by ${input.groupBy}: ${counted(result.inArrays, 'event')} ${result.inArrays === 1 ? 'holds' : 'hold'} it inside an array, which has a value for each element; a group-by counts each event in one group (--where ${input.groupBy}:VALUE matches an element)`);
			process.stdout.write(`${input.json ? JSON.stringify(withOutages(queryJson(input.groupBy, input.sum, input.where, result), session, end)) : formatQuery(input.groupBy, input.sum, result)}\n`);
			return end ? runExitCode(end) : 0;
		} finally {
			await session.close();
		}
	},
});
