// What the engine and the queries need from the event store (LMDB implementation in this folder).
import type {Envelope} from '../envelope.js';
import type {Alert} from '../alerts/types.js';
import type {StoredColumnBlock} from './group-columns.js';
import type {Stepped} from '../queries/steps.js';

/** Outcome of storing one batch. */
export type PutResult = {
	/** The events actually stored, with `seq` and `txId` set, in input order. */
	stored: Envelope[];
	/** Events skipped because the same source/topic/partition/offset is already stored (read twice ≠ duplicate). */
	skipped: number;
	/** Transactions absorbed into another by this batch: events of `from` now belong to `to`. */
	merges: Array<{from: number; to: number}>;
	/** Transactions that reached the size cap in this batch and stopped absorbing others. */
	capped: number[];
};

/** A transaction: every stored event sharing a correlation id with another, transitively. */
export type TransactionRecord = {
	txId: number;
	/** All ids that lead to this transaction. */
	ids: string[];
	/** Its events in event-time order (events without event time last, by seq). */
	events: Envelope[];
	/** True when it hit the size cap and stopped absorbing others. */
	capped: boolean;
};

/** How far a filtered scan of the store goes in one call. */
export type SearchOptions = {
	/** Look only at events stored before this seq (to continue a scan); default: from the newest. */
	beforeSeq?: number;
	/** Stop after this many matches. */
	limit: number;
	/** Stop after looking at this many events, matching or not. */
	maxScanned: number;
};

/** What a filtered scan of the store found, and how far back it looked. */
export type SearchResult = {
	/** The matching events, newest first. */
	matches: Envelope[];
	/** Events looked at. */
	scanned: number;
	/** Seq of the newest event looked at (a scan that goes on later continues below `continueBefore`). */
	newestSeq?: number;
	/** Where to continue (the seq of the oldest event looked at); undefined once the oldest stored event was looked at. */
	continueBefore?: number;
	/** Receive time of the oldest event looked at. */
	oldestReceivedAt?: number;
};

/** Read positions of one source, e.g. `{"orders/0": "1234"}` or `{"events:orders": "1700000000000-3"}`. */
export type Positions = Record<string, string>;

/**
 * A partition whose offsets went back (the topic was deleted and made again, or truncated): what the read-twice
 * guard stored of it describes messages that are gone, so it is forgotten before the batch that carries this is stored.
 */
export type RestartedPartition = StoredPartition;

/** A partition (a Redis stream) of a source, as the store keys what it stored of it. */
export type StoredPartition = Pick<Envelope, 'source' | 'origin' | 'topic' | 'partition'>;

/**
 * Positions a batch advances a source to, and partitions it starts again (see RestartedPartition); saved under
 * `sourceId` and each of `alsoUnder` (other names of the same source: Source.alsoSavedUnder).
 */
export type SourcePositions = {sourceId: string; positions: Positions; restarted?: RestartedPartition[]; alsoUnder?: readonly string[]};

/** Size of the store. */
export type StoreStats = {
	events: number;
	/** Size of the LMDB file: its high-water mark, since LMDB reuses freed pages but never shrinks the file. */
	bytes: number;
	/** Bytes of pages in use by the data; size-based retention keeps them under usedTarget(maxBytes) (retention.ts). */
	usedBytes?: number;
	oldestReceivedAt?: number;
	/** Correlation ids and transaction states held in memory (transactions.ts): they fill up to their caps over days. */
	cached?: {ids: number; transactions: number};
};

/** The persistent event store. */
export type EventStore = {
	/**
	 * Store a batch (and, atomically with it, the source positions it advances to); resolves once committed.
	 * `whileCommitting` gets the result as soon as the write is issued, so that work needing only seq and txId
	 * runs while LMDB commits; if the commit then fails, putBatch still rejects.
	 */
	putBatch(events: Envelope[], positions?: SourcePositions, whileCommitting?: (result: PutResult) => void): Promise<PutResult>;
	/** The transaction that any of its ids belongs to. */
	transaction(id: string): TransactionRecord | undefined;
	/** `transaction` as stepped work (steps.ts), for a command to read a large transaction in steps a stop signal is heard between. */
	transactionSteps(id: string): Stepped<TransactionRecord | undefined>;
	/** The number of the transaction `id` belongs to now (after merges), without reading its events. */
	transactionId(id: string): number | undefined;
	/** One event by store sequence. */
	get(seq: number): Envelope | undefined;
	/** The newest `limit` events (optionally of one topic, or only those stored after seq `afterSeq`), oldest first. */
	recent(limit: number, topic?: string, afterSeq?: number): Envelope[];
	/** Events of a topic whose receive time lies in [fromMs, toMs), oldest first. */
	range(topic: string, fromMs: number, toMs: number, limit?: number): Envelope[];
	/** Stored events that `matches` accepts, newest first, bounded by matches and by events looked at. */
	search(matches: (event: Envelope) => boolean, options: SearchOptions): SearchResult;
	/** The stored bytes of each event stored after seq `afterSeq` (all by default) and up to `upToSeq` (the newest by default), newest first, valid only during the call: for folds that read a few fields of every event (raw-record.ts). */
	records(visit: (seq: number, bytes: Uint8Array) => void, afterSeq?: number, upToSeq?: number): void;
	/** The group columns of the batches holding events stored after seq `afterSeq` and up to `upToSeq`, newest first, each valid only during its visit (group-columns.ts); none for events stored by a version without them. */
	columnBlocks(visit: (block: StoredColumnBlock) => void, afterSeq?: number, upToSeq?: number): void;
	/** The oldest and newest seq stored, undefined when empty. */
	seqRange(): {oldest: number; newest: number} | undefined;
	/** The directory the store lives in (other threads open it there to read). */
	readonly path: string;
	/** Saved read positions of a source. */
	positions(sourceId: string): Positions;
	/**
	 * How many messages of a partition (a Redis stream) are stored at offsets in (`after`, `upTo`] (numeric offsets,
	 * such as entry ids); undefined when none of it is stored.
	 */
	storedBetween(at: StoredPartition, after: string, upTo: string): number | undefined;
	/** Insert or update an alert (keyed by its id). */
	putAlert(alert: Alert): Promise<void>;
	/** Insert or update alerts in order, in one commit (a batch's alert transitions). */
	putAlerts(alerts: readonly Alert[]): Promise<void>;
	/** Stored alerts, oldest first. */
	alerts(): Alert[];
	/** Count of stored events and the size of the store. */
	stats(): StoreStats;
	/** Delete the oldest events beyond the retention limits; resolves with how many were deleted. */
	enforceRetention(): Promise<number>;
	/** Wait for everything written to be durable, then close. */
	close(): Promise<void>;
};
