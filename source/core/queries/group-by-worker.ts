// A thread of a split group-by (group-by-parallel.ts): folds one older part of the store, hands back the table of
// the ids it counted, waits for the tables of the newer parts, settles which of its events were copies of theirs,
// and hands back its groups.
import {parentPort, workerData} from 'node:worker_threads';
import {defaultConfig} from '../config.js';
import {compileFilter} from '../filter/filter.js';
import {openStore} from '../store/store.js';
import {GroupAccumulator} from './group-by.js';
import type {PartMessage, PartTask, SettleMessage} from './group-by-parallel.js';

const task = workerData as PartTask;
const port = parentPort!;
// Read only and without a lock: LMDB readers run alongside the store's writer, in this process or another.
const store = openStore({path: task.path, readOnly: true, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
const where = task.where === undefined ? undefined : compileFilter(task.where, task.containers);
const accumulator = new GroupAccumulator({groupBy: task.groupBy, sum: task.sum, where, containers: task.containers}, {expected: task.upToSeq - task.afterSeq, shared: true, deferred: true});
accumulator.foldRange(store, task.afterSeq, task.upToSeq);
port.postMessage({kind: 'folded', table: accumulator.seenTable()} satisfies PartMessage);
port.once('message', (message: SettleMessage) => {
	accumulator.settle(store, message.newer);
	const result = accumulator.partial();
	port.postMessage({kind: 'done', result} satisfies PartMessage, [result.groups.figures.buffer as ArrayBuffer]);
	void store.close();
});
