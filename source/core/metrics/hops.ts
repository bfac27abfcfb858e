// Hops between consecutive events of a transaction, in event-time order, emitted once the watermark makes them final.
import type {Envelope} from '../envelope.js';
import {EdgeNames} from './edge.js';
import {FlowNodes} from './flow-nodes.js';
import {HopTransactions} from './hop-transactions.js';
import {PendingEvents} from './pending-events.js';
import type {Hop} from './types.js';

/** Limits that keep the tracker's memory bounded; the defaults suit the product's defaults. */
export type HopTrackerOptions = {
	/**
	 * How long a transaction stays open for hop matching, in event time: one with nothing pending whose newest
	 * event is this far behind the watermark is forgotten (default 7 days).
	 */
	idleMs?: number;
	/** Transactions (and absorbed-transaction aliases) tracked at once; the oldest-created go first (default 200 k). */
	maxTransactions?: number;
	/** Events waiting for the watermark at once; beyond it the earliest is finalized early (`forced`). */
	maxPending?: number;
	/** (topic, type) pairs named (default 10 k); a further pair's type, or topic and type, is `(other)` (`otherPairEvents`). */
	maxPairs?: number;
	/**
	 * An event time further than this ahead of the event's arrival is clock skew: it does not advance the
	 * watermark (else one event stamped in microseconds, read as milliseconds, would finalize everything forever).
	 */
	maxAheadMs?: number;
	/**
	 * Hops held back at once while a topic's naming is undecided (flow-nodes.ts, auto mode); beyond it the oldest
	 * held hop's topics are decided from what was counted so far.
	 */
	maxHeld?: number;
};

/** Counters of what the tracker did besides emitting hops. */
export type HopTrackerStats = {
	/** Events that arrived after the watermark had passed their event time. */
	late: number;
	/**
	 * Events left out of the hops because their transaction's hops had already been measured past their event
	 * time (they came later than the allowed lateness, or after the pending cap forced events out): placing
	 * them would make a hop run backwards.
	 */
	excluded: number;
	/** Transactions forgotten while not idle, because of `maxTransactions`. */
	dropped: number;
	/** Transactions closed after `idleMs` without an event (forgotten by the periodic scan, or found idle at their next step). */
	closed: number;
	/** Forgotten transactions (closed or dropped) that had a further event later: the hop into it was not measured. */
	evictedBeforeNext: number;
	/** Events finalized before the watermark passed them, because of `maxPending`. */
	forced: number;
	/** Events waiting for the watermark now. */
	pending: number;
	/** Final hops held back now until the naming of a topic they touch is decided (auto mode). */
	held: number;
	/** Transactions tracked now. */
	tracked: number;
	/** Current watermark (ms of event time; -Infinity before the first timed event). */
	watermark: number;
	/** Events whose (topic, type) pair came past `maxPairs`: named `(other)` where a node is named by type (or new topic). */
	otherPairEvents: number;
	/** (topic, type) pairs held now: at most `maxPairs` named ones, one `(other)` type per named topic, and one `(other)` pair. */
	pairs: number;
};

/**
 * Turns stored batches into final hops (event-model.md "Hop latency"). Events of one transaction are ordered by
 * event time (ties in arrival order); each consecutive pair (a, b) is a hop `node(a) -> node(b)` with latency
 * b.timestamp − a.timestamp, emitted once the watermark — the newest event time seen minus the allowed
 * lateness — reaches b. The watermark moves once per batch, after every event of the batch is placed: a batch
 * read stream by stream (a Redis XREAD reply, Kafka partitions' fetches) is ordered whole, whatever its span.
 * An event arriving after the watermark passed its time is `late`: it is placed after the last finalized event
 * of its transaction when it is no earlier than it; else it is left out (`excluded`), never a hop backwards.
 * Events without `txId`, without event time, or flagged duplicate or copy take no part. In auto mode a hop that
 * touches a topic whose naming is not decided yet (flow-nodes.ts) is held back, and every final hop after it, so that
 * no hop is counted under a naming its topic does not keep; they are released in order, named as decided.
 *
 * Example, allowed lateness 5 s, one transaction (times in s):
 *   ingest [A@0, C@3, B@1]  → []                 (watermark −2: nothing final)
 *   ingest [X@6]            → [A->B 1000 ms]     (watermark 1 passes B; X has no transaction)
 *   ingest [Y@8]            → [B->C 2000 ms]     (watermark 3 passes C)
 *   ingest [D@2]            → []                 (late, and before C: excluded)
 */
export class HopTracker {
	/** Where each transaction's finalized chain ends, in typed arrays: they live for minutes, too many for objects. */
	private readonly transactions: HopTransactions;
	/** Events waiting for the watermark, each owned by (and holding) the slot of its transaction's root. */
	private readonly pending: PendingEvents;
	/** Scratch list of the slots of events released by the watermark. */
	private readonly released: number[] = [];
	/** Final hops held back, oldest first, until their topics' namings are decided; `heldFrom` is the first not yet released. */
	private readonly held: HeldHop[] = [];
	private heldFrom = 0;
	private readonly maxHeld: number;
	private readonly edgeNames = new EdgeNames();
	private readonly nodes: FlowNodes;
	private readonly topicOf: (envelope: Envelope) => string;
	private readonly idleMs: number;
	private readonly maxPending: number;
	private readonly maxAheadMs: number;
	private newest = -Infinity;
	/** The newest time of the parts of a read not yet settled (ingest's `settle`), for the watermark to move to at its end. */
	private unsettled = -Infinity;
	private watermark = -Infinity;
	private nextScan = -Infinity;
	private order = 0;
	private late = 0;
	private excluded = 0;
	private forced = 0;

