// Retention: delete the oldest events (store order) with every index entry that points at them. Limits are
// event count, age (receive time, counted back from the newest stored event so that replaying an old recording
// does not delete it at once) and size (pages in use, see usedBytes and usedTarget: the file never shrinks).
// Limits hold with the batch about to be stored counted in: room is made before it is written.
import type {Config} from '../config.js';
import {keysOfRecord, type StoredEventKeys} from './event-record.js';
import type {Job} from './job.js';
import {expiredChunks, removeChunks} from './event-chunks.js';
import {expiredColumnBlocks} from './group-columns.js';
import {expiredRuns} from './guard.js';
import {guardKey, guardPrefix, offsetParts} from './keys.js';
import {visitOldestFirst} from './raw-scan.js';
import type {StoreState} from './state.js';
import {expiredTopicBlocks} from './topic-index.js';
import {TxPlan} from './transactions.js';
import {cutTxEvents, putTxEntry} from './tx-events.js';

/** Retention limits (config `store.retention`). */
export type RetentionLimits = Config['store']['retention'];

/** Most events one pass deletes: bounds its LMDB transaction and the pause it causes. */
const passLimit = 10_000;

/**
 * Room size retention leaves in the file for what LMDB cannot reuse at once: a batch's copy-on-write pages and
 * the pages freed by the deletion just before it (measured: 1.2–1.8 MB beyond the pages in use, batches of ~1 k
 * events, caps of 12 and 100 MB).
 */
const reservedBytes = 4 * 1024 * 1024;

/**
 * The pages in use that size retention keeps under, so that the file (whose size is its high-water mark) stays
 * under maxBytes: maxBytes less 10 % and reservedBytes, or half of it for caps too small for that.
 */
export function usedTarget(maxBytes: number): number {
	return Math.max(maxBytes * 0.5, (maxBytes * 0.9) - reservedBytes);
}

/** What a batch about to be stored brings: its number of events and its newest receive time. */
export type Incoming = {events: number; newestReceivedAt: number | undefined};

/** Nothing incoming: an explicit enforceRetention. */
export const nothingIncoming: Incoming = {events: 0, newestReceivedAt: undefined};

/** One pass: delete the oldest `count` events, and go on while events were received before `cutoff`. */
export type RetentionPass = {count: number; cutoff: number | undefined};

/** Events to delete so that, with `incoming` stored, the pages in use stay under the size target. */
function sizeOverrun(state: StoreState, maxBytes: number, incoming: number, slack: number): number {
	const target = usedTarget(maxBytes);
	const {bytes, perEvent} = state.size.estimate(state.events, incoming, target);
	if (bytes <= target || perEvent === 0) return 0;
	return Math.ceil((bytes - (target * (1 - slack))) / perEvent);
}

/**
 * The next pass needed so that the store, once `incoming` is stored, is within its limits; undefined when it
 * will be. Automatic passes (`slack` > 0, a fraction of each limit) go a little below the limits so that they
 * run once per several batches rather than before every one.
 */
export function nextPass(state: StoreState, limits: RetentionLimits, incoming: Incoming, slack: number): RetentionPass | undefined {
	let count = 0;
	const over = state.events + incoming.events - limits.maxEvents;
	if (over > 0) count = over + Math.floor(limits.maxEvents * slack);
	if (state.events > 0) count = Math.max(count, sizeOverrun(state, limits.maxBytes, incoming.events, slack));

	const stored = state.counters.newestReceivedAt;
	const newest = incoming.newestReceivedAt === undefined || (stored !== undefined && stored > incoming.newestReceivedAt) ? stored : incoming.newestReceivedAt;
	const cutoff = newest === undefined ? undefined : newest - limits.maxAgeMs;
	const aged = cutoff !== undefined && state.oldestReceivedAt !== undefined && state.oldestReceivedAt < cutoff;
	count = Math.min(count, state.events);
	if (count === 0 && !aged) return undefined;
	return {count: Math.min(count, passLimit), cutoff};
}

/** Plan one retention pass; its result is the number of events it deletes. */
export function planRetention(state: StoreState, cap: number, pass: RetentionPass): Job<number> {
	const {dbs} = state;
	const doomed: StoredEventKeys[] = [];
	/** Seqs of the doomed events that have an entry of their own. */
	const singles: number[] = [];
	visitOldestFirst(dbs, (seq, bytes, single) => {
		const event = keysOfRecord(seq, dbs.decodeRecord(bytes));
		if (doomed.length >= pass.count && !(pass.cutoff !== undefined && event.receivedAt < pass.cutoff)) return false;
		doomed.push(event);
		if (single) singles.push(seq);
		return doomed.length < passLimit;
	});

	const tx = new TxPlan(dbs, state.caches, state.counters, cap);
	for (const event of doomed) if (event.txId !== 0) tx.release(event.txId);
	const topics = new Set(doomed.flatMap(event => (event.topic === undefined ? [] : [event.topic])));
	const partitions = new Map(doomed.flatMap(event => {
		if (event.offset === undefined) return [];
		const prefix = guardPrefix(event);
		return [[JSON.stringify(prefix), prefix] as const];
	}));
	const lastSeq = doomed.at(-1)?.seq ?? 0;
	const expired = expiredTopicBlocks(dbs, topics, lastSeq);
	const expiredColumns = expiredColumnBlocks(dbs, lastSeq);
	const chunks = expiredChunks(dbs.chunks, lastSeq);
	const txEvents = cutTxEvents(dbs, new Set(doomed.flatMap(event => (event.txId === 0 ? [] : [event.txId]))), lastSeq);
	const runs = expiredRuns(dbs, partitions.values(), lastSeq);
	// A read-twice entry of its own is removed only while it still names the doomed event: once its partition
	// started again (guard.ts), a newer message at the same offset may own the key.
	const guardKeys = doomed.flatMap(event => {
		if (event.offset === undefined) return [];
		const key = guardKey(event, offsetParts(event.offset));
		return dbs.guard.get(key) === event.seq ? [key] : [];
	});
	return {
		result: doomed.length,
		write() {
			for (const seq of singles) void dbs.events.remove(seq);
			if (dbs.chunks) removeChunks(dbs.chunks, chunks, lastSeq);
			for (const key of guardKeys) void dbs.guard.remove(key);
			for (const key of txEvents.removed) void dbs.txEvents.remove(key);
			for (const entry of txEvents.kept) putTxEntry(dbs, entry);
			for (const key of expired) void dbs.topics.remove(key);
			for (const key of expiredColumns) void dbs.columns?.remove(key);
			for (const key of runs) void dbs.guardRuns.remove(key);
			tx.write();
		},
		committed() {
			tx.committed();
			state.removed(doomed.length);
		},
	};
}
