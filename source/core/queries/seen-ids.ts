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

/** Open-addressing table of seen event ids (linear probing; seq 0, never used by the store, marks a free slot). */
export class SeenIds {
	private first = new Int32Array(initialSlots);
	private second = new Int32Array(initialSlots);
	private seqs = new Float64Array(initialSlots);
	private size = 0;

	/** Whether `id` was seen before; when not, it is remembered as the id of event `seq`. `idOf` reads an earlier event's id (undefined when it is gone). */
	seenBefore(id: string, seq: number, idOf: (seq: number) => string | undefined): boolean {
		hashInto(id);
		const a = hashes[0]!;
		const b = hashes[1]!;
		const mask = this.seqs.length - 1;
		let slot = a & mask;
		for (; this.seqs[slot] !== 0; slot = (slot + 1) & mask) {
			if (this.first[slot] !== a || this.second[slot] !== b) continue;
			const earlier = idOf(this.seqs[slot]!);
			// An event deleted since (retention, while a live pane folds) leaves its two hashes to decide.
			if (earlier === undefined || earlier === id) return true;
		}

		this.first[slot] = a;
		this.second[slot] = b;
		this.seqs[slot] = seq;
		if (++this.size * 2 > this.seqs.length) this.grow();
		return false;
	}

	/** Twice the slots, every entry placed again. */
	private grow(): void {
		const {first, second, seqs} = this;
		this.first = new Int32Array(seqs.length * 2);
		this.second = new Int32Array(seqs.length * 2);
		this.seqs = new Float64Array(seqs.length * 2);
		const mask = this.seqs.length - 1;
		for (let old = 0; old < seqs.length; old++) {
			if (seqs[old] === 0) continue;
			let slot = first[old]! & mask;
			while (this.seqs[slot] !== 0) slot = (slot + 1) & mask;
			this.first[slot] = first[old]!;
			this.second[slot] = second[old]!;
			this.seqs[slot] = seqs[old]!;
		}
	}
}
