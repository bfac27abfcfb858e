// The transactions a hop tracker follows: a table of typed arrays indexed by slot, not one object per transaction.
import {grown, SlotOrder} from '../slots.js';
import {otherSeries} from './capped-series.js';

/** (topic, type) pairs a hop tracker names by default; further pairs go under `(other)` (`HopTransactions.pairOf`). */
export const defaultMaxPairs = 10_000;

/**
 * Per transaction (one slot each): its txId, where its finalized chain ends, how many of its events are pending,
 * its newest event time, and the transaction it was absorbed into (union-find with path shortening).
 *
 * Measured choice: as objects, 200 k transactions held ~32 MB of live heap (7 fields, two of them boxed doubles,
 * plus Map entries), which the GC scans and grows ~3.5× in RSS; typed arrays hold the same in plain bytes.
 *
 * A slot stays allocated while anything can still reach it — its txId's entry, a slot absorbed into it, or a
 * pending event it owns — counted in `refs`, so following `into` never lands in a slot reused by another
 * transaction. This keeps what the objects did under the GC: a transaction evicted from the table while an
 * alias or a pending event still leads to it goes on (untracked) until the last of them is gone.
 */
export class HopTransactions {
	/** The txId of each slot. */
	ids = new Float64Array(0);
	/** Pending events of each root (stale in absorbed slots). */
	pending = new Int32Array(0);
	/** Newest event time seen in each root. */
	newest = new Float64Array(0);
	/** Transactions forgotten while not absorbed, to make room under the cap. */
	dropped = 0;
	/** Transactions forgotten after being idle (no event, nothing pending) for the open time. */
	closed = 0;
	/** Forgotten transactions (closed or dropped) that had a further event later: its hop was not measured. */
	evictedBeforeNext = 0;
	/** (topic, type) of the last finalized event (index into `tailTopics`/`tailTypes`; -1 before the first). */
	private tailNodes = new Int32Array(0);
	/** Event time the chain has reached (never decreases: a late event does not move it back). */
	private tailTimes = new Float64Array(0);
	private tailOrders = new Float64Array(0);
	/** Slot this one was absorbed into (-1: a root). */
	private into = new Int32Array(0);
	/** What still reaches each slot: its txId entry, slots absorbed into it, pending events it owns. */
	private refs = new Int32Array(0);
	/**
	 * Creation order of the slots filed under their txId, the oldest evicted first. A list, not the
	 * Map's order: reaching a Map's first entry skips every entry deleted before it, which made ingest at the cap
	 * ~8× slower (1 M events, cap 20 k: 1.7 s against 0.2 s).
	 */
	private readonly order = new SlotOrder();
	/** txId → slot, for the slots filed under their txId. */
	private readonly slots = new Map<number, number>();
	private readonly free: number[] = [];
	private used = 0;
	/** Events whose (topic, type) pair came past the pair cap (see `pairOf`). */
	otherPairEvents = 0;
	/**
	 * (topic, type) pairs are few and shared by many transactions: slots keep an index into these lists. At most
	 * `maxPairs` named ones, then one `(other)` type per topic already named, and one `(other)` topic and type.
	 */
	private readonly pairTopics: string[] = [];
	private readonly pairTypes: string[] = [];
	private readonly pairIndexes = new Map<string, Map<string, number>>();
	/** Topic → its pair of `(other)` type, for new types of named topics past the pair cap. */
	private readonly otherTypePairs = new Map<string, number>();
	/** The pair of `(other)` topic and type, for topics first seen past the pair cap (-1 until needed). */
	private otherPair = -1;
	private namedPairs = 0;
	/**
	 * txIds of forgotten transactions whose chain had begun, to tell when one goes on: two generations of at most
	 * `max` ids each (the older is dropped when the newer fills), so at most 2 × `max` numbers.
	 */
	private evicted = new Set<number>();
	private evictedBefore = new Set<number>();

	/** `max` transactions (and absorbed aliases) are filed under their txId at once; `maxPairs` (topic, type) pairs are named. */
	constructor(private readonly max: number, private readonly maxPairs = defaultMaxPairs) {
		this.resize(Math.min(1024, max));
	}

