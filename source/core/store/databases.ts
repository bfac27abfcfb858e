// The LMDB environment and its named sub-databases (one file, data.mdb, in the store directory).
import {asBinary, open, type Database, type Key, type RootDatabase, type RootDatabaseOptionsWithPath} from 'lmdb';
import type {Envelope} from '../envelope.js';
import {fromRecord, toRecord, type EventRecord} from './event-record.js';
import type {Alert} from '../alerts/types.js';
import type {ChunksDatabase} from './event-chunks.js';
import type {ColumnsDatabase} from './group-columns.js';
import {RecordReader, recordAt, viewOfBytes} from './raw-scan.js';
import {atOnce, type Stepped} from '../queries/steps.js';
import type {Positions} from './types.js';
import {storable} from './unpaired-text.js';

/** Counters that must survive restarts, written with every batch. */
export type Counters = {
	/** Store sequence of the next stored event (monotonic, never reused even after retention). */
	nextSeq: number;
	nextTxId: number;
	/** Newest receive time stored so far: age-based retention counts back from it. */
	newestReceivedAt?: number;
};

/** Every sub-database of the store, by purpose. */
export type Databases = {
	root: RootDatabase;
	/** seq → event record, for records no chunk serves: stores of earlier versions, records rewritten since (raw-scan.ts). */
	events: Database<EventRecord, number>;
	/** [first seq, count] → a chunk of event records (event-chunks.ts); undefined in a store of an older version opened read-only. */
	chunks: ChunksDatabase | undefined;
	/**
	 * A second handle on `events` that reads each value as a view of LMDB's read buffer (raw-scan.ts), opened with
	 * the environment: lmdb-js refuses to open a handle while a read is under way.
	 */
	eventBytes: Database<Uint8Array, number>;
	/** [source, topic, partition, offset…] → seq of a message admitted out of offset order (see guard.ts). */
	guard: Database<number, Array<string | number>>;
	/** [source, topic, partition, first offset…] → a batch's messages of a partition admitted in offset order. */
	guardRuns: Database<GuardRun, Array<string | number>>;
	/** correlation id → transaction id. */
	ids: Database<number, string>;
	/** [txId, id key] → the id's own text when the key is a hash of it, else null. */
	txIds: Database<string | null, [number, string]>;
	/**
	 * The events of each transaction (tx-events.ts): [txId, first seq] → (event time, seq) pairs of a batch, or, in
	 * stores of earlier versions, [txId, event time, seq] → null.
	 */
	txEvents: Database<null, number[]>;
	/** A second handle on `txEvents` that reads each value as a view of LMDB's read buffer. */
	txEventBytes: Database<Uint8Array, number[]>;
	/**
	 * txId → the cap flag of a transaction that reached the size cap: true when closed (it turned an event away and
	 * takes no more; stores of earlier versions wrote true for every capped one), 'open' when it only refused to
	 * absorb another and still takes events of its own ids while below the cap (transactions.ts TxState).
	 */
	capped: Database<true | 'open', number>;
	/** [topic, first seq] → the receive times and seqs of that topic's events in one batch (topic-index.ts). */
	topics: Database<TopicBlock, [string, number]>;
	/** Last seq of a batch → its group columns (group-columns.ts); undefined in a store of an older version opened read-only. */
	columns: ColumnsDatabase | undefined;
	/** sourceId → its read positions. */
	positions: Database<Positions, string>;
	/** alert id → alert. */
	alerts: Database<Alert, string>;
	/** 'counters' → Counters. */
	meta: Database<Counters, string>;
	/** Encode an event exactly as `events` decodes it (done before a batch writes anything, so it cannot fail half-way). */
	encodeEvent(event: Envelope): Buffer;
	/** Decode a record's bytes as `events` does. */
	decodeRecord(bytes: Uint8Array): EventRecord;
};

/** Messages of one partition admitted in offset order in one batch: `flat` holds each one's offset parts, then its seq. */
export type GuardRun = {width: number; last: number[]; lastSeq: number; flat: number[]};

/** One batch's events of one topic: the last seq, then receive time and seq of each event, flat. */
export type TopicBlock = {last: number; pairs: number[]};

type Encoder = {encode(value: unknown): Buffer; decode(bytes: Uint8Array): unknown};

