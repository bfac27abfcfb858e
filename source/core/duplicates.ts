// Redelivery detection (event-model.md "event id"): the same event id on the same topic within a window.
// Up to a million ids are remembered, so each is a 64-bit hash of (topic, event id) in typed arrays — about
// 28–36 bytes per id, against ~120 for a Map of strings — in a ring (oldest first) indexed by an open-addressing table.
import {ContentHash, type Envelope} from './envelope.js';
import {grown} from './slots.js';

const initialCapacity = 1024;
const empty = -1;

/** Smallest power of two ≥ n. */
function powerOfTwoAtLeast(n: number): number {
	let size = 1;
	while (size < n) size *= 2;
	return size;
}

/**
 * What the redelivery checks compare of an event, hashed once for every tracker that looks at it (the front end has
 * two): its event id alone, the same on its topic, and its position. Each topic's hash is computed once.
 */
export class Sightings {
	/** Event time, else arrival time. */
	time = 0;
	/**
	 * Hash of (topic, partition, offset), 0 when unknown: offsets and entry ids restart on every topic, so the first
	 * message of two topics shares its partition and offset.
	 */
	position = 0;
	idHigh = 0;
	idLow = 0;
	/** The event id on its topic: the id's hash combined with the topic's (two independent 64-bit hashes). */
	scopedHigh = 0;
	scopedLow = 0;
	private last: Envelope | undefined;
	private readonly hash = new ContentHash();
	private readonly topics = new Map<string, {high: number; low: number}>();

	/** Hash `env` (nothing to do when it is the event hashed last). */
	of(env: Envelope): this {
		if (env === this.last) return this;
		this.last = env;
		this.time = env.timestamp ?? env.receivedAt;
		const {hash} = this;
		hash.reset().text(env.eventId).finish();
		this.idHigh = hash.high;
		this.idLow = hash.low;
		const topic = this.topicHash(env.topic ?? '');
		this.scopedHigh = (this.idHigh ^ topic.high) >>> 0;
		this.scopedLow = (this.idLow ^ topic.low) >>> 0;
		this.position = env.offset === undefined ? 0 : (((hash.reset().value(env.partition ?? -1).text(env.offset).finish().low ^ topic.low) >>> 0) || 1);
		return this;
	}

	private topicHash(topic: string): {high: number; low: number} {
		let known = this.topics.get(topic);
		if (!known) {
			// Bounded: topics are few, but a source may name one per message.
			if (this.topics.size >= 10_000) this.topics.clear();
			this.hash.reset().text(topic).finish();
			known = {high: this.hash.high, low: this.hash.low};
			this.topics.set(topic, known);
		}

		return known;
	}
}

/** Flags redeliveries: same event id on the same topic seen within `windowMs` (event time, else arrival time). */
export class DuplicateTracker {
	private capacity: number;
	// Ring of sightings in arrival order; a sighting is stale once a later one of the same id replaced it in the table.
	private ringHigh: Uint32Array;
	private ringLow: Uint32Array;
	private ringTime: Float64Array;
	// Hash of (topic, partition, offset), 0 when unknown: the same message read twice is not a redelivery.
	private ringPosition: Uint32Array;
	private head = 0;
	private count = 0;
	// Ring index of the newest sighting of each id; linear probing on the high hash word.
	private table: Int32Array;
	private mask: number;
	private live = 0;
	private newest = Number.NEGATIVE_INFINITY;
	private evictedInWindow = 0;
	/**
	 * With `perTopic` false an id is the same on every topic: `check` then tells an event read on another topic too.
	 * Trackers that check the same events share `sightings`, so that each event is hashed once.
	 */
	constructor(
		private readonly windowMs: number,
		private readonly maxTracked: number,
		private readonly perTopic = true,
		private readonly sightings = new Sightings(),
	) {
		this.capacity = Math.max(0, Math.min(initialCapacity, maxTracked));
		this.ringHigh = new Uint32Array(this.capacity);
		this.ringLow = new Uint32Array(this.capacity);
		this.ringTime = new Float64Array(this.capacity);
		this.ringPosition = new Uint32Array(this.capacity);
		this.table = new Int32Array(powerOfTwoAtLeast(this.capacity * 2)).fill(empty);
		this.mask = this.table.length - 1;
	}

