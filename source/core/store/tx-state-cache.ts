// Committed transaction states kept in memory, in typed arrays: a slot per transaction id modulo the capacity, the
// exact id stored with it. Transaction ids are handed out in sequence, so the newest `capacity` transactions never
// share a slot; an older one loses its slot to a newer one and is read from LMDB again when needed. Nothing here
// is an object the collector has to keep, mark or promote (a Map of state objects was, one per new transaction).

/** A transaction's committed state as the cache holds it. */
export type CachedTxState = {count: number; capped: boolean; closed: boolean; mergedInto?: number | undefined};

/** Slots: a power of two at least the 100,000 states the generational Maps held. */
const defaultCapacity = 1 << 17;

/** Direct-mapped cache of committed transaction states, keyed by transaction id (never 0). */
export class TxStateCache {
	private readonly mask: number;
	/** The transaction id in each slot; 0 when empty. */
	private readonly ids: Float64Array;
	private readonly counts: Float64Array;
	/** The transaction it was merged into; 0 when none. */
	private readonly merged: Float64Array;
	/** 0 not capped, 1 capped, 2 closed (capped too). */
	private readonly capped: Uint8Array;
	private used = 0;

	constructor(capacity = defaultCapacity) {
		if (capacity <= 0 || (capacity & (capacity - 1)) !== 0) throw new Error(`capacity ${capacity} is not a power of two`);
		this.mask = capacity - 1;
		this.ids = new Float64Array(capacity);
		this.counts = new Float64Array(capacity);
		this.merged = new Float64Array(capacity);
		this.capped = new Uint8Array(capacity);
	}

	/** States held now: what the cache is using of its fixed room. */
	get size(): number {
		return this.used;
	}

	/** The cached state of `txId`, or undefined when its slot holds another transaction or none. */
	get(txId: number): CachedTxState | undefined {
		const slot = txId & this.mask;
		if (this.ids[slot] !== txId) return undefined;
		const merged = this.merged[slot]!;
		const capped = this.capped[slot]!;
		return {count: this.counts[slot]!, capped: capped !== 0, closed: capped === 2, mergedInto: merged === 0 ? undefined : merged};
	}

	/** Remember the committed state of `txId`, replacing whichever transaction held its slot. */
	set(txId: number, state: CachedTxState): void {
		const slot = txId & this.mask;
		if (this.ids[slot] === 0) this.used++;
		this.ids[slot] = txId;
		this.counts[slot] = state.count;
		this.merged[slot] = state.mergedInto ?? 0;
		this.capped[slot] = state.closed ? 2 : state.capped ? 1 : 0;
	}

	/** Forget `txId`. */
	delete(txId: number): void {
		const slot = txId & this.mask;
		if (this.ids[slot] !== txId) return;
		this.ids[slot] = 0;
		this.used--;
	}

	/** Forget everything. */
	clear(): void {
		this.ids.fill(0);
		this.used = 0;
	}
}
