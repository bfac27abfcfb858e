// Storing one batch: plan everything in memory (seq, read-twice guard, transactions, encoding), then write it all
// in one LMDB transaction together with the source positions and the counters.
import type {Envelope} from '../envelope.js';
import {TimeSlice} from '../time-slice.js';
import type {ChunkBuilder} from './event-chunks.js';
import {putColumnBlock, type ColumnBlockBuilder} from './group-columns.js';
import type {Job} from './job.js';
import type {StoreState} from './state.js';
import {topicBlocks, writeTopicBlocks} from './topic-index.js';
import {TxPlan} from './transactions.js';
import type {TxEventsBuilder} from './tx-events.js';
import type {PutResult, SourcePositions} from './types.js';

/** What lays a batch out for its puts (one of each per store: jobs run one at a time). */
export type BatchWriters = {chunks: ChunkBuilder; columns: ColumnBlockBuilder; txEvents: TxEventsBuilder};

/** Events planned between checks of the time slice. */
const sliceCheck = 64;

/**
 * Plan the storing of a batch (see EventStore.putBatch). Events are updated in place with seq and txId. Planning
 * yields to the event loop every few ms; that is safe because store jobs run one at a time and readers only see
 * committed data.
 */
export async function planBatch(state: StoreState, cap: number, writers: BatchWriters, events: Envelope[], advance?: SourcePositions): Promise<Job<PutResult>> {
	const slice = new TimeSlice();
	const {dbs, counters} = state;
	const tx = new TxPlan(dbs, state.caches, counters, cap);
	const guard = state.guard.begin();
	for (const partition of advance?.restarted ?? []) guard.forget(partition);
	const stored: Envelope[] = [];
	let skipped = 0;
	for (let i = 0; i < events.length; i++) {
		if (i % sliceCheck === sliceCheck - 1 && slice.due()) await slice.pause();
		const event = events[i]!;
		if (event.offset !== undefined && !guard.admit(event as Envelope & {offset: string})) {
			skipped++;
			continue;
		}

		event.seq = counters.nextSeq++;
		event.txId = tx.join(event.ids);
		if (counters.newestReceivedAt === undefined || event.receivedAt > counters.newestReceivedAt) counters.newestReceivedAt = event.receivedAt;
		stored.push(event);
	}

	tx.seal();
	const {chunks, columns, txEvents} = writers;
	chunks.begin();
	columns.begin(stored.length);
	for (let i = 0; i < stored.length; i++) {
		if (i % sliceCheck === sliceCheck - 1 && slice.due()) await slice.pause();
		const event = stored[i]!;
		if (event.txId !== 0) event.txId = tx.root(event.txId);
		chunks.add(event);
		columns.add(event);
	}

	const encodedBytes = chunks.end();
	txEvents.index(stored);
	const columnBlock = columns.encode();

	const topics = topicBlocks(stored);
	const saved = {...counters};
	// Under each name of the source, what it saved there before with this batch's positions over it.
	const positions = advance ? [...new Set([advance.sourceId, ...advance.alsoUnder ?? []])].map(id => [id, {...state.savedPositions(id), ...advance.positions}] as const) : [];
	return {
		result: {stored, skipped, merges: tx.merges, capped: tx.capped},
		write() {
			chunks.write(dbs.chunks!);
			txEvents.write(dbs);
			guard.write();
			writeTopicBlocks(dbs, topics);
			if (columnBlock) putColumnBlock(dbs, columnBlock);
			tx.write();
			void dbs.meta.put('counters', saved);
			for (const [id, kept] of positions) void dbs.positions.put(id, kept);
		},
		committed() {
			tx.committed();
			state.added(stored, encodedBytes);
			for (const [id, kept] of positions) state.positions.set(id, kept);
		},
	};
}