	/** `nodes` names an event's node (flow-nodes.ts), or a function gives each event's node outright. */
	constructor(
		private readonly allowedLatenessMs: number,
		nodes: FlowNodes | ((envelope: Envelope) => string),
		options: HopTrackerOptions = {},
	) {
		this.nodes = typeof nodes === 'function' ? new FlowNodes('topic') : nodes;
		this.topicOf = typeof nodes === 'function' ? nodes : envelope => envelope.topic ?? '';
		this.idleMs = options.idleMs ?? 7 * 86_400_000;
		this.transactions = new HopTransactions(options.maxTransactions ?? 200_000, options.maxPairs);
		this.maxPending = options.maxPending ?? 500_000;
		this.maxAheadMs = options.maxAheadMs ?? 60_000;
		this.maxHeld = options.maxHeld ?? 100_000;
		this.pending = new PendingEvents(allowedLatenessMs + 1000);
	}

	/**
	 * Take a stored batch (after `merge` of the merges it caused); returns the hops it made final. With `settle` false
	 * (more of the same read follows) the watermark waits: it moves with the read's last part, past all of its events.
	 */
	ingest(batch: readonly Envelope[], settle = true): Hop[] {
		const hops: Hop[] = [];
		let newest = Math.max(this.newest, this.unsettled);
		for (let i = 0; i < batch.length; i++) {
			const envelope = batch[i]!;
			const time = envelope.timestamp;
			if (envelope.duplicate || envelope.copy || time === undefined || !Number.isFinite(time)) continue;
			if (envelope.txId !== 0) {
				const {transactions} = this;
				const root = transactions.find(transactions.slotOf(envelope.txId));
				if (time > transactions.newest[root]!) transactions.newest[root] = time;
				const order = this.order++;
				const pair = transactions.pairOf(this.topicOf(envelope), envelope.type);
				const id = envelope.ids.length > 0 ? envelope.ids[0] : undefined;
				const error = envelope.status === 'error';
				if (time <= this.watermark) {
					this.late++;
					this.finalize(root, time, order, pair, envelope.seq, id, error, hops);
				} else {
					transactions.pending[root]!++;
					transactions.hold(root);
					this.pending.add(time, order, root, pair, envelope.seq, id, error);
					if (this.pending.size > this.maxPending) {
						this.forced++;
						this.finalizeSlot(this.pending.shift(), hops);
					}
				}
			}

			// Arrival time guards the watermark against event times from a clock far ahead.
			const arrival = envelope.receivedAt + this.maxAheadMs;
			const progress = time > arrival ? arrival : time;
			if (progress > newest) newest = progress;
		}

		if (!settle) this.unsettled = newest;
		else {
			this.unsettled = -Infinity;
			if (newest > this.newest) this.advance(newest, hops);
		}

		return hops;
	}

	/** The store absorbed transaction `from` into `to` (in this order): their events now form one chain. */
	merge(merges: ReadonlyArray<{from: number; to: number}>): void {
		const {transactions} = this;
		for (const {from, to} of merges) {
			const absorbed = transactions.find(transactions.slotOf(from));
			// Filing `to` may evict `from`: held, the absorbed state still joins instead of its slot being reused.
			transactions.hold(absorbed);
			const into = transactions.find(transactions.slotOf(to));
			if (absorbed !== into) transactions.absorb(absorbed, into);
			transactions.release(absorbed);
		}
	}

	/**
	 * A live system gone quiet: event time ran on to `time` with nothing arriving (the engine's quiet alert clock, see
	 * docs/event-model.md), so the watermark moves as an event of that time arriving at `wall` would move it; returns
	 * the hops that made final. While a read is only partly in (`settle` false), its watermark waits for the rest.
	 */
	passQuietTime(time: number, wall: number): Hop[] {
		const hops: Hop[] = [];
		const progress = Math.min(time, wall + this.maxAheadMs);
		if (this.unsettled === -Infinity && progress > this.newest) this.advance(progress, hops);
		return hops;
	}

	/** End of a finite input: finalize everything pending, in event-time order. */
	flush(): Hop[] {
		const hops: Hop[] = [];
		this.release(Infinity, hops);
		this.releaseHeld(Infinity, hops);
		return hops;
	}

	/** What the tracker counted, and its current size. */
	stats(): HopTrackerStats {
		return {
			late: this.late,
			excluded: this.excluded,
			dropped: this.transactions.dropped,
			closed: this.transactions.closed,
			evictedBeforeNext: this.transactions.evictedBeforeNext,
			forced: this.forced,
			pending: this.pending.size,
			held: this.held.length - this.heldFrom,
			tracked: this.transactions.size,
			watermark: this.watermark,
			otherPairEvents: this.transactions.otherPairEvents,
			pairs: this.transactions.pairs,
		};
	}

