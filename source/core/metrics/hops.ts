// Hops between consecutive events of a transaction, in event-time order, emitted once the watermark makes them final.
import type {Envelope} from '../envelope.js';
import {EdgeNames} from './edge.js';
import {PendingEvents} from './pending-events.js';
import type {Hop} from './types.js';

/** Limits that keep the tracker's memory bounded; the defaults suit the product's defaults. */
export type HopTrackerOptions = {
	/** A transaction with nothing pending whose newest event is this far behind the watermark is forgotten. */
	idleMs?: number;
	/** Transactions (and absorbed-transaction aliases) tracked at once; the oldest-created go first. */
	maxTransactions?: number;
	/** Events waiting for the watermark at once; beyond it the earliest is finalized early (`forced`). */
	maxPending?: number;
	/**
	 * An event time further than this ahead of the event's arrival is clock skew: it does not advance the
	 * watermark (else one event stamped in microseconds, read as milliseconds, would finalize everything forever).
	 */
	maxAheadMs?: number;
};

/** Counters of what the tracker did besides emitting hops. */
export type HopTrackerStats = {
	/** Events that arrived after the watermark had passed their event time. */
	late: number;
	/** Transactions forgotten while not idle, because of `maxTransactions`. */
	dropped: number;
	/** Events finalized before the watermark passed them, because of `maxPending`. */
	forced: number;
	/** Events waiting for the watermark now. */
	pending: number;
	/** Transactions tracked now. */
	tracked: number;
	/** Current watermark (ms of event time; -Infinity before the first timed event). */
	watermark: number;
};

/** A transaction's state: where its finalized chain ends and how much is still pending. */
type Transaction = {
	id: number;
	/** Set once this transaction was absorbed into another. */
	into: Transaction | undefined;
	/** Node of the last finalized event; undefined before the first. */
	tailNode: string | undefined;
	/** Event time the chain has reached (never decreases: a late event does not move it back). */
	tailTime: number;
	tailOrder: number;
	pending: number;
	/** Newest event time seen in it. */
	newest: number;
};

/**
 * Turns stored batches into final hops (event-model.md "Hop latency"). Events of one transaction are ordered by
 * event time (ties in arrival order); each consecutive pair (a, b) is a hop `node(a) -> node(b)` with latency
 * b.timestamp − a.timestamp, emitted once the watermark — the newest event time seen minus the allowed
 * lateness — reaches b. An event arriving after the watermark passed its time is `late`: it is placed after
 * the last finalized event of its transaction (latency clamped at 0 if it happened before it), so hop
 * latencies of a transaction always add up to its time span. Events without `txId`, without event time, or
 * flagged duplicate take no part.
 *
 * Example, allowed lateness 5 s, one transaction (times in s):
 *   ingest [A@0, C@3, B@1]  → []                 (watermark −2: nothing final)
 *   ingest [X@6]            → [A->B 1000 ms]     (watermark 1 passes B; X has no transaction)
 *   ingest [Y@8]            → [B->C 2000 ms]     (watermark 3 passes C)
 *   ingest [D@2]            → [C->D 0 ms]        (late: 2 ≤ watermark 3, placed after C)
 */
export class HopTracker {
	private readonly transactions = new Map<number, Transaction>();
	private readonly pending: PendingEvents<Transaction>;
	/** Scratch list of the slots of events released by the watermark. */
	private readonly released: number[] = [];
	private readonly edgeNames = new EdgeNames();
	private readonly idleMs: number;
	private readonly maxTransactions: number;
	private readonly maxPending: number;
	private readonly maxAheadMs: number;
	private newest = -Infinity;
	private watermark = -Infinity;
	private nextScan = -Infinity;
	private order = 0;
	private late = 0;
	private dropped = 0;
	private forced = 0;

	/** `nodeOf` names an event's node: its topic, or its type when it has no topic. */
	constructor(
		private readonly allowedLatenessMs: number,
		private readonly nodeOf: (envelope: Envelope) => string,
		options: HopTrackerOptions = {},
	) {
		this.idleMs = options.idleMs ?? 10 * 60_000;
		this.maxTransactions = options.maxTransactions ?? 200_000;
		this.maxPending = options.maxPending ?? 500_000;
		this.maxAheadMs = options.maxAheadMs ?? 60_000;
		this.pending = new PendingEvents(allowedLatenessMs + 1000);
	}

	/** Take a stored batch (after `merge` of the merges it caused); returns the hops it made final. */
	ingest(batch: readonly Envelope[]): Hop[] {
		const hops: Hop[] = [];
		for (let i = 0; i < batch.length; i++) {
			const envelope = batch[i]!;
			const time = envelope.timestamp;
			if (envelope.duplicate || time === undefined || !Number.isFinite(time)) continue;
			if (envelope.txId !== 0) {
				const root = find(this.transaction(envelope.txId));
				if (time > root.newest) root.newest = time;
				const order = this.order++;
				const node = this.nodeOf(envelope);
				if (time <= this.watermark) {
					this.late++;
					this.finalize(root, time, order, node, envelope.seq, hops);
				} else {
					root.pending++;
					this.pending.add(time, order, root, node, envelope.seq);
					if (this.pending.size > this.maxPending) {
						this.forced++;
						this.finalizeSlot(this.pending.shift(), hops);
					}
				}
			}

			// Arrival time guards the watermark against event times from a clock far ahead.
			const arrival = envelope.receivedAt + this.maxAheadMs;
			const progress = time > arrival ? arrival : time;
			if (progress > this.newest) this.advance(progress, hops);
		}

		return hops;
	}

