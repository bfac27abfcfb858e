// Per-key state of the counting rules in typed arrays: up to a hundred thousand keys per rule stay alive for a
// whole window, long enough to be promoted, and V8 lets its heap grow to a few times what stays alive. One object
// and two arrays per key cost ~500 bytes of heap; here a key costs its Map entry, its text and ~80 bytes of slabs.
import {grown, SlotOrder} from '../slots.js';
import type {KeyCount} from './rule.js';

/** Times kept in a key's own slab slot; a key that needs more moves them to arrays of its own, grown by doubling. */
const inlineTimes = 4;
const initialKeys = 64;
const none = -1;

/**
 * For each key, the newest `depth` event times in time order, each with the id it links to; at most `maxKeys`
 * keys, in (nearly) least-recently-used order so expiry and eviction work from the oldest end. A use only flags
 * the key ("second chance"): it moves to the newest end when it reaches the oldest end.
 */
export class KeyWindows {
	private readonly slots = new Map<string, number>();
	private readonly inline: number;
	private capacity = 0;
	/** Slots handed out so far (free ones are reused first). */
	private used = 0;
	private keys: Array<string | undefined> = [];
	private counts = new Int32Array(0);
	private readonly order = new SlotOrder();
	private touched = new Uint8Array(0);
	private slabTimes = new Float64Array(0);
	private slabIds: Array<string | undefined> = [];
	// Storage of the keys that outgrew their slab slot, by slot (looked up per event: an array, not a Map).
	private readonly ownTimes: Array<Float64Array | undefined> = [];
	private readonly ownIds: Array<Array<string | undefined> | undefined> = [];
	private readonly free: number[] = [];
	// Runs of events with the same key (a partition's batch) skip the Map.
	private last = none;
	private dropped = 0;
	/** Where `add` put its time in the key's list, or −1 when the key was full of newer times and it was not kept. */
	index = none;
	/** Keys whose newest time is at or before this only serve late events: dropping one at the cap is not counted. */
	liveAfter = Number.NEGATIVE_INFINITY;
	// Where the located key's times and ids are (see locate).
	private times: Float64Array = this.slabTimes;
	private ids = this.slabIds;
	private base = 0;

	constructor(private readonly depth: number, private readonly maxKeys: number) {
		if (!(depth >= 1)) throw new Error(`KeyWindows needs a depth of at least 1, got ${depth}`);
		this.inline = Math.min(depth, inlineTimes);
	}

	/** The slot of `key`, added when missing; may drop the least recently used key to stay within the cap. */
	touch(key: string): number {
		const last = this.last;
		if (last !== none && this.keys[last] === key) {
			this.touched[last] = 1;
			return last;
		}

		let slot = this.slots.get(key);
		if (slot === undefined) {
			if (this.slots.size >= this.maxKeys) this.dropOldest();
			slot = this.allocate();
			this.keys[slot] = key;
			this.counts[slot] = 0;
			this.touched[slot] = 0;
			this.order.append(slot);
			this.slots.set(key, slot);
		} else {
			this.touched[slot] = 1;
		}

		this.last = slot;
		return slot;
	}

	/**
	 * Drop the key's times at or before `cutoff`, then add `time` in time order (events arrive slightly out of
	 * order), keeping the newest `depth`; returns how many times the key now holds, and sets `index`.
	 */
	add(slot: number, time: number, id: string | undefined, cutoff: number): number {
		this.locate(slot);
		const {times, ids, base} = this;
		let count = this.counts[slot]!;
		let stale = 0;
		while (stale < count && times[base + stale]! <= cutoff) stale++;
		if (count - stale === this.depth) {
			// Full: a time older than all of them would be dropped at once.
			if (time < times[base + stale]!) {
				this.index = none;
				return this.settle(slot, stale, count);
			}

			stale++;
		}

		count = this.settle(slot, stale, count);
		if (count < this.depth && count === this.room()) return this.enlarge(slot, count).add(slot, time, id, cutoff);
		let at = count;
		for (; at > 0 && times[base + at - 1]! > time; at--) {
			times[base + at] = times[base + at - 1]!;
			ids[base + at] = ids[base + at - 1];
		}

		times[base + at] = time;
		ids[base + at] = id;
		this.index = at;
		this.counts[slot] = count + 1;
		return count + 1;
	}

	/** The `index`-th oldest time `slot` holds (0: the oldest). */
	timeAt(slot: number, index: number): number {
		this.locate(slot);
		return this.times[this.base + index]!;
	}

