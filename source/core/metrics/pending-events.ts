// Events waiting for the watermark, released in (event time, arrival order): a ring of one-millisecond buckets.
import {grown} from '../slots.js';
import {EventTimeHeap} from './event-time-heap.js';

/**
 * The events a hop tracker holds back until the watermark passes them.
 *
 * Measured choices: arrivals are nearly in event-time order, so a calendar queue beats a heap (~3× with 15 k
 * waiting events): an event goes into the bucket of its millisecond in O(1), and the watermark releases
 * buckets front to back; events of one millisecond arrive in order, so a bucket rarely needs sorting (only
 * for fractional times). Events are kept in typed arrays indexed by slot, and buckets are linked lists of
 * slots, not one object or array each: waiting events live seconds, long enough to be promoted by the
 * garbage collector, which then cost more than everything else. The ring covers `span` ms from `head`; an
 * event outside it (stamped far ahead, or behind `head`) waits in a heap, merged in order on release.
 */
export class PendingEvents {
	/** Event time of each slot. */
	times = new Float64Array(1024);
	/** Arrival order of each slot (ties in event time keep it). */
	orders = new Float64Array(1024);
	/** Store sequence of each slot's event. */
	seqs = new Float64Array(1024);
	/**
	 * The (topic, type) pair of each slot's event, as an index into its owner's table of pairs: not the event's own
	 * texts, which would stay alive (and be promoted) with the slot while the event waits.
	 */
	pairs = new Int32Array(1024);
	/** First id of each slot's event (undefined: none). */
	ids: Array<string | undefined> = new Array<string | undefined>(1024);
	/** 1 when the slot's event is an error. */
	errors = new Uint8Array(1024);
	/** What each slot's event belongs to (its transaction's slot). */
	owners = new Int32Array(1024);
	/** Next slot in the same bucket (-1: last). */
	private next = new Int32Array(1024);
	private readonly free: number[] = [];
	private used = 0;
	/** First and last slot of each bucket (-1: empty). */
	private readonly heads: Int32Array;
	private readonly tails: Int32Array;
	/** Scratch list for sorting a bucket. */
	private readonly sorting: number[] = [];
	/** 1 for buckets whose slots did not arrive in (time, order) order. */
	private readonly unsorted: Uint8Array;
	private readonly span: number;
	/** Every ring slot's millisecond lies in [head, head + span). */
	private head = -Infinity;
	private inRing = 0;
	private readonly overflow = new EventTimeHeap<number>();
	private readonly compare = (a: number, b: number) => this.times[a]! - this.times[b]! || this.orders[a]! - this.orders[b]!;

	/** `spanMs` should cover the allowed lateness; it is rounded to a power of two in [1 024, 1 048 576]. */
	constructor(spanMs: number) {
		this.span = 2 ** Math.min(20, Math.max(10, Math.ceil(Math.log2(Math.max(1, spanMs)))));
		this.heads = new Int32Array(this.span).fill(-1);
		this.tails = new Int32Array(this.span).fill(-1);
		this.unsorted = new Uint8Array(this.span);
	}

	/** Number of waiting events. */
	get size(): number {
		return this.inRing + this.overflow.size;
	}

	/** Hold back an event. */
	add(time: number, order: number, owner: number, pair: number, seq: number, id?: string, error = false): void {
		const slot = this.free.length > 0 ? this.free.pop()! : this.allocate();
		this.times[slot] = time;
		this.orders[slot] = order;
		this.seqs[slot] = seq;
		this.pairs[slot] = pair;
		this.ids[slot] = id;
		this.errors[slot] = error ? 1 : 0;
		this.owners[slot] = owner;
		this.place(slot);
	}

