// The LMDB event store: opening it, running its writes one job at a time, and the EventStore API (types.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type {Alert} from '../alerts/types.js';
import type {Envelope} from '../envelope.js';
import {AlertLog} from './alert-log.js';
import {loadEvent, openDatabases, remap, usedBytes, type Databases} from './databases.js';
import {claimDirectory} from './directory-lock.js';
import {makeDirectory} from './make-directory.js';
import {ChunkBuilder} from './event-chunks.js';
import {ColumnBlockBuilder, visitColumnBlocks, type ColumnSettings, type StoredColumnBlock} from './group-columns.js';
import {planBatch, type BatchWriters} from './ingest.js';
import {RecordWriter} from './record-writer.js';
import {rewriteCounters, runJob} from './job.js';
import {readRecent, readTransaction, searchEvents, transactionIdOf} from './queries.js';
import {seqBounds, visitRecords} from './raw-scan.js';
import {nextPass, nothingIncoming, planRetention, type Incoming, type RetentionLimits} from './retention.js';
import {SerialQueue} from './serial-queue.js';
import {CommitError} from './commit.js';
import {StoreWriteError} from './write-error.js';
import {StoreState} from './state.js';
import {TxEventsBuilder} from './tx-events.js';
import {rangeOfTopic} from './topic-index.js';
import {atOnce, type Stepped} from '../queries/steps.js';
import type {EventStore, Positions, PutResult, SearchOptions, SearchResult, SourcePositions, StoredPartition, StoreStats, TransactionRecord} from './types.js';
import {storedBetween} from './guard.js';
import {guardPrefix, offsetParts} from './keys.js';

/** Where and how to open the store. */
export type StoreOptions = {
	/** Directory of the LMDB environment, created when missing; with `ephemeral`, where the temporary one goes. */
	path?: string;
	/** Use a fresh temporary directory, removed on close. */
	ephemeral?: boolean;
	/** Config `store.retention`. */
	retention: RetentionLimits;
	/** Config `transactions.maxEvents`: a transaction that would grow past it stops absorbing others. */
	maxTransactionEvents: number;
	/** Value fields kept in group columns (config `store.columns`, searched in `fields.containers`); none when absent. */
	columns?: ColumnSettings;
	/**
	 * Only read: the store must exist, no lock is taken (LMDB readers in other processes run alongside its one
	 * writer and see each commit) and every write rejects.
	 */
	readOnly?: boolean;
};

/** Group columns of envelope fields only. */
const noColumns: ColumnSettings = {fields: [], containers: []};

/** Automatic retention goes this fraction below each limit, so that it runs once per many batches. */
const autoSlack = 0.01;

/** Events a batch may always delete to make room, however small the batch. */
const minPassBudget = 10_000;

/** What a batch brings, for retention to make room for it. */
function incomingOf(events: Envelope[]): Incoming {
	let newest: number | undefined;
	for (const event of events) if (newest === undefined || event.receivedAt > newest) newest = event.receivedAt;
	return {events: events.length, newestReceivedAt: newest};
}

/** Events written between reopenings of the environment, which bound the file pages resident in memory (measured at the peak: ~26 MB every 50 k events, ~10 MB every 20 k). */
const remapEvents = 20_000;

/** The directory the store lives in, created when missing. */
function storeDirectory(options: StoreOptions): string {
	if (options.ephemeral) {
		const parent = options.path ?? os.tmpdir();
		makeDirectory(parent);
		return fs.mkdtempSync(path.join(parent, 'pubsub-tools-store-'));
	}

	if (!options.path) throw new Error('openStore needs a path, or ephemeral: true');
	if (options.readOnly) {
		if (!fs.existsSync(path.join(options.path, 'data.mdb'))) throw new Error(`no store in ${options.path}`);
		return options.path;
	}

	makeDirectory(options.path);
	return options.path;
}

/**
 * Open the event store (one per directory and process; see directory-lock.ts). Crash-safe: every write is one
 * LMDB transaction with lmdb-js's default syncing, and a kill at any moment leaves every resolved write intact.
 */
export function openStore(options: StoreOptions): EventStore {
	if (!(options.maxTransactionEvents >= 1)) throw new Error(`maxTransactionEvents must be at least 1, got ${options.maxTransactionEvents}`);
	const directory = storeDirectory(options);
	const removeTemporary = () => {
		if (!options.ephemeral) return;
		process.off('exit', removeTemporary);
		fs.rmSync(directory, {recursive: true, force: true});
	};

	// A temporary store is never left in TMPDIR by a process that exits without closing it (an error on the way out,
	// a shutdown that waited on something that never came).
	if (options.ephemeral) process.on('exit', removeTemporary);

	if (options.readOnly) return new LmdbEventStore(directory, openDatabases(directory, {readOnly: true}), options, () => undefined);
	let release: (() => void) | undefined;
	try {
		release = claimDirectory(directory);
		const claim = release;
		return new LmdbEventStore(directory, openDatabases(directory), options, () => {
			claim();
			removeTemporary();
		});
	} catch (error) {
		release?.();
		removeTemporary();
		throw error;
	}
}

/** EventStore over one LMDB environment; all writes go through one queue (each job plans on committed data). */
class LmdbEventStore implements EventStore {
	private readonly state: StoreState;
	private readonly alertLog: AlertLog;
	/** Write each batch's event records and group columns (jobs run one at a time). */
	private readonly writers: BatchWriters;
	private readonly queue = new SerialQueue();
	private closing: Promise<void> | undefined;