	/** The store absorbed transaction `from` into `to` (in this order): their events now form one chain. */
	merge(merges: ReadonlyArray<{from: number; to: number}>): void {
		for (const {from, to} of merges) {
			const absorbed = find(this.transaction(from));
			const into = find(this.transaction(to));
			if (absorbed === into) continue;
			absorbed.into = into;
			into.pending += absorbed.pending;
			if (absorbed.newest > into.newest) into.newest = absorbed.newest;
			// The chain goes on from whichever finalized event came later; the other's hops were already emitted.
			if (absorbed.tailNode !== undefined && (into.tailNode === undefined || after(absorbed, into))) {
				into.tailNode = absorbed.tailNode;
				into.tailTime = absorbed.tailTime;
				into.tailOrder = absorbed.tailOrder;
			}
		}
	}

	/** End of a finite input: finalize everything pending, in event-time order. */
	flush(): Hop[] {
		const hops: Hop[] = [];
		this.release(Infinity, hops);
		return hops;
	}

	/** What the tracker counted, and its current size. */
	stats(): HopTrackerStats {
		return {
			late: this.late,
			dropped: this.dropped,
			forced: this.forced,
			pending: this.pending.size,
			tracked: this.transactions.size,
			watermark: this.watermark,
		};
	}

	/** Move the watermark and finalize what it passed; now and then forget idle transactions. */
	private advance(newest: number, hops: Hop[]): void {
		this.newest = newest;
		this.watermark = newest - this.allowedLatenessMs;
		const {watermark} = this;
		this.release(watermark, hops);
		if (watermark >= this.nextScan) {
			// A scan visits every tracked transaction: often enough to bound memory, rarely enough to cost little.
			this.forgetIdle();
			this.nextScan = watermark + Math.max(1000, this.idleMs / 4);
		}
	}

	/** Finalize every pending event with event time ≤ `until`, in order. */
	private release(until: number, hops: Hop[]): void {
		const {released} = this;
		this.pending.release(until, released);
		for (let i = 0; i < released.length; i++) this.finalizeSlot(released[i]!, hops);
		released.length = 0;
	}

	/** Finalize the released event in `slot` and free the slot. */
	private finalizeSlot(slot: number, hops: Hop[]): void {
		const {pending} = this;
		const root = find(pending.owners[slot]!);
		root.pending--;
		this.finalize(root, pending.times[slot]!, pending.orders[slot]!, pending.nodes[slot]!, pending.seqs[slot]!, hops);
		pending.recycle(slot);
	}

	/** Append an event to the finalized chain of its transaction, emitting the hop from the previous one. */
	private finalize(root: Transaction, time: number, order: number, node: string, seq: number, hops: Hop[]): void {
		const from = root.tailNode;
		if (from !== undefined) {
			const latencyMs = time > root.tailTime ? time - root.tailTime : 0;
			hops.push({edge: this.edgeNames.of(from, node), from, to: node, latencyMs, at: time, txId: root.id, seq});
		}

		root.tailNode = node;
		if (time > root.tailTime) root.tailTime = time;
		root.tailOrder = order;
	}

	/** The transaction filed under `id`, created (evicting the oldest beyond the cap) when unknown. */
	private transaction(id: number): Transaction {
		let transaction = this.transactions.get(id);
		if (transaction) return transaction;
		if (this.transactions.size >= this.maxTransactions) {
			const [oldestId, oldest] = this.transactions.entries().next().value!;
			this.transactions.delete(oldestId);
			if (oldest.into === undefined) this.dropped++;
		}

		transaction = {id, into: undefined, tailNode: undefined, tailTime: -Infinity, tailOrder: -1, pending: 0, newest: -Infinity};
		this.transactions.set(id, transaction);
		return transaction;
	}

	/** Forget transactions (and aliases of them) with nothing pending and no event for `idleMs` of event time. */
	private forgetIdle(): void {
		const horizon = this.watermark - this.idleMs;
		for (const [id, transaction] of this.transactions) {
			const root = find(transaction);
			if (root.pending === 0 && root.newest < horizon) this.transactions.delete(id);
		}
	}
}

/** The transaction that `transaction` now belongs to (following absorptions, shortening the path). */
function find(transaction: Transaction): Transaction {
	let root = transaction;
	while (root.into) root = root.into;
	for (let step = transaction; step.into && step.into !== root;) {
		const next: Transaction = step.into;
		step.into = root;
		step = next;
	}

	return root;
}

/** Whether the finalized chain of `a` ends after that of `b`. */
function after(a: Transaction, b: Transaction): boolean {
	return a.tailTime > b.tailTime || (a.tailTime === b.tailTime && a.tailOrder > b.tailOrder);
}
