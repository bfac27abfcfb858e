// `query --group-by` over a whole store, timed on this thread alone and split over the threads `query` uses by
// default (alternating, medians), against a bare JSON.parse pass over the same events, the yardstick that carries
// across machines. `node dist/bench/group-by.js DATA_DIR RECORDING [RUNS]` runs this part alone on a store the
// benchmark's pipeline wrote from RECORDING.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {defaultConfig} from '../source/core/config.js';
import {answeredByColumns, type GroupByResult} from '../source/core/queries/group-by.js';
import {defaultGroupByThreads, groupStoredEventsInParallel} from '../source/core/queries/group-by-parallel.js';
import {openStore} from '../source/core/store/store.js';
import type {EventStore} from '../source/core/store/types.js';
import {bareParse, median} from './measure.js';

/**
 * The group-bys timed: by an envelope field, by a value field with a sum (100 k groups in the benchmark's data;
 * both fields are group columns of the benchmark's store, `store.columns`), and by a value field without a column
 * (read from each event's stored JSON text).
 */
const queries = [
	{label: 'topic', options: {groupBy: 'topic'}},
	{label: 'customerId --sum amount', options: {groupBy: 'customerId', sum: 'amount'}},
	{label: 'orderId (no group column: read from the stored JSON)', options: {groupBy: 'orderId'}},
];

/** One line per group-by: seconds on one thread and on two (the default marked), each also as a share of a bare parse pass (`parseRate` events/s). */
export async function groupByFigures(store: EventStore, runs: number, parseRate: number): Promise<string[]> {
	const events = store.stats().events;
	const lines: string[] = [];
	for (const {label, options: query} of queries) {
		const options = {...query, containers: defaultConfig.fields.containers};
		const threads = defaultGroupByThreads(events, answeredByColumns(store, options));
		const seconds = new Map<number, number[]>([[1, []], [Math.max(2, threads), []]]);
		const answers = new Set<string>();
		let result: GroupByResult | undefined;
		for (let run = 0; run < runs; run++) {
			for (const [count, times] of seconds) {
				const started = process.hrtime.bigint();
				result = await groupStoredEventsInParallel(store, options, count);
				times.push(Number(process.hrtime.bigint() - started) / 1e9);
				answers.add(JSON.stringify(result));
			}
		}

		if (answers.size !== 1) throw new Error(`query --group-by ${label}: ${answers.size} different answers between runs and thread counts`);
		const figure = ([count, times]: [number, number[]]) => `${count} thread${count === 1 ? '' : 's'}${count === threads ? ' (default)' : ''} ${median(times).toFixed(2)} s (${((median(times) * parseRate) / events).toFixed(2)} of a bare JSON.parse pass)`;
		const target = answeredByColumns(store, options) ? '(target < 1 s)' : '(no target: a field without a group column, read from the stored JSON)';
		lines.push(`query --group-by ${label} over the whole store (${result!.matched.toLocaleString('en-US')} events, ${result!.groups.length.toLocaleString('en-US')} groups): ${[...seconds].map(figure).join('; ')}  ${target}`);
	}

	return lines;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const [dataDir, recording, runs] = process.argv.slice(2);
	if (!dataDir || !recording) throw new Error('usage: node dist/bench/group-by.js DATA_DIR RECORDING [RUNS]');
	const parseRate = bareParse(recording);
	const store = openStore({path: dataDir, readOnly: true, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
	try {
		process.stdout.write(`bare JSON.parse: ${Math.round(parseRate).toLocaleString('en-US')} events/s\n${(await groupByFigures(store, Number(runs ?? 3), parseRate)).join('\n')}\n`);
	} finally {
		await store.close();
	}
}
