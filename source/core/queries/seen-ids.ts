// Event ids already counted by a fold over the store, kept as two 32-bit hashes and the seq of the event that had
// each (16 bytes an id, no string kept): a Set of a million id strings cost seconds and tens of MB. A match of both
// hashes is settled by the earlier event's own id, read back from the store.
import {fnvSeed, fnvStep} from './fnv.js';

/** Slots to start with (a power of two). */
const initialSlots = 1024;

/** The second hash's step: an independent multiply-rotate over the same code unit. */
function stepB(hash: number, code: number): number {
	const mixed = Math.imul(hash ^ code, 0x5b_d1_e9_95);
	return mixed ^ (mixed >>> 15);
}

/** The second hash's starting value (mixed with the id's length); the first hash is FNV-1a. */
const seedB = 0x9e_37_79_b9;

/** Words a slot takes: the two hashes, then the seq's low and high 32 bits (one cache line holds whole slots). */
const stride = 4;

/** 2^32, to split a seq into two words. */
const word = 0x1_00_00_00_00;

/** Slots for `ids` ids at most half full (a power of two). */
function slotsFor(ids: number): number {
	let slots = initialSlots;
	while (slots < ids * 2) slots *= 2;
	return slots;
}

/** Open-addressing table of seen event ids (linear probing; seq 0, never used by the store, marks a free slot). */
export class SeenIds {
	private slots: Int32Array;
	private size = 0;
	/** The two hashes of the id looked up last (what a fold that settles later keeps of an event). */
	lastA = 0;
	lastB = 0;

	/**
	 * `expected`: ids to make room for up front (a fold knows how many events it will visit: growing a table of a
	 * million ids twice over cost a fifth of the fold); `shared`: in shared memory, for another thread to probe
	 * once this one is done (see `contains`).
	 */
	constructor(expected = 0, shared = false) {
		const words = slotsFor(expected) * stride;
		this.slots = new Int32Array(shared ? new SharedArrayBuffer(words * Int32Array.BYTES_PER_ELEMENT) : new ArrayBuffer(words * Int32Array.BYTES_PER_ELEMENT));
	}

	/** Tables of ids counted by other folds of earlier events (group-by-parallel.ts): an id in one of them was seen before. */
	private earlier: readonly Int32Array[] = [];

	/** Count the ids in `tables` (other SeenIds' tables) as seen before. */
	adopt(tables: readonly Int32Array[]): void {
		this.earlier = tables;
	}

	/** The table's words, to hand to another thread's `contains` (shared memory when made `shared`, and as long as it did not grow). */
	get table(): Int32Array {
		return this.slots;
	}

	/** The id being looked up: its text, or else (until a match needs its text) its ASCII bytes [idStart, idEnd) in idBytes. */
	private idText: string | undefined;
	private idBytes: Buffer = Buffer.alloc(0);
	private idStart = 0;
	private idEnd = 0;
	/** Scratch room for one id's two hashes (seenBeforeAscii). */
	private readonly hashes = new Int32Array(2);

	/** Whether `id` was seen before; when not, it is remembered as the id of event `seq`. `idOf` reads an earlier event's id (undefined when it is gone). */
	seenBefore(id: string, seq: number, idOf: (seq: number) => string | undefined): boolean {
		let a = fnvSeed;
		let b = seedB ^ id.length;
		for (let index = 0; index < id.length; index++) {
			a = fnvStep(a, id.charCodeAt(index));
			b = stepB(b, id.charCodeAt(index));
		}

		this.idText = id;
		this.lastA = a;
		this.lastB = b;
		return this.lookUp(a, b, seq, idOf);
	}

	/** seenBefore for an id held as ASCII bytes [start, end) (each byte its own code unit: the same hashes), with no string made. */
	seenBeforeAscii(bytes: Buffer, start: number, end: number, seq: number, idOf: (seq: number) => string | undefined): boolean {
		asciiIdHashes(bytes, start, end, this.hashes, 0);
		return this.seenBeforeHashed(this.hashes[0]!, this.hashes[1]!, bytes, start, end, seq, idOf);
	}

	/** seenBeforeAscii for an id whose two hashes asciiIdHashes already gave. */
	seenBeforeHashed(a: number, b: number, bytes: Buffer, start: number, end: number, seq: number, idOf: (seq: number) => string | undefined): boolean {
		this.idText = undefined;
		this.idBytes = bytes;
		this.idStart = start;
		this.idEnd = end;
		this.lastA = a;
		this.lastB = b;
		return this.lookUp(a, b, seq, idOf);
	}

