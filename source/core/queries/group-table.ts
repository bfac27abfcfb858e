// The figures of a group-by's groups, by group value. A million events adding into 100,000 groups is bound by
// memory, not arithmetic: each group's figures share one 40-byte run of one array, and a value held as ASCII bytes
// (an envelope field or a value field as stored) finds its group by those bytes, without a string or a Map look-up.
// Sums are compensated (compensated-sum.ts): a query split over threads adds the same amounts in another order.
import type {GroupFigures} from './group-by.js';
import {lostAdding} from './compensated-sum.js';
import {fnvSeed, fnvStep} from './fnv.js';

/** Groups and byte-index slots to make room for at first (the arrays double when full). */
const initialGroups = 64;

/** Numbers a group's figures take: twice its count plus 1 once it has a time, its sum, its first and last time, and what the sum lost to rounding. */
const stride = 5;

/**
 * Words of a slot of the index of ASCII values (32 bytes: one cache line holds whole slots): the value's hash, its
 * group + 1 (0: free), its length, where its bytes start in `keys`, and its first 8 bytes packed in two words.
 * Most values (ids, names) are 8 bytes or shorter: a look-up then reads the slot alone, not `keys`.
 */
const slotWords = 8;

/** The bytes [from, to) (at most 4), packed little-end first into one word; the same bytes give the same word. */
function packed(bytes: Uint8Array, from: number, to: number): number {
	let word = 0;
	for (let at = from; at < to; at++) word |= bytes[at]! << ((at - from) * 8);
	return word;
}

/** FNV-1a over the bytes [start, end) (or the char codes of an ASCII string: the same hash): what groupOfAscii looks a value up by. */
export function hashBytes(bytes: Uint8Array, start: number, end: number): number {
	let hash = fnvSeed;
	for (let at = start; at < end; at++) hash = fnvStep(hash, bytes[at]!);
	return hash;
}

/** A GroupTable's groups, to send to another thread: values in group order, figures `stride` numbers a group. */
export type GroupColumns = {values: string[]; figures: Float64Array};

/** Counts, sums and first / last event times of the groups, by group value. */
export class GroupTable {
	/** Groups made so far (indexes 0 … groups - 1, in the order their values were first seen). */
	private groups = 0;
	/** Each group's value; an ASCII value's text is made from its bytes in `keys` only when asked for. */
	private readonly values: Array<string | undefined> = [];
	/** Where each ASCII group's value starts in `keys`, and its length (a value that is not ASCII is in `values` from the start). */
	private keyStarts = new Int32Array(initialGroups);
	private keyLengths = new Int32Array(initialGroups);
	/** Group index of the values that are not ASCII (an ASCII value is found through `slots`). */
	private readonly other = new Map<string, number>();
	private figures = new Float64Array(initialGroups * stride);
	/** The groups whose value is ASCII, by hash of its bytes (open addressing, linear probing, at most half full). */
	private slots = new Int32Array(initialGroups * 2 * slotWords);
	private indexed = 0;
	/** The indexed values' bytes, one after another. */
	private keys = Buffer.alloc(initialGroups * 16);
	private keysUsed = 0;
	/** Room to write an ASCII text's bytes into, to look it up as bytes. */
	private scratch = Buffer.alloc(64);

	/** `withSum`: whether the groups carry a sum (then `amount` is added, undefined counting 0). */
	constructor(private readonly withSum: boolean) {}

	/** The group of the ASCII value held as bytes [start, end) (`hash`: their hashBytes, when known), made (with nothing counted) if it has none yet. */
	groupOfAscii(bytes: Uint8Array, start: number, end: number, hash = hashBytes(bytes, start, end)): number {
		const length = end - start;
		const first = packed(bytes, start, Math.min(end, start + 4));
		const second = packed(bytes, start + 4, Math.min(end, start + 8));
		const slots = this.slots;
		const mask = (slots.length / slotWords) - 1;
		let slot = hash & mask;
		for (; slots[(slot * slotWords) + 1] !== 0; slot = (slot + 1) & mask) {
			const at = slot * slotWords;
			if (slots[at] !== hash || slots[at + 2] !== length || slots[at + 4] !== first || slots[at + 5] !== second) continue;
			if (length <= 8 || this.restIs(slots[at + 3]!, bytes, start + 8, end)) return slots[at + 1]! - 1;
		}

		const group = this.newGroup();
		if (this.keysUsed + length > this.keys.length) {
			const keys = Buffer.alloc(Math.max(this.keys.length * 2, this.keysUsed + length));
			this.keys.copy(keys);
			this.keys = keys;
		}

		const keyStart = this.keysUsed;
		const keys = this.keys;
		for (let at = start; at < end; at++) keys[keyStart + at - start] = bytes[at]!;
		this.keysUsed += length;
		this.keyStarts[group] = keyStart;
		this.keyLengths[group] = length;
		const at = slot * slotWords;
		slots[at] = hash;
		slots[at + 1] = group + 1;
		slots[at + 2] = length;
		slots[at + 3] = keyStart;
		slots[at + 4] = first;
		slots[at + 5] = second;
		if (++this.indexed * 2 > mask + 1) this.growSlots();
		return group;
	}

	/** Read the first slot a value hashed to `hash` is looked up in, so that its memory is on its way when the look-up comes (returned to keep the read). */
	prefetch(hash: number): number {
		const slots = this.slots;
		return slots[(hash & ((slots.length / slotWords) - 1)) * slotWords]!;
	}

	/** Whether the indexed value whose bytes start at `keyStart` in `keys` continues, from its ninth byte, as bytes [start, end). */
	private restIs(keyStart: number, bytes: Uint8Array, start: number, end: number): boolean {
		const keys = this.keys;
		const offset = keyStart + 8 - start;
		for (let at = start; at < end; at++) if (keys[offset + at] !== bytes[at]) return false;
		return true;
	}

