// Transactions: events sharing any correlation id, transitively (event-model.md "transaction"). A job plans joins,
// merges and deletions in memory against what is committed, then writes them inside its one LMDB transaction.
import type {Envelope} from '../envelope.js';
import {loadEvents, putEncoded, type Counters, type Databases} from './databases.js';
import {GenerationalCache} from './generational-cache.js';
import {keyText, writtenKey} from './keys.js';
import {putTxEntry, txEventCount, txEventEntries, type TxEventEntry} from './tx-events.js';
import {TxStateCache} from './tx-state-cache.js';
import {storable} from './unpaired-text.js';

/** Recent ids kept in memory (up to twice this): transactions are temporally local, so most never reach LMDB. */
const idGeneration = 100_000;

/** What the store knows of one transaction while it is in use. */
export type TxState = {
	id: number;
	/** Events it holds. */
	count: number;
	/** It stopped absorbing others: linked events are elsewhere (see closed). */
	capped: boolean;
	/**
	 * It turned an event of its own ids away (it was full): it takes no more, ever, whatever the cap is later and
	 * however many events retention deletes from it, since what it turned away would leave a hole. Implies capped.
	 */
	closed: boolean;
	/** Set once it was absorbed into another transaction. */
	mergedInto?: number;
	/** Whether a committed write holds it (one born in the current job has nothing on disk to move or delete). */
	onDisk: boolean;
};

/**
 * Caches shared by all jobs: id → transaction and committed transaction states (a job works on its own copies and
 * writes them back once committed); cleared whenever a commit fails.
 */
export class TxCaches {
	/**
	 * Id → transaction. In a store that held no ids when opened it holds every stored id until it lets one go (ids
	 * are only added by this process's jobs, which cache each new one as they plan it, and deleted from both): an
	 * id it lacks is then not stored either and needs no LMDB read (holdsEveryKey), a fresh store's first 100,000 to
	 * 200,000 ids. An id cached by a job whose commit fails goes with the rest: a failed job clears both caches.
	 */
	readonly ids: GenerationalCache<string, number>;
	readonly txs = new TxStateCache();

	/** `storeHadIds`: the store held ids when it was opened. */
	constructor(storeHadIds: boolean) {
		this.ids = new GenerationalCache<string, number>(idGeneration, !storeHadIds);
	}

	/** Forget everything (after a failed commit the cached states may describe writes that never happened). */
	clear(): void {
		this.ids.clear();
		this.txs.clear();
	}
}

/** Whether the first `count` items hold `item` (scratch lists longer than what they hold now). */
function holds<T>(items: readonly T[], count: number, item: T): boolean {
	for (let i = 0; i < count; i++) if (items[i] === item) return true;
	return false;
}

/** A stored event moved to another transaction by a merge: its record is written again with its new txId. */
type MovedEvent = {from: number; event: Envelope; encoded?: Buffer};

/** The transaction side of one store job: which transaction each event joins, and what that changes on disk. */
export class TxPlan {
	/** Transactions absorbed into others, in order. */
	readonly merges: Array<{from: number; to: number}> = [];
	/** Transactions that reached the cap in this job. */
	readonly capped: number[] = [];
	/** Transactions flagged capped or closed in this job, their flag to write. */
	private readonly flagged: TxState[] = [];
	private readonly touched = new Map<number, TxState>();
	/**
	 * Ids first seen in this job, at the same index: their key, the transaction they joined and their text when the
	 * key is a hash. The id cache answers for them (join caches each one); newIdMap only once it may have let one go.
	 */
	private readonly newKeys: string[] = [];
	private readonly newTxIds: number[] = [];
	private readonly newTexts: Array<string | null> = [];
	/** Key → index in the lists above, built once the id cache has dropped two generations during this job. */
	private newIdMap: Map<string, number> | undefined;
	/** The id cache's drops when the job began (see GenerationalCache.drops). */
	private readonly dropsAtStart: number;
	private readonly movedEvents: MovedEvent[] = [];
	/** Index entries of absorbed transactions, to put under the absorbing one (only pairs of events still stored). */
	private readonly movedEntries: Array<{from: number; entry: TxEventEntry}> = [];
	private readonly movedIds: Array<{from: number; key: string; text: string | null}> = [];
	private readonly emptied: TxState[] = [];
	private readonly emptiedIds: Array<[number, string]> = [];
	// Scratch lists of join(), reused from event to event.
	private readonly found: TxState[] = [];
	private readonly unknown: string[] = [];
	/** keyText of each of `unknown`, at the same index. */
	private readonly unknownKeys: string[] = [];

	constructor(
		private readonly dbs: Databases,
		private readonly caches: TxCaches,
		private readonly counters: Counters,
		private readonly cap: number,
	) {
		this.dropsAtStart = caches.ids.drops;
	}

