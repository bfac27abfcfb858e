// The stored bytes of events, undecoded: from their chunks (event-chunks.ts) and from the `events` sub-database's
// one-record entries, through handles whose "decoder" hands back a view of LMDB's read buffer: no msgpack decode (a
// copy per event, lmdb-js's binary encoding, cost more than decoding).
import type {Databases} from './databases.js';
import {aboveChunksAt, chunkOf, recordOfChunk} from './event-chunks.js';

/** lmdb-js calls `decode` with the bytes of each value read, in a buffer it reuses for the next read. */
export const viewOfBytes = {
	encode(): never {
		throw new Error('the events view only reads');
	},
	decode: (bytes: Uint8Array, size?: number): Uint8Array => bytes.subarray(0, size ?? bytes.length),
};

/** Visits a record's seq and bytes (valid only during the call); `single` when it has an entry of its own. Returning false stops the walk. */
export type RecordVisit = (seq: number, bytes: Uint8Array, single: boolean) => boolean | void;

/** Above every seq. */
const noSeq = Number.MAX_SAFE_INTEGER;

/** Seq of the oldest chunked record; every record below it has an entry of its own (a store of an earlier version). */
function firstChunked(dbs: Databases): number {
	for (const [first] of dbs.chunks?.getKeys({limit: 1}) ?? []) return first;
	return noSeq;
}

/** A copy of a chunk, in `scratch` (grown when it does not fit): any further read of the store reuses LMDB's read buffer. */
function stableCopy(chunk: Uint8Array, scratch: {bytes: Uint8Array}): Uint8Array {
	if (scratch.bytes.length < chunk.length) scratch.bytes = new Uint8Array(Math.max(chunk.length, 2 * scratch.bytes.length));
	scratch.bytes.set(chunk);
	return scratch.bytes.subarray(0, chunk.length);
}

/** Visit the chunked records with seqs in [low, high], in that order or newest first; false when a visit stopped it. */
function visitChunked(dbs: Databases, visit: RecordVisit, low: number, high: number, newestFirst: boolean): boolean {
	const chunks = dbs.chunks;
	if (!chunks || low > high) return true;
	const scratch = {bytes: new Uint8Array(0)};
	// Newest first from the chunk at or below `high`; oldest first from the chunk holding `low` (or the next one).
	const range = newestFirst
		? {reverse: true, start: aboveChunksAt(high)}
		: {start: [chunkOf(chunks, low)?.key[0] ?? low], end: [high + 1]};
	for (const {key: [first, count], value} of chunks.getRange(range)) {
		const last = first + count - 1;
		if (last < low) break;
		const chunk = stableCopy(value, scratch);
		// Records rewritten after they were chunked (transaction merges) are read from their own entries.
		const rewritten = new Set(dbs.events.getKeys({start: first, end: last + 1}));
		const from = Math.max(low, first) - first;
		const to = Math.min(high, last) - first;
		for (let step = 0; step <= to - from; step++) {
			const index = newestFirst ? to - step : from + step;
			const seq = first + index;
			if (rewritten.size > 0 && rewritten.has(seq)) {
				const bytes = dbs.eventBytes.get(seq);
				if (bytes && visit(seq, bytes, true) === false) return false;
			} else if (visit(seq, recordOfChunk(chunk, count, index), false) === false) return false;
		}
	}

	return true;
}

/** Visit the records with one entry each below the first chunked one, with seqs in [low, high]; false when a visit stopped it. */
function visitSingles(dbs: Databases, visit: RecordVisit, low: number, high: number, newestFirst: boolean): boolean {
	if (low > high) return true;
	// Reverse ranges run from `start` (included) down to `end`, which they exclude.
	const range = newestFirst ? {reverse: true, start: high, end: low - 1} : {start: low, end: high + 1};
	for (const {key, value} of dbs.eventBytes.getRange(range)) if (visit(key, value, true) === false) return false;
	return true;
}

/** Visit the bytes of each event stored after seq `afterSeq` (up to `upToSeq`, when given), newest first, until a visit returns false. */
export function visitRecords(dbs: Databases, visit: RecordVisit, afterSeq: number, upToSeq?: number): void {
	const high = upToSeq ?? noSeq;
	const chunked = firstChunked(dbs);
	if (!visitChunked(dbs, visit, Math.max(afterSeq + 1, chunked), high, true)) return;
	visitSingles(dbs, visit, afterSeq + 1, Math.min(high, chunked - 1), true);
}

/** Visit the bytes of stored events oldest first, until a visit returns false. */
export function visitOldestFirst(dbs: Databases, visit: RecordVisit): void {
	const chunked = firstChunked(dbs);
	if (!visitSingles(dbs, visit, 0, chunked - 1, false)) return;
	visitChunked(dbs, visit, chunked, noSeq, false);
}

/** Reads records by seq, keeping a copy of the last chunk it read: the events a query loads (a transaction's, a topic's newest) mostly share a few. */
export class RecordReader {
	private chunk: {first: number; count: number; bytes: Uint8Array} | undefined;
	private readonly scratch = {bytes: new Uint8Array(0)};

	constructor(private readonly dbs: Databases) {}

	/** The bytes of the event stored under `seq`, valid until the next read of the store. */
	read(seq: number): Uint8Array | undefined {
		const single = this.dbs.eventBytes.get(seq);
		if (single) return single;
		let {chunk} = this;
		if (!chunk || seq < chunk.first || seq >= chunk.first + chunk.count) {
			const found = chunkOf(this.dbs.chunks, seq);
			if (!found) return undefined;
			chunk = {first: found.key[0], count: found.key[1], bytes: stableCopy(found.value, this.scratch)};
			this.chunk = chunk;
		}

		return recordOfChunk(chunk.bytes, chunk.count, seq - chunk.first);
	}
}

/** The bytes of the event stored under `seq`, valid until the next read of the store (no copy: one look-up). */
export function recordAt(dbs: Databases, seq: number): Uint8Array | undefined {
	const single = dbs.eventBytes.get(seq);
	if (single) return single;
	const chunk = chunkOf(dbs.chunks, seq);
	return chunk && recordOfChunk(chunk.value, chunk.key[1], seq - chunk.key[0]);
}

/** Whether an event is stored under `seq`. */
export function hasRecord(dbs: Databases, seq: number): boolean {
	return dbs.events.doesExist(seq) || chunkOf(dbs.chunks, seq) !== undefined;
}

/** The oldest and newest seq stored, undefined when no event is. */
export function seqBounds(dbs: Databases): {oldest: number; newest: number} | undefined {
	let oldest = Number.POSITIVE_INFINITY;
	let newest = Number.NEGATIVE_INFINITY;
	for (const key of dbs.events.getKeys({limit: 1})) oldest = key;
	for (const key of dbs.events.getKeys({limit: 1, reverse: true})) newest = key;
	for (const [first] of dbs.chunks?.getKeys({limit: 1}) ?? []) oldest = Math.min(oldest, first);
	for (const [first, count] of dbs.chunks?.getKeys({limit: 1, reverse: true}) ?? []) newest = Math.max(newest, first + count - 1);
	return Number.isFinite(oldest) ? {oldest, newest} : undefined;
}

/** How many events are stored: every chunked record, and the records with one entry each below them. */
export function storedEventCount(dbs: Databases): number {
	const chunked = firstChunked(dbs);
	let count = dbs.events.getKeysCount({end: chunked});
	for (const [, records] of dbs.chunks?.getKeys() ?? []) count += records;
	return count;
}
