// What the store keeps in memory about its LMDB contents. Jobs update it while planning; when a commit fails
// it is rebuilt from LMDB, so memory never describes writes that did not happen.
import type {Envelope} from '../envelope.js';
import type {Counters, Databases} from './databases.js';
import {keysOfRecord} from './event-record.js';
import {recordAt, seqBounds, storedEventCount} from './raw-scan.js';
import {ReadTwiceGuard} from './guard.js';
import {SizeGauge} from './size-gauge.js';
import {TxCaches} from './transactions.js';
import type {Positions} from './types.js';

/** In-memory view of the store: counters, caches and the oldest event's receive time. */
export class StoreState {
	counters: Counters;
	readonly caches: TxCaches;
	readonly guard: ReadTwiceGuard;
	/** Saved positions per source, as committed. */
	readonly positions = new Map<string, Positions>();
	/** Stored events. */
	events: number;
	/** Receive time of the oldest stored event (lowest seq). */
	oldestReceivedAt: number | undefined;
	/** The last commit attempted failed (lmdb-js then never reports the environment flushed; see store close). */
	commitFailed = false;
	/** Events written (stored or deleted) since the environment was last opened. */
	unmapped = 0;
	/** Pages in use, for size-based retention. */
	readonly size: SizeGauge;

	constructor(readonly dbs: Databases) {
		this.caches = new TxCaches((dbs.ids.getStats() as {entryCount: number}).entryCount > 0);
		this.guard = new ReadTwiceGuard(dbs);
		this.size = new SizeGauge(dbs);
		this.counters = this.savedCounters();
		this.events = this.storedEvents();
		this.oldestReceivedAt = this.oldest();
	}

	/** Rebuild everything from what LMDB holds (after a failed commit). */
	reload(): void {
		this.counters = this.savedCounters();
		this.caches.clear();
		this.guard.clear();
		this.positions.clear();
		this.size.forget();
		this.events = this.storedEvents();
		this.oldestReceivedAt = this.oldest();
	}

	/** A batch committed these events, `bytes` encoded bytes in all. */
	added(events: Envelope[], bytes: number): void {
		if (events.length === 0) return;
		if (this.events === 0) this.oldestReceivedAt = events[0]!.receivedAt;
		this.events += events.length;
		this.size.added(events.length, bytes);
		this.unmapped += events.length;
	}

	/** A retention pass committed the deletion of the oldest `count` events. */
	removed(count: number): void {
		this.events -= count;
		this.unmapped += count;
		this.size.forget();
		this.oldestReceivedAt = this.oldest();
	}

	/** Saved read positions of a source. */
	savedPositions(sourceId: string): Positions {
		let positions = this.positions.get(sourceId);
		if (!positions) {
			positions = this.dbs.positions.get(sourceId) ?? {};
			this.positions.set(sourceId, positions);
		}

		return positions;
	}

	private savedCounters(): Counters {
		return {nextSeq: 1, nextTxId: 1, ...this.dbs.meta.get('counters')};
	}

	private storedEvents(): number {
		return storedEventCount(this.dbs);
	}

	private oldest(): number | undefined {
		const oldest = seqBounds(this.dbs)?.oldest;
		const bytes = oldest === undefined ? undefined : recordAt(this.dbs, oldest);
		return bytes && keysOfRecord(oldest!, this.dbs.decodeRecord(bytes)).receivedAt;
	}
}