	/** Read the first slot an id hashed to `a` is looked up in, so that its memory is on its way when the look-up comes (returned to keep the read). */
	prefetch(a: number): number {
		const slots = this.slots;
		return slots[(a & ((slots.length / stride) - 1)) * stride]!;
	}

	/** Find the id hashed to `a` and `b`, or remember it as event `seq`'s. */
	private lookUp(a: number, b: number, seq: number, idOf: (seq: number) => string | undefined): boolean {
		const slots = this.slots;
		const mask = slots.length / stride - 1;
		let slot = a & mask;
		for (; seqAt(slots, slot) !== 0; slot = (slot + 1) & mask) {
			if (slots[slot * stride] !== a || slots[(slot * stride) + 1] !== b) continue;
			// The id's text is made before idOf reads the store, which may reuse the buffer its bytes are in.
			this.idText ??= this.idBytes.toString('latin1', this.idStart, this.idEnd);
			const earlier = idOf(seqAt(slots, slot));
			// An event deleted since (retention, while a live pane folds) leaves its two hashes to decide.
			if (earlier === undefined || earlier === this.idText) return true;
		}

		if (this.earlier.length > 0 && this.inEarlier(a, b, idOf)) return true;
		place(slots, slot, a, b, seq);
		if (++this.size * 2 > mask + 1) this.grow();
		return false;
	}

	/** Whether an adopted table holds the id being looked up (hashed to `a` and `b`). */
	private inEarlier(a: number, b: number, idOf: (seq: number) => string | undefined): boolean {
		return countedIn(this.earlier, a, b, () => (this.idText ??= this.idBytes.toString('latin1', this.idStart, this.idEnd)), idOf);
	}

	/** Twice the slots, every entry placed again. */
	private grow(): void {
		const old = this.slots;
		const slots = new Int32Array(old.length * 2);
		const mask = slots.length / stride - 1;
		for (let from = 0; from < old.length / stride; from++) {
			const seq = seqAt(old, from);
			if (seq === 0) continue;
			let slot = old[from * stride]! & mask;
			while (seqAt(slots, slot) !== 0) slot = (slot + 1) & mask;
			place(slots, slot, old[from * stride]!, old[(from * stride) + 1]!, seq);
		}

		this.slots = slots;
	}
}

/**
 * Whether one of `tables` (other folds' SeenIds.table) holds the id hashed to `a` and `b`, whose text `id` gives
 * (made only on a match of both hashes, before the earlier event is read): two ids hashed alike are told apart by their texts, and where either event
 * is gone (deleted since, or unreadable) the hashes decide.
 */
export function countedIn(tables: readonly Int32Array[], a: number, b: number, id: () => string | undefined, idOf: (seq: number) => string | undefined): boolean {
	for (const slots of tables) {
		const mask = slots.length / stride - 1;
		for (let slot = a & mask; seqAt(slots, slot) !== 0; slot = (slot + 1) & mask) {
			if (slots[slot * stride] !== a || slots[(slot * stride) + 1] !== b) continue;
			// The id's text first: reading the earlier event may reuse the buffer the id's bytes are in.
			const mine = id();
			const earlier = idOf(seqAt(slots, slot));
			if (earlier === undefined || mine === undefined || mine === earlier) return true;
		}
	}

	return false;
}

/** The two hashes seenBefore makes of an id held as ASCII bytes [start, end), written to `into` at `at` and `at` + 1. */
export function asciiIdHashes(bytes: Uint8Array, start: number, end: number, into: Int32Array, at: number): void {
	let a = fnvSeed;
	let b = seedB ^ (end - start);
	for (let index = start; index < end; index++) {
		a = fnvStep(a, bytes[index]!);
		b = stepB(b, bytes[index]!);
	}

	into[at] = a;
	into[at + 1] = b;
}

/** The seq kept in a slot (0: free). */
function seqAt(slots: Int32Array, slot: number): number {
	return ((slots[(slot * stride) + 3]! >>> 0) * word) + (slots[(slot * stride) + 2]! >>> 0);
}

/** Fill a slot. */
function place(slots: Int32Array, slot: number, a: number, b: number, seq: number): void {
	slots[slot * stride] = a;
	slots[(slot * stride) + 1] = b;
	slots[(slot * stride) + 2] = seq % word;
	slots[(slot * stride) + 3] = Math.floor(seq / word);
}