	/**
	 * The transaction an event with these ids joins (0 when it has none). It joins the largest of its
	 * transactions that has room and absorbs the smaller ones while the sum fits under the cap; a transaction the
	 * event or a merge would grow past the cap is flagged and absorbs no more, ever (a later, larger cap or events
	 * deleted by retention give it no room: the events it missed would leave a hole). When all of its transactions are
	 * full, the event starts a new transaction that only its not-yet-known ids lead to; when it brings no new id
	 * either, it stays outside any transaction (0).
	 */
	join(ids: readonly string[]): number {
		const {found, unknown, unknownKeys} = this;
		// Counts instead of `length = 0`: V8 frees an emptied array's storage and the next push allocates it again.
		let foundCount = 0;
		let unknownCount = 0;
		for (const id of ids) {
			if (id.length === 0) continue;
			const key = keyText(id);
			const state = this.resolve(key);
			if (!state) {
				// An event naming an id twice: it is new once.
				if (!holds(unknownKeys, unknownCount, key)) {
					unknown[unknownCount] = id;
					unknownKeys[unknownCount++] = key;
				}
			} else if (!holds(found, foundCount, state)) found[foundCount++] = state;
		}

		let target = this.target(found, foundCount);
		if (!target) {
			if (unknownCount === 0) return 0;
			target = this.create();
		}

		target.count++;
		for (let i = 0; i < unknownCount; i++) {
			const id = unknown[i]!;
			const key = unknownKeys[i]!;
			this.newIdMap?.set(key, this.newKeys.length);
			this.newKeys.push(key);
			this.newTxIds.push(target.id);
			this.newTexts.push(key === id ? null : id);
			// Cached now, while resolve's miss has the Map's bucket at hand (committed() re-points merged ones).
			this.caches.ids.set(key, target.id);
		}

		return target.id;
	}

	/** An event of this transaction is being deleted (retention); an emptied transaction loses its ids. */
	release(txId: number): void {
		const state = this.state(txId);
		if (!state || state.count === 0) return;
		state.count--;
		if (state.count > 0) return;
		this.emptied.push(state);
		for (const key of this.dbs.txIds.getKeys({start: [txId], end: [txId + 1]})) this.emptiedIds.push([txId, writtenKey(key)[1]]);
	}

	/** The transaction that `txId` now belongs to after this job's merges. */
	root(txId: number): number {
		// Only this job's merges move a transaction it handed out (join returns live ones): none, nothing moved.
		if (this.merges.length === 0) return txId;
		let id = txId;
		for (let state = this.touched.get(id); state?.mergedInto !== undefined; state = this.touched.get(id)) id = state.mergedInto;
		return id;
	}

	/** Settle where moved events end up and encode them; after this, write() only issues puts and removes. */
	seal(): void {
		for (const moved of this.movedEvents) {
			moved.event.txId = this.root(moved.from);
			moved.encoded = this.dbs.encodeEvent(moved.event);
		}
	}

	/** Issue this job's transaction writes (inside the job's LMDB transaction). */
	write(): void {
		const {ids, txIds, txEvents, capped} = this.dbs;
		for (const {from, entry} of this.movedEntries) {
			void txEvents.remove(entry.key);
			if (entry.pairs.length > 0) putTxEntry(this.dbs, {key: [this.root(from), ...entry.key.slice(1)], pairs: entry.pairs});
		}

		for (const moved of this.movedEvents) putEncoded(this.dbs, moved.event.seq, moved.encoded!);

		for (const moved of this.movedIds) {
			const to = this.root(moved.from);
			void txIds.remove([moved.from, moved.key]);
			void txIds.put([to, moved.key], storable(moved.text));
			void ids.put(moved.key, to);
		}

		const {newKeys, newTxIds, newTexts} = this;
		for (let i = 0; i < newKeys.length; i++) {
			const key = newKeys[i]!;
			const to = this.root(newTxIds[i]!);
			void ids.put(key, to);
			void txIds.put([to, key], storable(newTexts[i]!));
		}

		for (const state of this.flagged) void capped.put(state.id, state.closed ? true : 'open');
		for (const state of this.emptied) if (state.capped) void capped.remove(state.id);
		for (const [txId, key] of this.emptiedIds) {
			void ids.remove(key);
			void txIds.remove([txId, key]);
		}
	}

	/** The job committed: what it planned is now what is on disk, and the states it touched are cached as they are. */
	committed(): void {
		for (const state of this.touched.values()) {
			if (state.mergedInto === undefined) state.onDisk = true;
			this.caches.txs.set(state.id, state);
		}

		const {newKeys, newTxIds} = this;
		for (let i = 0; i < newKeys.length; i++) {
			const txId = newTxIds[i]!;
			const to = this.root(txId);
			if (to !== txId) this.caches.ids.set(newKeys[i]!, to);
		}
		for (const state of this.emptied) this.caches.txs.delete(state.id);
		for (const [, key] of this.emptiedIds) this.caches.ids.delete(key);
	}

