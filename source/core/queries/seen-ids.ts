// Event ids already counted by a fold over the store, kept as two 32-bit hashes and the seq of the event that had
// each (16 bytes an id, no string kept): a Set of a million id strings cost seconds and tens of MB. A match of both
// hashes is settled by the earlier event's own id, read back from the store.

/** Slots to start with (a power of two). */
const initialSlots = 1024;

/** The two hashes of the last id hashed (one pass over the id computes both). */
const hashes = new Int32Array(2);

/** 32-bit FNV-1a and an independent multiply-rotate hash of the UTF-16 code units of `text`, into `hashes`. */
function hashInto(text: string): void {
	let a = 0x81_1c_9d_c5;
	let b = 0x9e_37_79_b9 ^ text.length;
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		a = Math.imul(a ^ code, 0x01_00_01_93);
		b = Math.imul(b ^ code, 0x5b_d1_e9_95);
		b ^= b >>> 15;
	}

	hashes[0] = a;
	hashes[1] = b;
}

/** Words a slot takes: the two hashes, then the seq's low and high 32 bits (one cache line holds whole slots). */
const stride = 4;

/** 2^32, to split a seq into two words. */
const word = 0x1_00_00_00_00;

/** Open-addressing table of seen event ids (linear probing; seq 0, never used by the store, marks a free slot). */
export class SeenIds {
	private slots = new Int32Array(initialSlots * stride);
	private size = 0;

	/** Whether `id` was seen before; when not, it is remembered as the id of event `seq`. `idOf` reads an earlier event's id (undefined when it is gone). */
	seenBefore(id: string, seq: number, idOf: (seq: number) => string | undefined): boolean {
		hashInto(id);
		const a = hashes[0]!;
		const b = hashes[1]!;
		const slots = this.slots;
		const mask = slots.length / stride - 1;
		let slot = a & mask;
		for (; seqAt(slots, slot) !== 0; slot = (slot + 1) & mask) {
			if (slots[slot * stride] !== a || slots[(slot * stride) + 1] !== b) continue;
			const earlier = idOf(seqAt(slots, slot));
			// An event deleted since (retention, while a live pane folds) leaves its two hashes to decide.
			if (earlier === undefined || earlier === id) return true;
		}

		place(slots, slot, a, b, seq);
		if (++this.size * 2 > mask + 1) this.grow();
		return false;
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