	/** Append to `out`, in order, the slots of every waiting event with time ≤ `until` (Infinity: all). */
	release(until: number, out: number[]): void {
		const end = Math.floor(until);
		const {times, next, heads, span} = this;
		for (let at = this.head; this.inRing > 0 && at <= end; at++) {
			const index = at & (span - 1);
			if (heads[index] === -1) continue;
			if (this.unsorted[index] === 1) this.sortBucket(index);
			let slot = heads[index]!;
			while (slot !== -1 && times[slot]! <= until) {
				while (this.overflowBefore(slot)) out.push(this.overflow.pop()!);
				out.push(slot);
				this.inRing--;
				slot = next[slot]!;
			}

			heads[index] = slot;
		}

		while (this.overflow.size > 0 && this.overflow.earliest() <= until) out.push(this.overflow.pop()!);
		if (Number.isFinite(end) && end > this.head) this.moveHead(end);
	}

	/** Remove the earliest waiting event and return its slot (-1 when none waits). */
	shift(): number {
		const {heads, span} = this;
		for (let at = this.head; this.inRing > 0; at++) {
			const index = at & (span - 1);
			if (heads[index] === -1) continue;
			// Buckets before `at` are empty, so the ring may start here.
			this.head = at;
			if (this.unsorted[index] === 1) this.sortBucket(index);
			const first = heads[index]!;
			if (this.overflowBefore(first)) return this.overflow.pop()!;
			heads[index] = this.next[first]!;
			this.inRing--;
			return first;
		}

		return this.overflow.size > 0 ? this.overflow.pop()! : -1;
	}

	/** Free a released slot once its fields were read. */
	recycle(slot: number): void {
		this.ids[slot] = undefined;
		this.free.push(slot);
	}

	/** Put a slot in its bucket, or in the heap when the ring cannot hold it. */
	private place(slot: number): void {
		const time = this.times[slot]!;
		const at = Math.floor(time);
		if (this.inRing === 0 && (at < this.head || at - this.head >= this.span)) this.head = at;
		if (at < this.head || at - this.head >= this.span) {
			this.overflow.push(time, this.orders[slot]!, slot);
			return;
		}

		const index = at & (this.span - 1);
		this.next[slot] = -1;
		if (this.heads[index] === -1) this.heads[index] = slot;
		else {
			const last = this.tails[index]!;
			if (this.compare(slot, last) < 0) this.unsorted[index] = 1;
			this.next[last] = slot;
		}

		this.tails[index] = slot;
		this.inRing++;
	}

	/** Put a bucket's slots back in (time, order) order. */
	private sortBucket(index: number): void {
		const {sorting, next} = this;
		for (let slot = this.heads[index]!; slot !== -1; slot = next[slot]!) sorting.push(slot);
		sorting.sort(this.compare);
		for (let i = 0; i < sorting.length; i++) next[sorting[i]!] = i + 1 < sorting.length ? sorting[i + 1]! : -1;
		this.heads[index] = sorting[0]!;
		this.tails[index] = sorting[sorting.length - 1]!;
		sorting.length = 0;
		this.unsorted[index] = 0;
	}

	/** Whether the heap holds an event that comes before the one in `slot`. */
	private overflowBefore(slot: number): boolean {
		const {overflow} = this;
		if (overflow.size === 0) return false;
		const time = overflow.earliest();
		return time < this.times[slot]! || (time === this.times[slot] && overflow.earliestOrder() < this.orders[slot]!);
	}

	/** Move the ring's start forward to `head` (every ring slot is at or after it), then take in heap events that now fit. */
	private moveHead(head: number): void {
		this.head = head;
		const {overflow} = this;
		while (overflow.size > 0) {
			const at = Math.floor(overflow.earliest());
			if (at < this.head || at - this.head >= this.span) break;
			this.place(overflow.pop()!);
		}
	}

	/** A new slot, growing the arrays when full. */
	private allocate(): number {
		if (this.used === this.times.length) {
			const length = this.times.length * 2;
			this.times = grown(this.times, length);
			this.orders = grown(this.orders, length);
			this.seqs = grown(this.seqs, length);
			this.errors = grown(this.errors, length);
			this.pairs = grown(this.pairs, length);
			this.owners = grown(this.owners, length);
			this.next = grown(this.next, length);
			this.ids.length = length;
		}

		return this.used++;
	}
}