	/** Transactions (and absorbed aliases) filed under their txId now. */
	get size(): number {
		return this.slots.size;
	}

	/** The slot filed under `id`, created (evicting the oldest-created beyond the cap) when unknown. */
	slotOf(id: number): number {
		const known = this.slots.get(id);
		if (known !== undefined) return known;
		if (this.evicted.size + this.evictedBefore.size > 0 && (this.evicted.delete(id) || this.evictedBefore.delete(id))) this.evictedBeforeNext++;
		if (this.slots.size >= this.max) {
			const oldest = this.order.oldest;
			if (this.into[oldest] === -1) {
				this.dropped++;
				this.remember(oldest);
			}

			this.forget(oldest);
		}

		const slot = this.free.length > 0 ? this.free.pop()! : this.allocate();
		this.ids[slot] = id;
		this.pending[slot] = 0;
		this.newest[slot] = -Infinity;
		this.tailNodes[slot] = -1;
		this.tailTimes[slot] = -Infinity;
		this.tailOrders[slot] = -1;
		this.into[slot] = -1;
		this.refs[slot] = 1;
		this.order.append(slot);
		this.slots.set(id, slot);
		return slot;
	}

	/** The root that `slot` now belongs to (following absorptions, shortening the path). */
	find(slot: number): number {
		const {into, refs} = this;
		let root = slot;
		while (into[root] !== -1) root = into[root]!;
		for (let step = slot; into[step] !== -1 && into[step] !== root;) {
			const next = into[step]!;
			into[step] = root;
			refs[root]!++;
			// When `step` was all that reached `next`, releasing frees it (its `into` becomes -1, ending the walk).
			this.release(next);
			step = next;
		}

		return root;
	}

	/** Keep `slot` allocated for one more holder (a pending event, or a caller across a possible eviction). */
	hold(slot: number): void {
		this.refs[slot]!++;
	}

	/** Drop one holder of `slot`; free it (and what only it reached) when none is left. */
	release(slot: number): void {
		const {into, refs} = this;
		while (--refs[slot]! === 0) {
			const next = into[slot]!;
			into[slot] = -1;
			this.free.push(slot);
			if (next === -1) return;
			slot = next;
		}
	}

	/** Root `absorbed` joins root `into`: one chain, going on from whichever finalized event came later. */
	absorb(absorbed: number, into: number): void {
		this.into[absorbed] = into;
		this.refs[into]!++;
		this.pending[into]! += this.pending[absorbed]!;
		if (this.newest[absorbed]! > this.newest[into]!) this.newest[into] = this.newest[absorbed]!;
		// The other chain's hops were already emitted.
		if (this.tailNodes[absorbed] !== -1 && (this.tailNodes[into] === -1 || this.after(absorbed, into))) {
			this.tailNodes[into] = this.tailNodes[absorbed]!;
			this.tailTimes[into] = this.tailTimes[absorbed]!;
			this.tailOrders[into] = this.tailOrders[absorbed]!;
		}
	}

	/** The (topic, type) pair of the last finalized event of root `slot` (see `pairOf`); -1 before the first. */
	tailPair(slot: number): number {
		return this.tailNodes[slot]!;
	}

	/** Topic of a pair (see `pairOf`). */
	pairTopic(pair: number): string {
		return this.pairTopics[pair]!;
	}

	/** Type of a pair (see `pairOf`). */
	pairType(pair: number): string {
		return this.pairTypes[pair]!;
	}

	/** Event time the finalized chain of root `slot` has reached. */
	tailTime(slot: number): number {
		return this.tailTimes[slot]!;
	}

	/** Root `slot` was idle past the open time and has a next step: count it, and start its chain over. */
	close(slot: number): void {
		this.closed++;
		this.evictedBeforeNext++;
		this.tailNodes[slot] = -1;
	}

