// A thread of a split group-by (group-by-parallel.ts): folds one part of the store, hands back the table of the
// ids it counted, waits for the tables of the newer parts, settles which of its events were copies of theirs, and
// hands back its groups. It always closes the store and ends on its own: a worker terminated inside an LMDB call
// takes the process down (node-addon-api's napi_throw during termination is fatal), so it is asked to stop
// instead, through the shared `stop` word, which it reads every 1,024 events.
import {parentPort, workerData} from 'node:worker_threads';
import {defaultConfig} from '../config.js';
import {compileFilter} from '../filter/filter.js';
import {openStore} from '../store/store.js';
import {GroupAccumulator, type GroupByStore} from './group-by.js';
import type {PartMessage, PartTask, SettleMessage} from './group-by-parallel.js';

const task = workerData as PartTask;
const port = parentPort!;
/** Thrown out of the fold when the stop word is set. */
const stopped = new Error('stopped');
// Read only and without a lock: LMDB readers run alongside the store's writer, in this process or another.
const store = openStore({path: task.path, readOnly: true, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
let visited = 0;
const stoppable: GroupByStore = {
	records(visit, afterSeq, upToSeq) {
		store.records((seq, bytes) => {
			if ((++visited & 1023) === 0 && Atomics.load(task.stop, 0) !== 0) throw stopped;
			visit(seq, bytes);
		}, afterSeq, upToSeq);
	},
	columnBlocks(visit, afterSeq, upToSeq) {
		store.columnBlocks(block => {
			if (Atomics.load(task.stop, 0) !== 0) throw stopped;
			visit(block);
		}, afterSeq, upToSeq);
	},
	get: seq => store.get(seq),
	seqRange: () => store.seqRange(),
};

const where = task.where === undefined ? undefined : compileFilter(task.where, task.containers);
const accumulator = new GroupAccumulator({groupBy: task.groupBy, sum: task.sum, where, containers: task.containers}, {expected: task.upToSeq - task.afterSeq, shared: true, deferred: true});
try {
	accumulator.foldRange(stoppable, task.afterSeq, task.upToSeq);
	port.postMessage({kind: 'folded', table: accumulator.seenTable()} satisfies PartMessage);
	port.once('message', (message: SettleMessage) => {
		void settle(message);
	});
} catch (error) {
	await store.close();
	if (error !== stopped) throw error;
}

/** Settle against the newer parts' tables and hand back the groups (none when the fold was abandoned), then close. */
async function settle(message: SettleMessage): Promise<void> {
	if (message.newer === undefined) {
		await store.close();
		return;
	}

	accumulator.settle(store, message.newer);
	const result = accumulator.partial();
	await store.close();
	port.postMessage({kind: 'done', result} satisfies PartMessage, [result.groups.figures.buffer as ArrayBuffer]);
}
