// The index of each transaction's events: per stored batch and transaction, one entry [txId, first seq] whose value
// is the (event time, seq) pairs of that transaction's events in the batch (float64, little-endian, in seq order),
// instead of one entry, and one lmdb-js put, per event (see event-chunks.ts). Stores of earlier versions hold one
// entry per event, [txId, event time, seq] → msgpack null, in the same sub-database: both are read, and a merge moves
// either as it is. An entry's key seq is one of the seqs it holds (or held), and a seq is only ever in one entry, so
// keys never collide. Event time is keys.ts timeKey's: untimed events sort after every time.
import {asBinary} from 'lmdb';
import type {Envelope} from '../envelope.js';
import {putPlaced, putTxEvent, type Databases} from './databases.js';
import {timeKey} from './keys.js';

/** One index entry: its key, and the (event time, seq) pairs it holds, flat. */
export type TxEventEntry = {key: number[]; pairs: Float64Array};

/** Whether a key is one of an earlier version's one-event entries, [txId, event time, seq]. */
function perEvent(key: readonly number[]): boolean {
	return key.length === 3;
}

/** The pairs of an entry (a copy: `value` is a view of LMDB's read buffer). */
function pairsOf(key: readonly number[], value: Uint8Array): Float64Array {
	if (perEvent(key)) return Float64Array.of(key[1]!, key[2]!);
	const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
	const pairs = new Float64Array(value.byteLength / 8);
	for (let i = 0; i < pairs.length; i++) pairs[i] = view.getFloat64(8 * i, true);
	return pairs;
}

/** Every index entry of transaction `txId`. */
export function txEventEntries(dbs: Databases, txId: number): TxEventEntry[] {
	const entries: TxEventEntry[] = [];
	for (const {key, value} of dbs.txEventBytes.getRange({start: [txId], end: [txId + 1]})) entries.push({key, pairs: pairsOf(key, value)});
	return entries;
}

/** How many events transaction `txId` holds. */
export function txEventCount(dbs: Databases, txId: number): number {
	let count = 0;
	for (const {key, value} of dbs.txEventBytes.getRange({start: [txId], end: [txId + 1]})) count += perEvent(key) ? 1 : value.byteLength / 16;
	return count;
}

/** Seqs of transaction `txId`'s events, in event-time order, then by seq. */
export function txEventSeqs(dbs: Databases, txId: number): number[] {
	const times: number[] = [];
	const seqs: number[] = [];
	for (const {pairs} of txEventEntries(dbs, txId)) {
		for (let i = 0; i < pairs.length; i += 2) {
			times.push(pairs[i]!);
			seqs.push(pairs[i + 1]!);
		}
	}

	const order = seqs.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || seqs[a]! - seqs[b]!);
	return order.map(i => seqs[i]!);
}

/** Put an entry (inside a write): an earlier version's one-event entry stays one. */
export function putTxEntry(dbs: Databases, entry: TxEventEntry): void {
	if (perEvent(entry.key)) {
		putTxEvent(dbs, entry.key as [number, number, number]);
		return;
	}

	const bytes = Buffer.allocUnsafe(entry.pairs.length * 8);
	for (let i = 0; i < entry.pairs.length; i++) bytes.writeDoubleLE(entry.pairs[i]!, 8 * i);
	void dbs.txEvents.put(entry.key as [number, number, number], asBinary(bytes) as unknown as null);
}

/**
 * What retention deleting every event up to seq `lastSeq` does to the index of these transactions (those of the
 * deleted events): entries to remove, and the newer pairs of entries it cuts, to put under their first seq.
 */
export function cutTxEvents(dbs: Databases, txIds: Iterable<number>, lastSeq: number): {removed: number[][]; kept: TxEventEntry[]} {
	const removed: number[][] = [];
	const kept: TxEventEntry[] = [];
	for (const txId of txIds) {
		for (const {key, pairs} of txEventEntries(dbs, txId)) {
			// Pairs are in seq order: the deleted ones come first.
			let cut = 0;
			while (cut < pairs.length && pairs[cut + 1]! <= lastSeq) cut += 2;
			if (cut === 0) continue;
			removed.push(key);
			if (cut < pairs.length) kept.push({key: [txId, pairs[cut + 1]!], pairs: pairs.slice(cut)});
		}
	}

	return {removed, kept};
}

/** A batch's index entries, one per transaction, in one buffer that every put of the batch points into. */
export class TxEventsBuilder {
	private bytes = Buffer.allocUnsafeSlow(64 << 10);
	/** `bytes` as a DataView: its float64 stores take a fraction of Buffer.writeDoubleLE's time. */
	private view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
	/** Per entry: txId, first seq, start and end in `bytes`. */
	private readonly entries: number[] = [];
	// A batch's transactions, in the order of their first event, and each one's events as a list linked through
	// `next` (event index → the transaction's next event, −1 at its last): kept from batch to batch, so laying out
	// a batch allocates no list per transaction.
	private readonly slotOf = new Map<number, number>();
	private txIds = new Float64Array(0);
	private heads = new Int32Array(0);
	private tails = new Int32Array(0);
	private next = new Int32Array(0);

	/** Lay out the entries of a batch's stored events (seq and final txId set); the previous batch must be committed. */
	index(events: readonly Envelope[]): void {
		this.entries.length = 0;
		const {slotOf} = this;
		slotOf.clear();
		if (this.next.length < events.length) {
			this.txIds = new Float64Array(events.length);
			this.heads = new Int32Array(events.length);
			this.tails = new Int32Array(events.length);
			this.next = new Int32Array(events.length);
		}

		const {txIds, heads, tails, next} = this;
		let slots = 0;
		for (let i = 0; i < events.length; i++) {
			const {txId} = events[i]!;
			if (txId === 0) continue;
			next[i] = -1;
			const slot = slotOf.get(txId);
			if (slot === undefined) {
				slotOf.set(txId, slots);
				txIds[slots] = txId;
				heads[slots] = i;
				tails[slots++] = i;
			} else {
				next[tails[slot]!] = i;
				tails[slot] = i;
			}
		}

		if (this.bytes.length < 16 * events.length) {
			this.bytes = Buffer.allocUnsafeSlow(16 * events.length);
			this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
		}

		const {view} = this;
		let position = 0;
		for (let slot = 0; slot < slots; slot++) {
			const start = position;
			for (let i = heads[slot]!; i !== -1; i = next[i]!) {
				const event = events[i]!;
				view.setFloat64(position, timeKey(event.timestamp), true);
				view.setFloat64(position + 8, event.seq, true);
				position += 16;
			}

			this.entries.push(txIds[slot]!, events[heads[slot]!]!.seq, start, position);
		}
	}

	/** Put the batch's entries (inside its LMDB transaction). */
	write(dbs: Databases): void {
		const {entries, bytes} = this;
		for (let i = 0; i < entries.length; i += 4) putPlaced(dbs.txEvents, [entries[i]!, entries[i + 1]!], bytes, entries[i + 2]!, entries[i + 3]!);
	}
}