	/** Count one event of group `value`, with its amount to sum and its time, if any. */
	add(value: string, amount: number | undefined, time: number | undefined): void {
		this.addAt(this.groupOf(value), amount, time);
	}

	/** The index of group `value`, made (with nothing counted) if it has none yet. */
	groupOf(value: string): number {
		let ascii = true;
		for (let index = 0; index < value.length && ascii; index++) ascii = value.charCodeAt(index) < 0x80;
		if (ascii) {
			if (this.scratch.length < value.length) this.scratch = Buffer.alloc(2 * value.length);
			this.scratch.write(value, 0, 'latin1');
			return this.groupOfAscii(this.scratch, 0, value.length);
		}

		let group = this.other.get(value);
		if (group === undefined) {
			group = this.newGroup();
			this.other.set(value, group);
			this.values[group] = value;
		}

		return group;
	}

	/** A group's value. */
	private valueOf(group: number): string {
		return (this.values[group] ??= this.keys.toString('latin1', this.keyStarts[group], this.keyStarts[group]! + this.keyLengths[group]!));
	}

	/** Count one event of the group groupOfAscii or groupOf gave. */
	addAt(group: number, amount: number | undefined, time: number | undefined): void {
		const at = group * stride;
		const figures = this.figures;
		if (this.withSum && amount !== undefined) {
			const sum = figures[at + 1]!;
			const total = sum + amount;
			figures[at + 4]! += lostAdding(sum, amount, total);
			figures[at + 1] = total;
		}

		if (time === undefined) {
			figures[at]! += 2;
			return;
		}

		if (figures[at]! % 2 === 0) {
			figures[at]! += 3;
			figures[at + 2] = time;
			figures[at + 3] = time;
			return;
		}

		figures[at]! += 2;
		if (time < figures[at + 2]!) figures[at + 2] = time;
		if (time > figures[at + 3]!) figures[at + 3] = time;
	}

	/** Each group's value and figures, in the order the groups were first seen (groups made by groupOf with nothing counted left out). */
	entries(): Array<[string, GroupFigures]> {
		const entries: Array<[string, GroupFigures]> = [];
		const figures = this.figures;
		for (let group = 0; group < this.groups; group++) {
			const at = group * stride;
			const counted = figures[at]!;
			if (counted < 2) continue;
			// Built field by field, in the order JSON output shows them: no intermediate objects for 100,000 groups.
			const entry: GroupFigures = {count: Math.floor(counted / 2)};
			if (this.withSum) entry.sum = figures[at + 1]! + figures[at + 4]!;
			if (counted % 2 === 1) {
				entry.firstSeen = figures[at + 2]!;
				entry.lastSeen = figures[at + 3]!;
			}

			entries.push([this.valueOf(group), entry]);
		}

		return entries;
	}

	/** The groups as columns, for another thread's table to `absorb`: values in group order, and their figures. */
	columns(): GroupColumns {
		const values = Array.from({length: this.groups}, (_, group) => this.valueOf(group));
		return {values, figures: this.figures.slice(0, values.length * stride)};
	}

	/** Add the groups of a table of the same group-by over other events (its `columns`). */
	absorb({values, figures}: GroupColumns): void {
		for (let from = 0; from < values.length; from++) {
			const at = from * stride;
			const counted = figures[at]!;
			if (counted < 2) continue;
			const group = this.groupOf(values[from]!);
			// groupOf may have grown the array: read it after.
			const mine = this.figures;
			const to = group * stride;
			const hadTime = mine[to]! % 2 === 1;
			const hasTime = counted % 2 === 1;
			mine[to] = (2 * (Math.floor(mine[to]! / 2) + Math.floor(counted / 2))) + (hadTime || hasTime ? 1 : 0);
			const sum = mine[to + 1]!;
			const total = sum + figures[at + 1]!;
			mine[to + 4]! += lostAdding(sum, figures[at + 1]!, total) + figures[at + 4]!;
			mine[to + 1] = total;
			if (!hasTime) continue;
			mine[to + 2] = hadTime ? Math.min(mine[to + 2]!, figures[at + 2]!) : figures[at + 2]!;
			mine[to + 3] = hadTime ? Math.max(mine[to + 3]!, figures[at + 3]!) : figures[at + 3]!;
		}
	}

	/** A new group's index, with room for its figures and key. */
	private newGroup(): number {
		const group = this.groups++;
		if (this.figures.length < (group + 1) * stride) {
			const figures = new Float64Array(this.figures.length * 2);
			figures.set(this.figures);
			this.figures = figures;
			const starts = new Int32Array(this.keyStarts.length * 2);
			starts.set(this.keyStarts);
			this.keyStarts = starts;
			const lengths = new Int32Array(this.keyLengths.length * 2);
			lengths.set(this.keyLengths);
			this.keyLengths = lengths;
		}

		return group;
	}

	/** Where the first free slot for `hash` starts in `slots`. */
	private freeSlot(slots: Int32Array, hash: number): number {
		const mask = (slots.length / slotWords) - 1;
		let slot = hash & mask;
		while (slots[(slot * slotWords) + 1] !== 0) slot = (slot + 1) & mask;
		return slot * slotWords;
	}

	/** Twice the slots, each placed again (its words copied as they are). */
	private growSlots(): void {
		const old = this.slots;
		const slots = new Int32Array(old.length * 2);
		for (let from = 0; from < old.length; from += slotWords) {
			if (old[from + 1] === 0) continue;
			const to = this.freeSlot(slots, old[from]!);
			for (let word = 0; word < slotWords; word++) slots[to + word] = old[from + word]!;
		}

		this.slots = slots;
	}
}