/** Open (creating if needed, unless `readOnly`) the environment in `directory` with crash-safe settings. */
export function openDatabases(directory: string, {readOnly = false} = {}): Databases {
	const options: RootDatabaseOptionsWithPath & {useRecords: boolean} = {
		path: directory,
		readOnly,
		// Otherwise lmdb-js takes a directory name with a dot (`store.v2`) for a file name.
		noSubdir: false,
		maxDbs: 16,
		// lmdb-js leaves the promise of its implicit per-event-turn batch without a handler: a failed commit would
		// surface as an unhandled rejection. Every write here is an explicit batch(), so that wrapper is not needed.
		eventTurnBatching: false,
		// msgpackr records without shared structures repeat their definitions in every value and cost tens of µs
		// per event; shared structures would be saved outside the batch's transaction. Plain msgpack maps it is.
		useRecords: false,
	};
	const root = open(options);
	const events = root.openDB<EventRecord, number>('events', {});
	const encoder = (events as unknown as {encoder?: Encoder}).encoder;
	if (typeof encoder?.encode !== 'function' || typeof encoder.decode !== 'function') throw new Error('lmdb: the events database has no msgpack encoder');
	return {
		root,
		events,
		eventBytes: root.openDB<Uint8Array, number>('events', {encoder: viewOfBytes} as object),
		// lmdb-js gives undefined for a database a read-only environment does not hold.
		chunks: root.openDB<Uint8Array, [number, number]>('event-chunks', {encoder: viewOfBytes} as object) as ChunksDatabase | undefined,
		guard: root.openDB('guard', {}),
		guardRuns: root.openDB('guard-runs', {}),
		ids: root.openDB('ids', {}),
		txIds: root.openDB('tx-ids', {}),
		txEvents: root.openDB('tx-events', {}),
		txEventBytes: root.openDB<Uint8Array, number[]>('tx-events', {encoder: viewOfBytes} as object),
		capped: root.openDB('tx-capped', {}),
		// Stores of earlier versions kept one entry per event in 'topics'; that database is left alone.
		topics: root.openDB('topic-blocks', {}),
		// lmdb-js gives undefined for a database a read-only environment does not hold.
		columns: root.openDB<Uint8Array, number>('group-columns', {encoder: viewOfBytes} as object) as ColumnsDatabase | undefined,
		positions: root.openDB('positions', {}),
		alerts: root.openDB('alerts', {}),
		meta: root.openDB('meta', {}),
		encodeEvent: event => encoder.encode(storable(toRecord(event))),
		decodeRecord: bytes => encoder.decode(bytes) as EventRecord,
	};
}

/** msgpack's `null`, the value of every tx-events entry, given to lmdb-js as bytes: it need not encode it each time. */
const encodedNull = asBinary(Buffer.from([0xc0])) as unknown as null;

/** Add an earlier version's one-event entry to the index of a transaction's events (tx-events.ts). */
export function putTxEvent(dbs: Databases, key: [number, number, number]): void {
	void dbs.txEvents.put(key, encodedNull);
}

/**
 * Put the value at `bytes[start, end)`: lmdb-js reads a buffer's `start` and `end` as the value's place in it (as
 * msgpackr's reused buffers give it) and copies the bytes when it commits, so one buffer serves a whole batch; it
 * must stay as it is until the batch is committed.
 */
export function putPlaced<K extends Key>(db: Database<unknown, K>, key: K, bytes: Buffer, start: number, end: number): void {
	const placed = bytes as Buffer & {start: number; end: number};
	placed.start = start;
	placed.end = end;
	void db.put(key, asBinary(bytes));
}

/** Store an event already encoded by encodeEvent (lmdb-js writes the bytes as they are). */
export function putEncoded(dbs: Databases, seq: number, encoded: Buffer): void {
	void dbs.events.put(seq, asBinary(encoded) as unknown as EventRecord);
}

/** One stored event. */
export function loadEvent(dbs: Databases, seq: number): Envelope | undefined {
	const bytes = recordAt(dbs, seq);
	return bytes && fromRecord(seq, dbs.decodeRecord(bytes));
}

/** The stored events among `seqs`, in their order, skipping any deleted meanwhile; at most `limit`. */
export function loadEvents(dbs: Databases, seqs: Iterable<number>, limit = Number.POSITIVE_INFINITY): Envelope[] {
	return atOnce(loadEventsSteps(dbs, seqs, limit));
}

/** loadEvents as stepped work (steps.ts): it yields after each event read. */
export function * loadEventsSteps(dbs: Databases, seqs: Iterable<number>, limit = Number.POSITIVE_INFINITY): Stepped<Envelope[]> {
	const events: Envelope[] = [];
	const reader = new RecordReader(dbs);
	for (const seq of seqs) {
		if (events.length >= limit) break;
		const bytes = reader.read(seq);
		if (bytes) events.push(fromRecord(seq, dbs.decodeRecord(bytes)));
		yield;
	}

	return events;
}

/**
 * Close and reopen the environment in place (every holder of `dbs` sees the new handles). LMDB's copy-on-write
 * reads pages back through its memory map, so the map's resident pages grow with the file; reopening drops them.
 * Only call it when no write is pending and the last commit succeeded (lmdb-js then waits on nothing).
 */
export async function remap(dbs: Databases, directory: string): Promise<void> {
	await dbs.root.flushed;
	await dbs.root.close();
	Object.assign(dbs, openDatabases(directory));
}

type PageStats = {pageSize: number; treeBranchPageCount: number; treeLeafPageCount: number; overflowPages: number};

/** Pages of one tree. */
function pages(stats: PageStats): number {
	return stats.treeBranchPageCount + stats.treeLeafPageCount + stats.overflowPages;
}

/**
 * Bytes the data occupies: pages in use by every sub-database, the catalogue and the free list. Unlike the file
 * size, this falls when events are deleted (LMDB reuses freed pages but never shrinks the file).
 */
export function usedBytes(dbs: Databases): number {
	const trees = [dbs.events, ...(dbs.chunks ? [dbs.chunks] : []), dbs.guard, dbs.guardRuns, dbs.ids, dbs.txIds, dbs.txEvents, dbs.capped, dbs.topics, dbs.positions, dbs.alerts, dbs.meta, ...(dbs.columns ? [dbs.columns] : [])];
	let total = 0;
	let pageSize = 4096;
	let environment: (PageStats & {root: PageStats; free: PageStats}) | undefined;
	for (const tree of trees) {
		const stats = tree.getStats() as PageStats & {root: PageStats; free: PageStats};
		total += pages(stats);
		pageSize = stats.pageSize;
		environment = stats;
	}

	if (environment) total += pages(environment.root) + pages(environment.free);
	return total * pageSize;
}