	/** The largest of the first `count` transactions found with room, after absorbing the others that fit (see join). */
	private target(found: TxState[], count: number): TxState | undefined {
		const states = count > 1 ? found.slice(0, count).sort((a, b) => b.count - a.count || a.id - b.id) : found;
		let target: TxState | undefined;
		for (let i = 0; i < count; i++) {
			const state = states[i]!;
			if (!target) {
				if (!state.closed && state.count < this.cap) target = state;
				else this.close(state);
			} else if (!target.capped && !state.capped) {
				if (target.count + state.count + 1 <= this.cap) this.merge(state, target);
				else this.flag(target);
			}
		}

		return target;
	}

	/** Flag `state` capped: it absorbs no other transaction. */
	private flag(state: TxState): void {
		if (state.capped) return;
		state.capped = true;
		this.capped.push(state.id);
		this.flagged.push(state);
	}

	/** Flag `state` closed: an event of its ids goes elsewhere, so it takes no more events. */
	private close(state: TxState): void {
		if (state.closed) return;
		if (state.capped) this.flagged.push(state);
		else this.flag(state);
		state.closed = true;
	}

	private create(): TxState {
		const state: TxState = {id: this.counters.nextTxId++, count: 0, capped: false, closed: false, onDisk: false};
		this.touched.set(state.id, state);
		return state;
	}

	/** Absorb `from` into `to`: its ids and stored events are re-pointed when the job writes. */
	private merge(from: TxState, to: TxState): void {
		to.count += from.count;
		from.count = 0;
		from.mergedInto = to.id;
		this.merges.push({from: from.id, to: to.id});
		if (!from.onDisk) return;
		for (const entry of txEventEntries(this.dbs, from.id)) {
			const seqs: number[] = [];
			for (let i = 1; i < entry.pairs.length; i += 2) seqs.push(entry.pairs[i]!);
			// Read together (an entry's events share a chunk or two), in the entry's order; an event that is gone is left out, and its pair dropped.
			const events = loadEvents(this.dbs, seqs);
			const kept: number[] = [];
			let next = 0;
			for (let i = 0; i < entry.pairs.length; i += 2) {
				const event = events[next];
				if (!event || event.seq !== entry.pairs[i + 1]) continue;
				next++;
				kept.push(entry.pairs[i]!, event.seq);
				this.movedEvents.push({from: from.id, event});
			}

			this.movedEntries.push({from: from.id, entry: {key: entry.key, pairs: Float64Array.from(kept)}});
		}

		for (const {key, value} of this.dbs.txIds.getRange({start: [from.id], end: [from.id + 1]})) {
			this.movedIds.push({from: from.id, key: writtenKey(key)[1], text: value});
		}
	}

	/** The live transaction an id key leads to: the cache (which holds this job's new ids, see newKeys), then LMDB. */
	private resolve(key: string): TxState | undefined {
		const known = this.caches.ids.get(key) ?? this.newIdEvicted(key);
		let state = known === undefined ? undefined : this.live(known);
		if (!state && (known !== undefined || !this.caches.ids.holdsEveryKey)) {
			// Not cached, or the cached transaction is gone (merged away and evicted, or deleted): ask LMDB.
			const stored = this.dbs.ids.get(key);
			if (stored !== undefined && stored !== known) state = this.live(stored);
		}

		if (state && state.id !== known) this.caches.ids.set(key, state.id);
		return state;
	}

	/** The transaction a new id of this job that the id cache may have let go joined (undefined when none). */
	private newIdEvicted(key: string): number | undefined {
		// A key cached in this job is held until the cache drops twice (a job of more than 100,000 new ids).
		if (this.caches.ids.drops - this.dropsAtStart < 2) return undefined;
		if (!this.newIdMap) {
			this.newIdMap = new Map();
			for (let i = 0; i < this.newKeys.length; i++) this.newIdMap.set(this.newKeys[i]!, i);
		}

		const index = this.newIdMap.get(key);
		return index === undefined ? undefined : this.newTxIds[index];
	}

	/** Follow merges to the transaction that holds `txId`'s events now. */
	private live(txId: number): TxState | undefined {
		let state = this.state(txId);
		while (state?.mergedInto !== undefined) state = this.state(state.mergedInto);
		return state;
	}

	/**
	 * One transaction's state as this job sees it (its own copy, cached when the job commits); from LMDB (event
	 * count, cap flags) when not cached. Undefined when it does not exist.
	 */
	private state(txId: number): TxState | undefined {
		let state = this.touched.get(txId);
		if (state) return state;
		const cached = this.caches.txs.get(txId);
		if (cached) state = {id: txId, count: cached.count, capped: cached.capped, closed: cached.closed, mergedInto: cached.mergedInto, onDisk: true};
		else {
			const count = txEventCount(this.dbs, txId);
			const flag = this.dbs.capped.get(txId);
			if (count === 0 && flag === undefined) return undefined;
			state = {id: txId, count, capped: flag !== undefined, closed: flag === true, onDisk: true};
		}

		this.touched.set(txId, state);
		return state;
	}
}
