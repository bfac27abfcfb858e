// Event records in chunks: a batch's records are stored up to 64 to an LMDB entry instead of one entry each, since
// lmdb-js allocates an instruction, a closure and a resolution for every put on the main thread and holds them until
// the commit (most of ingest's garbage). Key [first seq, count]; value: the records (event-record.ts) back to back,
// then count + 1 offsets (uint32, little-endian, from the value's start): where each record starts, and where the
// last one ends. A chunk holds consecutive seqs. The `events` sub-database keeps one record per seq where a chunk
// does not serve: stores of earlier versions, and records rewritten since (a transaction merge), which win.
import type {Database} from 'lmdb';
import type {Envelope} from '../envelope.js';
import {putPlaced} from './databases.js';
import type {RecordWriter} from './record-writer.js';

/** A chunk's key: the seq of its first record and how many it holds. */
export type ChunkKey = [first: number, count: number];

/** `event-chunks`: the chunks, read as views of LMDB's read buffer (raw-scan.ts viewOfBytes). */
export type ChunksDatabase = Database<Uint8Array, ChunkKey>;

/** Records a chunk holds at most. */
export const chunkRecords = 64;

/**
 * A chunk also closes before its value (records and offsets) would pass this many bytes, so that reading one event
 * copies little: what four 4 KB pages hold once LMDB's 16-byte page header is taken (a value a byte larger takes five).
 */
const chunkBytes = (4 * 4096) - 16;

/** Sorts after every chunk key starting at `seq`: a reverse range from it starts at the chunk at or below `seq`. */
export function aboveChunksAt(seq: number): ChunkKey {
	return [seq, 2 ** 32];
}

/** The uint32 (little-endian) at `at`. */
function uint32(bytes: Uint8Array, at: number): number {
	return (bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) + (bytes[at + 3]! * 0x1_00_00_00);
}

/** Record `index` of a chunk of `count` records (a view of `chunk`). */
export function recordOfChunk(chunk: Uint8Array, count: number, index: number): Uint8Array {
	const at = chunk.length - (4 * (count + 1)) + (4 * index);
	return chunk.subarray(uint32(chunk, at), uint32(chunk, at + 4));
}

/** The key and bytes of the chunk holding `seq`, if one does; the bytes are only valid until the next read. */
export function chunkOf(db: ChunksDatabase | undefined, seq: number): {key: ChunkKey; value: Uint8Array} | undefined {
	// Reverse ranges start at `start` (included): the chunk with the highest first seq at or below `seq`.
	for (const entry of db?.getRange({start: aboveChunksAt(seq), reverse: true, limit: 1}) ?? []) {
		const [first, count] = entry.key;
		return seq < first + count ? entry : undefined;
	}

	return undefined;
}

/**
 * The records `from` onward of a chunk as a chunk of their own (retention keeps the newer part of a chunk whose
 * older records it deletes), put under its new key.
 */
function putTail(db: ChunksDatabase, key: ChunkKey, chunk: Uint8Array, from: number): void {
	const [first, count] = key;
	const kept = count - from;
	const table = chunk.length - (4 * (count + 1));
	const start = uint32(chunk, table + (4 * from));
	const end = uint32(chunk, table + (4 * count));
	const tail = Buffer.allocUnsafeSlow(end - start + (4 * (kept + 1)));
	tail.set(chunk.subarray(start, end), 0);
	for (let i = 0; i <= kept; i++) tail.writeUInt32LE(uint32(chunk, table + (4 * (from + i))) - start, end - start + (4 * i));
	putPlaced(db, [first + from, kept], tail, 0, tail.length);
}

/** Lays a batch's records out as chunks in a RecordWriter's buffer, then puts them in the batch's transaction. */
export class ChunkBuilder {
	/** Per chunk: first seq, count, start and end in the writer's buffer. */
	private readonly chunks: number[] = [];
	/** Where each record of the open chunk starts and the last ends, from the chunk's start (the first at 0, never written). */
	private readonly offsets = new Uint32Array(chunkRecords + 1);
	private count = 0;
	private first = 0;
	private start = 0;

	constructor(private readonly records: RecordWriter) {}

	/** Start a new batch (the previous one's commit must have completed: its buffer is reused). */
	begin(): void {
		this.records.reset();
		this.chunks.length = 0;
		this.count = 0;
	}

	/** Add the record of a stored event (seq set). */
	add(event: Envelope): void {
		if (this.count > 0 && (this.count === chunkRecords || event.seq !== this.first + this.count || !this.roomAfter())) this.close();
		if (this.count === 0) {
			this.first = event.seq;
			this.start = this.records.end;
		}

		this.offsets[++this.count] = this.records.write(event) - this.start;
	}

	/** Whether the open chunk likely has room for one more record, guessed the size of its last one. */
	private roomAfter(): boolean {
		const {offsets, count} = this;
		const used = offsets[count]!;
		return used + (used - offsets[count - 1]!) + (4 * (count + 2)) <= chunkBytes;
	}

	/** Close the last chunk; returns the bytes the batch's chunks take. */
	end(): number {
		if (this.count > 0) this.close();
		return this.records.end;
	}

	/** Put every chunk of the batch (inside its LMDB transaction). */
	write(db: ChunksDatabase): void {
		const {chunks} = this;
		const bytes = this.records.bytes;
		for (let i = 0; i < chunks.length; i += 4) putPlaced(db, [chunks[i]!, chunks[i + 1]!], bytes, chunks[i + 2]!, chunks[i + 3]!);
	}

	private close(): void {
		this.records.writeOffsets(this.offsets, this.count + 1);
		this.chunks.push(this.first, this.count, this.start, this.records.end);
		this.count = 0;
	}
}

/** The chunks holding seqs up to `lastSeq`: those that hold nothing newer, and a copy of the one that also does. */
export type ExpiredChunks = {whole: ChunkKey[]; partial?: {key: ChunkKey; bytes: Uint8Array}};

/** The chunks retention deleting every event up to seq `lastSeq` (the oldest ones) takes away or cuts. */
export function expiredChunks(db: ChunksDatabase | undefined, lastSeq: number): ExpiredChunks {
	const expired: ExpiredChunks = {whole: []};
	// Ranges exclude `end`: every chunk whose first seq is at most lastSeq.
	for (const {key, value} of db?.getRange({end: [lastSeq + 1]}) ?? []) {
		if (key[0] + key[1] - 1 <= lastSeq) expired.whole.push(key);
		// A copy: the view is of LMDB's read buffer, which the next read reuses (a Buffer's slice would not copy).
		else expired.partial = {key, bytes: new Uint8Array(value)};
	}

	return expired;
}

/** Delete expired chunks; the newer records of a cut one stay, as a chunk of their own (inside a retention pass's transaction). */
export function removeChunks(db: ChunksDatabase, expired: ExpiredChunks, lastSeq: number): void {
	for (const key of expired.whole) void db.remove(key);
	const {partial} = expired;
	if (!partial) return;
	void db.remove(partial.key);
	putTail(db, partial.key, partial.bytes, lastSeq + 1 - partial.key[0]);
}