	/**
	 * The index of the (topic, type) pair (see `pairTopic`), added when new: found once per event, at ingest. Past
	 * `maxPairs` (a type or topic holding an id), a new pair is (topic, `(other)`) when its topic is named, else
	 * (`(other)`, `(other)`): its events still make every hop, under those names where a node is named by them.
	 */
	pairOf(topic: string, type: string): number {
		let row = this.pairIndexes.get(topic);
		const index = row?.get(type);
		if (index !== undefined) return index;
		if (this.namedPairs < this.maxPairs) {
			if (!row) this.pairIndexes.set(topic, (row = new Map()));
			const added = this.addPair(topic, type);
			row.set(type, added);
			this.namedPairs++;
			return added;
		}

		this.otherPairEvents++;
		if (!row) {
			if (this.otherPair === -1) this.otherPair = this.addPair(otherSeries, otherSeries);
			return this.otherPair;
		}

		let other = this.otherTypePairs.get(topic);
		if (other === undefined) this.otherTypePairs.set(topic, (other = this.addPair(topic, otherSeries)));
		return other;
	}

	/** Pairs in the table, named and `(other)` ones. */
	get pairs(): number {
		return this.pairTopics.length;
	}

	/** Append an event of (topic, type) pair `pair` (see `pairOf`) to the finalized chain of root `slot`. */
	extend(slot: number, time: number, order: number, pair: number): void {
		this.tailNodes[slot] = pair;
		if (time > this.tailTimes[slot]!) this.tailTimes[slot] = time;
		this.tailOrders[slot] = order;
	}

	/** Forget transactions (and aliases of them) with nothing pending and no event before `horizon`. */
	forgetIdle(horizon: number): void {
		for (let slot = this.order.oldest; slot !== -1;) {
			// Filed slots are held by their entry, so `next` outlives what find and forget free.
			const next = this.order.next(slot);
			const root = this.find(slot);
			if (this.pending[root] === 0 && this.newest[root]! < horizon) {
				if (root === slot) {
					this.closed++;
					this.remember(slot);
				}

				this.forget(slot);
			}
			slot = next;
		}
	}

	/** Note the txId of root `slot`, about to be forgotten, when its chain had begun: a later event of it is counted. */
	private remember(slot: number): void {
		if (this.tailNodes[slot] === -1) return;
		if (this.evicted.size >= this.max) {
			this.evictedBefore = this.evicted;
			this.evicted = new Set();
		}

		this.evicted.add(this.ids[slot]!);
	}

	/** Take `slot` out of the table and the creation order, dropping the entry's hold on it. */
	private forget(slot: number): void {
		this.slots.delete(this.ids[slot]!);
		this.order.remove(slot);
		this.release(slot);
	}

	/** Append pair (topic, type) to the lists; its index. */
	private addPair(topic: string, type: string): number {
		this.pairTypes.push(type);
		return this.pairTopics.push(topic) - 1;
	}

	/** Whether the finalized chain of `a` ends after that of `b`. */
	private after(a: number, b: number): boolean {
		const {tailTimes, tailOrders} = this;
		return tailTimes[a]! > tailTimes[b]! || (tailTimes[a] === tailTimes[b] && tailOrders[a]! > tailOrders[b]!);
	}

	/**
	 * A new slot, doubling the arrays when full up to the cap. Past it, room is only needed for evicted slots an
	 * alias or a pending event still reaches, typically a few: an eighth more, not twice the cap.
	 */
	private allocate(): number {
		const length = this.ids.length;
		if (this.used === length) this.resize(length < this.max ? Math.min(this.max, length * 2) : length + Math.ceil(length / 8));
		return this.used++;
	}

	/** Give every array room for `length` slots. */
	private resize(length: number): void {
		this.ids = grown(this.ids, length);
		this.pending = grown(this.pending, length);
		this.newest = grown(this.newest, length);
		this.tailNodes = grown(this.tailNodes, length);
		this.tailTimes = grown(this.tailTimes, length);
		this.tailOrders = grown(this.tailOrders, length);
		this.into = grown(this.into, length);
		this.refs = grown(this.refs, length);
		this.order.resize(length);
	}
}