	/** Ids forgotten to stay within maxTracked while still inside the window (a redelivery of them goes unnoticed). */
	get forgotten(): number {
		return this.evictedInWindow;
	}

	/** Ids currently remembered. */
	get size(): number {
		return this.live;
	}

	/** Remember this event; true when it redelivers an event id already seen on its topic within the window. */
	check(env: Envelope): boolean {
		if (this.maxTracked <= 0) return false;
		const sighting = this.sightings.of(env);
		const {time, position} = sighting;
		if (time > this.newest) this.newest = time;
		const high = this.perTopic ? sighting.scopedHigh : sighting.idHigh;
		const low = this.perTopic ? sighting.scopedLow : sighting.idLow;
		let slot = this.find(high, low);
		const seen = this.table[slot]!;
		let lastTime = time;
		if (seen !== empty) {
			if (position !== 0 && this.ringPosition[seen] === position) return false;
			const duplicate = Math.abs(time - this.ringTime[seen]!) <= this.windowMs;
			lastTime = Math.max(time, this.ringTime[seen]!);
			if (this.makeRoom(seen)) slot = this.find(high, low);
			this.remember(slot, high, low, lastTime, position);
			return duplicate;
		}

		if (this.makeRoom(empty)) slot = this.find(high, low);
		this.remember(slot, high, low, lastTime, position);
		return false;
	}

	/** Table slot holding this id, or the empty slot where it belongs. */
	private find(high: number, low: number): number {
		let slot = high & this.mask;
		for (;;) {
			const index = this.table[slot]!;
			if (index === empty || (this.ringHigh[index] === high && this.ringLow[index] === low)) return slot;
			slot = (slot + 1) & this.mask;
		}
	}

	/** Append a sighting to the ring and point the id's table slot at it. */
	private remember(slot: number, high: number, low: number, time: number, position: number): void {
		const index = (this.head + this.count) % this.capacity;
		this.ringHigh[index] = high;
		this.ringLow[index] = low;
		this.ringTime[index] = time;
		this.ringPosition[index] = position;
		this.count++;
		if (this.table[slot] === empty) this.live++;
		this.table[slot] = index;
	}

	/**
	 * Make space for one more sighting: grow while below maxTracked, else drop the oldest; true when table slots moved.
	 * `refreshing` is the ring index of the id about to be seen again: when it is the oldest it just moves to the end.
	 */
	private makeRoom(refreshing: number): boolean {
		if (this.count < this.capacity) return false;
		if (this.capacity < this.maxTracked) {
			this.grow(Math.min(this.capacity * 2, this.maxTracked));
			return true;
		}

		const oldest = this.head;
		this.head = (this.head + 1) % this.capacity;
		this.count--;
		if (oldest === refreshing) return false;
		const slot = this.find(this.ringHigh[oldest]!, this.ringLow[oldest]!);
		// A stale sighting: the id was seen again later and that sighting stays.
		if (this.table[slot] !== oldest) return false;
		if (this.newest - this.ringTime[oldest]! <= this.windowMs) this.evictedInWindow++;
		this.live--;
		this.remove(slot);
		return true;
	}

	/** Delete a table slot, shifting back later entries of its probe run so every lookup still finds them. */
	private remove(slot: number): void {
		let hole = slot;
		let next = slot;
		for (;;) {
			this.table[hole] = empty;
			for (;;) {
				next = (next + 1) & this.mask;
				const index = this.table[next]!;
				if (index === empty) return;
				const home = this.ringHigh[index]! & this.mask;
				const staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
				if (staysPut) continue;
				this.table[hole] = index;
				hole = next;
				break;
			}
		}
	}

	/** Enlarge the ring (not yet wrapped: nothing was evicted below capacity) and rebuild the table. */
	private grow(capacity: number): void {
		this.ringHigh = grown(this.ringHigh, capacity);
		this.ringLow = grown(this.ringLow, capacity);
		this.ringTime = grown(this.ringTime, capacity);
		this.ringPosition = grown(this.ringPosition, capacity);
		const old = this.table;
		this.capacity = capacity;
		this.table = new Int32Array(powerOfTwoAtLeast(capacity * 2)).fill(empty);
		this.mask = this.table.length - 1;
		for (let slot = 0; slot < old.length; slot++) {
			const index = old[slot]!;
			if (index !== empty) this.table[this.find(this.ringHigh[index]!, this.ringLow[index]!)] = index;
		}
	}
}