	/** Distinct ids of the key's times (those from `from` up to, not including, `to`), newest first, at most `limit`. */
	examples(slot: number, limit: number, from = 0, to = this.counts[slot]!): string[] {
		this.locate(slot);
		const found: string[] = [];
		for (let i = to - 1; i >= from && found.length < limit; i--) {
			const id = this.ids[this.base + i];
			if (id !== undefined && !found.includes(id)) found.push(id);
		}

		return found;
	}

	/** Forget keys from the oldest end while their newest time is at or before `cutoff`; used keys move to the newest end. */
	expire(cutoff: number): void {
		for (let slot = this.order.oldest; slot !== none; slot = this.order.oldest) {
			const count = this.counts[slot]!;
			this.locate(slot);
			if (count === 0 || this.times[this.base + count - 1]! <= cutoff) this.remove(slot);
			else if (this.touched[slot] === 1) this.renew(slot);
			else return;
		}
	}

	/** Tracked and dropped key counts. */
	count(): KeyCount {
		return {tracked: this.slots.size, dropped: this.dropped};
	}

	/** Point `times`, `ids` and `base` at the slot's storage. */
	private locate(slot: number): void {
		const own = this.ownTimes[slot];
		if (own === undefined) {
			this.times = this.slabTimes;
			this.ids = this.slabIds;
			this.base = slot * this.inline;
		} else {
			this.times = own;
			this.ids = this.ownIds[slot]!;
			this.base = 0;
		}
	}

	/** Remove the first `stale` of the key's `count` times; returns how many are left. */
	private settle(slot: number, stale: number, count: number): number {
		if (stale === 0) return count;
		const {times, ids, base} = this;
		times.copyWithin(base, base + stale, base + count);
		for (let i = 0; i < count; i++) ids[base + i] = i + stale < count ? ids[base + i + stale] : undefined;
		this.counts[slot] = count - stale;
		return count - stale;
	}

	/** How many times the located key's storage holds. */
	private room(): number {
		return this.times === this.slabTimes ? this.inline : this.times.length;
	}

	/**
	 * Give the located key, full at `count` times, arrays of its own twice that size (up to `depth`): a rule
	 * counting to thousands only pays for that on keys that get there.
	 */
	private enlarge(slot: number, count: number): this {
		const size = Math.min(this.depth, Math.max(2 * count, 2 * inlineTimes));
		const times = new Float64Array(size);
		const ids = new Array<string | undefined>(size).fill(undefined);
		const {base} = this;
		for (let i = 0; i < count; i++) {
			times[i] = this.times[base + i]!;
			ids[i] = this.ids[base + i];
			this.ids[base + i] = undefined;
		}

		this.ownTimes[slot] = times;
		this.ownIds[slot] = ids;
		return this;
	}

	/** A free slot, growing the slabs (doubling, up to the cap) when none is left. */
	private allocate(): number {
		if (this.free.length > 0) return this.free.pop()!;
		const slot = this.used++;
		if (slot === this.capacity) this.grow(Math.min(this.maxKeys, Math.max(initialKeys, this.capacity * 2)));
		return slot;
	}

	/**
	 * Room for `capacity` keys. The arrays of texts grow by their length (holes read as undefined): pushing
	 * `undefined` element by element cost ~0.1 µs an element, a third of a new key's cost while a rule's keys grow.
	 */
	private grow(capacity: number): void {
		this.counts = grown(this.counts, capacity);
		this.touched = grown(this.touched, capacity);
		this.order.resize(capacity);
		this.slabTimes = grown(this.slabTimes, capacity * this.inline);
		this.slabIds.length = capacity * this.inline;
		this.keys.length = capacity;
		this.ownTimes.length = capacity;
		this.ownIds.length = capacity;
		this.capacity = capacity;
	}

	private dropOldest(): void {
		while (this.touched[this.order.oldest] === 1) this.renew(this.order.oldest);
		const slot = this.order.oldest;
		const count = this.counts[slot]!;
		this.locate(slot);
		if (count > 0 && this.times[this.base + count - 1]! > this.liveAfter) this.dropped++;
		this.remove(slot);
	}

	/** Give a used key another round: clear its flag and put it at the newest end. */
	private renew(slot: number): void {
		this.touched[slot] = 0;
		this.order.renew(slot);
	}

	private remove(slot: number): void {
		this.order.remove(slot);
		this.slots.delete(this.keys[slot]!);
		this.keys[slot] = undefined;
		const base = slot * this.inline;
		for (let i = 0; i < this.inline; i++) this.slabIds[base + i] = undefined;
		this.ownTimes[slot] = undefined;
		this.ownIds[slot] = undefined;
		this.counts[slot] = 0;
		this.free.push(slot);
		if (this.last === slot) this.last = none;
	}
}
