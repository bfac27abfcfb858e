// Events a part of a split group-by counted but cannot settle yet: whether each is a copy of an event in a newer
// part is known only once those parts are done (group-by-parallel.ts). What the count needs of each is kept in
// typed arrays, 38 bytes an event: its id's two hashes, its seq, its group, amount, time and how its amount was read.

/** Counted events of one part, in the order they were folded, until settled. */
export class PendingEvents {
	readonly hashA: Int32Array;
	readonly hashB: Int32Array;
	readonly seq: Float64Array;
	/** The group's index in the part's GroupTable, -1 when the event has no value for the grouping field, -2 when it is inside an array. */
	readonly group: Int32Array;
	/** NaN for none (numericValue never gives NaN). */
	readonly amount: Float64Array;
	/** NaN for none (stored event times are finite or absent). */
	readonly time: Float64Array;
	/** How the event's `--sum` field was read (group-by.ts SumKind: a value, elements of arrays, a repeated header). */
	readonly sumKind: Uint8Array;
	length = 0;

	/** Room for `capacity` events: the number of seqs of the part, which no fold of it exceeds. */
	constructor(capacity: number) {
		this.hashA = new Int32Array(capacity);
		this.hashB = new Int32Array(capacity);
		this.seq = new Float64Array(capacity);
		this.group = new Int32Array(capacity);
		this.amount = new Float64Array(capacity);
		this.time = new Float64Array(capacity);
		this.sumKind = new Uint8Array(capacity);
	}

	/** Keep one counted event. */
	push(hashA: number, hashB: number, seq: number, group: number, amount: number | undefined, time: number | undefined, sumKind: number): void {
		const at = this.length++;
		this.hashA[at] = hashA;
		this.hashB[at] = hashB;
		this.seq[at] = seq;
		this.group[at] = group;
		this.amount[at] = amount ?? Number.NaN;
		this.time[at] = time ?? Number.NaN;
		this.sumKind[at] = sumKind;
	}
}