	/** Move the watermark and finalize what it passed; now and then forget idle transactions. */
	private advance(newest: number, hops: Hop[]): void {
		this.newest = newest;
		this.watermark = newest - this.allowedLatenessMs;
		const {watermark} = this;
		this.release(watermark, hops);
		this.releaseHeld(watermark, hops);
		if (watermark >= this.nextScan) {
			// A scan visits every tracked transaction: often enough to bound memory, rarely enough to cost little.
			this.transactions.forgetIdle(watermark - this.idleMs);
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

	/** Finalize the released event in `slot`, free the slot and drop its hold on its transaction. */
	private finalizeSlot(slot: number, hops: Hop[]): void {
		const {pending, transactions} = this;
		const owner = pending.owners[slot]!;
		const root = transactions.find(owner);
		transactions.pending[root]!--;
		this.finalize(root, pending.times[slot]!, pending.orders[slot]!, pending.pairs[slot]!, pending.seqs[slot]!, pending.ids[slot], pending.errors[slot] === 1, hops);
		pending.recycle(slot);
		transactions.release(owner);
	}

	/**
	 * Append an event to the finalized chain of its transaction, emitting the hop from the previous one; an event
	 * earlier than where the chain has got to is left out (only late or forced-out events can be).
	 */
	private finalize(root: number, time: number, order: number, pair: number, seq: number, id: string | undefined, error: boolean, hops: Hop[]): void {
		const {transactions, nodes} = this;
		let tail = transactions.tailPair(root);
		if (tail !== -1 && time - transactions.tailTime(root) > this.idleMs) {
			// Idle longer than the open time: closed before this step, however the input was cut into batches.
			transactions.close(root);
			tail = -1;
		}

		if (tail !== -1) {
			const tailTime = transactions.tailTime(root);
			if (time < tailTime) {
				this.excluded++;
				return;
			}

			const latencyMs = time - tailTime;
			const txId = transactions.ids[root]!;
			if (nodes.settle(transactions.pairTopic(tail), transactions.pairTopic(pair), time, this.watermark) && this.heldFrom === this.held.length) hops.push(this.hop(tail, pair, latencyMs, time, txId, seq, id, error));
			else this.hold({fromPair: tail, toPair: pair, latencyMs, at: time, txId, seq, id, error}, hops);
		}

		transactions.extend(root, time, order, pair);
	}

	/** A hop between (topic, type) pairs `fromPair` and `toPair`, named as their topics are named now. */
	private hop(fromPair: number, toPair: number, latencyMs: number, at: number, txId: number, seq: number, id: string | undefined, error: boolean): Hop {
		const {transactions, nodes} = this;
		const from = nodes.name(transactions.pairTopic(fromPair), transactions.pairType(fromPair));
		const to = nodes.name(transactions.pairTopic(toPair), transactions.pairType(toPair));
		return {edge: this.edgeNames.of(from, to), from, to, latencyMs, at, txId, seq, id, error: error || undefined};
	}

	/** Hold a final hop back behind those already held; beyond `maxHeld`, decide the oldest one's topics and let it go. */
	private hold(hop: HeldHop, hops: Hop[]): void {
		this.held.push(hop);
		if (this.held.length - this.heldFrom > this.maxHeld) {
			const oldest = this.held[this.heldFrom]!;
			this.nodes.decide(this.transactions.pairTopic(oldest.fromPair));
			this.nodes.decide(this.transactions.pairTopic(oldest.toPair));
		}

		this.releaseHeld(this.watermark, hops);
	}

	/** Release, in order, the held hops up to the first whose topics are still undecided at event time `now`. */
	private releaseHeld(now: number, hops: Hop[]): void {
		const {held, nodes, transactions} = this;
		let next = this.heldFrom;
		while (next < held.length) {
			const hop = held[next]!;
			if (!nodes.settled(transactions.pairTopic(hop.fromPair), now) || !nodes.settled(transactions.pairTopic(hop.toPair), now)) break;
			hops.push(this.hop(hop.fromPair, hop.toPair, hop.latencyMs, hop.at, hop.txId, hop.seq, hop.id, hop.error));
			next++;
		}

		if (next === held.length) {
			held.length = 0;
			this.heldFrom = 0;
		} else this.heldFrom = next;
		// The released front of a long hold is cut off now and then, not at every release.
		if (this.heldFrom > 1024 && this.heldFrom * 2 > held.length) {
			held.splice(0, this.heldFrom);
			this.heldFrom = 0;
		}
	}
}

/**
 * A final hop held back while a topic it touches is undecided: its events' (topic, type) pairs (HopTransactions.pairOf:
 * indexes that stay valid, pairs are never dropped), to be named later.
 */
type HeldHop = {fromPair: number; toPair: number; latencyMs: number; at: number; txId: number; seq: number; id: string | undefined; error: boolean};