	constructor(
		private readonly directory: string,
		private readonly dbs: Databases,
		private readonly options: StoreOptions,
		private readonly release: () => void,
	) {
		this.state = new StoreState(dbs);
		this.alertLog = new AlertLog(dbs);
		this.writers = {
			chunks: new ChunkBuilder(new RecordWriter(event => dbs.encodeEvent(event))),
			columns: new ColumnBlockBuilder(options.columns ?? noColumns),
			txEvents: new TxEventsBuilder(),
		};
	}

	async putBatch(events: Envelope[], positions?: SourcePositions, whileCommitting?: (result: PutResult) => void): Promise<PutResult> {
		return this.job(async () => {
			if (this.state.unmapped >= remapEvents) {
				await remap(this.dbs, this.directory);
				this.state.unmapped = 0;
			}

			await this.retain(incomingOf(events), autoSlack, Math.max(2 * events.length, minPassBudget));
			return runJob(this.state, () => planBatch(this.state, this.options.maxTransactionEvents, this.writers, events, positions), whileCommitting);
		});
	}

	transaction(id: string): TransactionRecord | undefined {
		return atOnce(readTransaction(this.dbs, id));
	}

	transactionSteps(id: string): Stepped<TransactionRecord | undefined> {
		return readTransaction(this.dbs, id);
	}

	transactionId(id: string): number | undefined {
		return transactionIdOf(this.dbs, id);
	}

	get(seq: number): Envelope | undefined {
		return loadEvent(this.dbs, seq);
	}

	recent(limit: number, topic?: string, afterSeq = 0): Envelope[] {
		return readRecent(this.dbs, limit, topic, afterSeq);
	}

	range(topic: string, fromMs: number, toMs: number, limit?: number): Envelope[] {
		return rangeOfTopic(this.dbs, topic, fromMs, toMs, limit);
	}

	search(matches: (event: Envelope) => boolean, options: SearchOptions): SearchResult {
		return searchEvents(this.dbs, matches, options);
	}

	records(visit: (seq: number, bytes: Uint8Array) => void, afterSeq = 0, upToSeq?: number): void {
		visitRecords(this.dbs, (seq, bytes) => {
			visit(seq, bytes);
		}, afterSeq, upToSeq);
	}

	columnBlocks(visit: (block: StoredColumnBlock) => void, afterSeq = 0, upToSeq?: number): void {
		visitColumnBlocks(this.dbs, visit, afterSeq, upToSeq);
	}

	seqRange(): {oldest: number; newest: number} | undefined {
		return seqBounds(this.dbs);
	}

	get path(): string {
		return this.directory;
	}

	positions(sourceId: string): Positions {
		return {...this.state.savedPositions(sourceId)};
	}

	storedBetween(at: StoredPartition, after: string, upTo: string): number | undefined {
		const [from, to] = [offsetParts(after), offsetParts(upTo)];
		return from && to ? storedBetween(this.dbs, guardPrefix(at), from, to) : undefined;
	}

	async putAlert(alert: Alert): Promise<void> {
		return this.putAlerts([alert]);
	}

	async putAlerts(alerts: readonly Alert[]): Promise<void> {
		return this.job(async () => runJob(this.state, () => this.alertLog.plan(alerts)));
	}

	alerts(): Alert[] {
		return this.alertLog.list();
	}

	stats(): StoreStats {
		return {
			events: this.state.events,
			bytes: fs.statSync(path.join(this.directory, 'data.mdb')).size,
			usedBytes: usedBytes(this.dbs),
			oldestReceivedAt: this.state.oldestReceivedAt,
			cached: {ids: this.state.caches.ids.size, transactions: this.state.caches.txs.size},
		};
	}

	async enforceRetention(): Promise<number> {
		return this.job(async () => this.retain(nothingIncoming, 0, Number.POSITIVE_INFINITY));
	}

	async close(): Promise<void> {
		this.closing ??= this.shutdown();
		return this.closing;
	}

	/**
	 * Retention passes (each its own LMDB transaction) until the store has room for `incoming` within its limits,
	 * or `budget` events were deleted (so that a large overrun, e.g. after the limits were lowered, is worked off
	 * over several batches, each deleting more than it adds, instead of stalling ingest).
	 */
	private async retain(incoming: Incoming, slack: number, budget: number): Promise<number> {
		let deleted = 0;
		while (deleted < budget) {
			const next = nextPass(this.state, this.options.retention, incoming, slack);
			if (!next) break;
			const count = await runJob(this.state, () => planRetention(this.state, this.options.maxTransactionEvents, next));
			deleted += count;
			if (count === 0) break;
		}

		return deleted;
	}

	private async job<T>(work: () => Promise<T>): Promise<T> {
		if (this.closing) throw new Error('the event store is closed');
		if (this.options.readOnly) throw new Error('the event store was opened read-only');
		return this.queue.run(async () => {
			try {
				return await work();
			} catch (error) {
				throw this.told(error);
			}
		});
	}

	/** A failed commit as the user needs to hear it (StoreWriteError); any other error as it is. */
	private told(error: unknown): unknown {
		return error instanceof CommitError ? new StoreWriteError(this.directory, this.state.events, error.cause) : error;
	}

	private async shutdown(): Promise<void> {
		await this.queue.idle();
		if (this.state.commitFailed) {
			// lmdb-js never settles the flush of a failed commit and its close() waits for it; a commit that succeeds
			// replaces it. If even rewriting the counters fails, the environment stays open until the process exits.
			try {
				await runJob(this.state, () => rewriteCounters(this.state));
			} catch (error) {
				// The environment cannot be closed (see above); what was committed is intact on disk, and a process
				// that cannot write its store is about to end: the claim is released so that no stale lock is left.
				this.release();
				throw this.told(error);
			}
		}

		await this.dbs.root.flushed;
		await this.dbs.root.close();
		this.release();
	}
}
