// Group columns: what a group-by reads of each event (its id, time, topic, type, status, source and key, and the
// value fields named in config `store.columns`, found as a group-by finds them), kept per stored batch in one
// compact binary block: one put per batch, and a fold over a million events reads ~60 bytes of each instead of
// its whole record and JSON text. Written in the batch's LMDB transaction, deleted with its events by retention.
import {asBinary, type Database} from 'lmdb';
import type {Envelope} from '../envelope.js';
import {exactPathText, isInexactInteger} from '../exact-integer.js';
import {findPathOrElements, numericValue, scalarText} from '../fields.js';
import {elementsSum} from '../queries/compensated-sum.js';
import type {Databases} from './databases.js';
import {wellFormed} from './unpaired-text.js';
import {isJsonText} from '../value-text.js';

/** Which value fields get a column, and the containers they are searched in (config `store.columns`, `fields.containers`). */
export type ColumnSettings = {fields: readonly string[]; containers: readonly string[]};

/** Envelope fields with few distinct values, kept as an index into the block's list of them. */
const dictFields = ['topic', 'type', 'status', 'source'] as const;

type DictField = typeof dictFields[number];

/**
 * One text per event (the group-by's text of the field: scalarText), UTF-8 bytes one after another: event i's run
 * is [offsets[i], offsets[i + 1]). `present`: 0 the event has none, 1 it has one, `readRecord` only its record tells (a value field
 * of a value not stored as its JSON text, text with a lone surrogate), `numberText` it is the text of the event's number in the value column,
 * `inArray` the field is inside an array (a value for each element).
 */
export type TextColumn = {bytes: Buffer; offsets: Int32Array; present: Uint8Array; ascii: boolean};

/** `present` of an event whose value fields only its record tells. */
export const readRecord = 2;

/** `present` of an event whose value field is a number: its text is made only when grouped by (most are summed). */
export const numberText = 3;

/**
 * `present` of an event whose value field is inside an array (`items.sku` on `{"items": [...]}`): no one value; its
 * number is the sum of its elements' numbers (elementsSum) in a block whose `elementSums` is set.
 */
export const inArray = 4;

/** Each event's index into `names` (0: the event has no such field). */
export type DictColumn = {names: string[]; at: Uint16Array | Uint32Array};

/** A value field as a group-by reads it: its text to group by, and its number to sum (NaN: none; inside an array, its elements' sum). */
export type ValueColumn = {text: TextColumn; numbers: Float64Array};

/** One stored batch's columns: its events have seqs first, first + 1, … first + count - 1. */
export type ColumnBlock = {
	first: number;
	count: number;
	/** Event times (NaN: none). */
	times: Float64Array;
	dicts: Record<DictField, DictColumn>;
	key: TextColumn;
	eventId: TextColumn;
	/** The containers the value fields were searched in. */
	containers: string[];
	/** Value columns by field (as named in `store.columns`). */
	values: Map<string, ValueColumn>;
	/**
	 * Whether its value columns answer `--sum`: a field inside an array holds its elements' sum, a header sent more
	 * than once is left to the record. Blocks written before this version hold neither (their sums are read from records).
	 */
	elementSums: boolean;
};

/** The block layout's version: a block of another version is not read (its events are read from their records). */
const version = 2;

/** Bytes before the header: version (u32), count (u32), first seq (f64), header length (u32), then the JSON header. */
const prefixBytes = 20;

/** The header of an encoded block: what its sections are. */
type Header = {containers: string[]; names: Record<DictField, string[]>; wide: DictField[]; values: string[]; ascii: boolean[]; elementSums?: boolean};

/** Gathers one text column while a batch is planned (its memory kept from batch to batch). */
class TextBuilder {
	private texts: string[] = [];
	private present = new Uint8Array(0);

	/** Start a batch of at most `capacity` events. */
	begin(capacity: number): void {
		this.texts = [];
		if (this.present.length < capacity) this.present = new Uint8Array(capacity);
	}

	/** The text of the next event (`present` as TextColumn says); text with a lone surrogate, which UTF-8 cannot hold, is left to the record. */
	add(text: string | undefined, present = text === undefined ? 0 : 1): void {
		this.present[this.texts.length] = present === 1 && !wellFormed(text!) ? readRecord : present;
		this.texts.push(text ?? '');
	}

	/** The column's sections: offsets, present flags and bytes, and whether every byte is ASCII. */
	build(): {sections: Uint8Array[]; ascii: boolean} {
		const count = this.texts.length;
		const joined = this.texts.join('');
		const bytes = Buffer.from(joined, 'utf8');
		const ascii = bytes.length === joined.length;
		const offsets = new Int32Array(count + 1);
		for (let index = 0; index < count; index++) {
			const text = this.texts[index]!;
			offsets[index + 1] = offsets[index]! + (ascii ? text.length : Buffer.byteLength(text, 'utf8'));
		}

		return {sections: [bytesOf(offsets), this.present.subarray(0, count), bytes], ascii};
	}
}

/** Gathers one dictionary column while a batch is planned (its memory kept from batch to batch). */
class DictBuilder {
	private readonly index = new Map<string, number>();
	names: string[] = [''];
	private at = new Uint32Array(0);
	private count = 0;
	/** The last text added and its index: events in a row often share a source, a status, a topic. */
	private lastText = '';
	private lastAt = 0;

	/** Start a batch of at most `capacity` events. */
	begin(capacity: number): void {
		this.index.clear();
		this.names = [''];
		this.count = 0;
		this.lastText = '';
		this.lastAt = 0;
		if (this.at.length < capacity) this.at = new Uint32Array(capacity);
	}

	/** The text of the next event (the empty text is none, as scalarText has it). */
	add(text: string | undefined): void {
		let at = 0;
		if (text === this.lastText) at = this.lastAt;
		else if (text !== undefined && text !== '') {
			at = this.index.get(text) ?? this.newName(text);
			this.lastText = text;
			this.lastAt = at;
		}

		this.at[this.count++] = at;
	}

	/** Whether the indexes need 32 bits. */
	get wide(): boolean {
		return this.names.length > 0xff_ff;
	}

	build(): Uint8Array {
		const at = this.at.subarray(0, this.count);
		return bytesOf(this.wide ? at : Uint16Array.from(at));
	}

	private newName(text: string): number {
		const at = this.names.length;
		this.index.set(text, at);
		this.names.push(text);
		return at;
	}
}

/** A typed array's bytes (no copy). */
function bytesOf(array: Int32Array | Uint16Array | Uint32Array | Float64Array): Uint8Array {
	return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Builds the block of each batch, event by event in seq order (one builder a store: its memory is reused). */
export class ColumnBlockBuilder {
	private first = 0;
	private count = 0;
	private times = new Float64Array(0);
	private readonly topic = new DictBuilder();
	private readonly type = new DictBuilder();
	private readonly status = new DictBuilder();
	private readonly source = new DictBuilder();
	private readonly key = new TextBuilder();
	private readonly eventId = new TextBuilder();
	private readonly values: Array<{field: string; path: string[]; text: TextBuilder; numbers: Float64Array}>;

	constructor(private readonly settings: ColumnSettings) {
		this.values = settings.fields.map(field => ({field, path: field.split('.'), text: new TextBuilder(), numbers: new Float64Array(0)}));
	}

	/** Start the block of a batch of at most `capacity` events. */
	begin(capacity: number): void {
		this.count = 0;
		if (this.times.length < capacity) this.times = new Float64Array(capacity);
		for (const builder of [this.topic, this.type, this.status, this.source, this.key, this.eventId]) builder.begin(capacity);
		for (const column of this.values) {
			column.text.begin(capacity);
			if (column.numbers.length < capacity) column.numbers = new Float64Array(capacity);
		}
	}

	/** Add the next stored event (its seq follows the previous one's). */
	add(event: Envelope): void {
		const row = this.count;
		if (row === 0) this.first = event.seq;
		else if (event.seq !== this.first + row) throw new Error(`group columns: seq ${event.seq} after ${this.first + row - 1}`);
		this.count++;
		this.times[row] = event.timestamp ?? Number.NaN;
		// These fields are text or absent: scalarText would only make the empty text absent, which the builders do.
		this.topic.add(event.topic);
		this.type.add(event.type);
		this.status.add(event.status);
		this.source.add(event.source);
		this.key.add(event.key === '' ? undefined : event.key);
		this.eventId.add(event.eventId);
		if (this.values.length === 0) return;
		// A value stored as its JSON text reads back as JSON.parse made it here; others (Avro, binary, too deep) may not.
		const fromText = event.valueText !== undefined && isJsonText(event.valueEncoding);
		const {containers} = this.settings;
		for (const column of this.values) {
			if (!fromText) {
				column.text.add(undefined, readRecord);
				column.numbers[row] = Number.NaN;
				continue;
			}

			const {found: value, inArray: inside} = findPathOrElements(event.value, event.headers, column.path, containers);
			if (inside) {
				column.text.add(undefined, inArray);
				column.numbers[row] = elementsSum(value as unknown[]) ?? Number.NaN;
				continue;
			}

			// A header sent more than once: whether to sum its values or take one is for the record's reader to say (query refuses it).
			if (Array.isArray(value) && value === event.headers?.[column.field]) column.text.add(undefined, readRecord);
			// A number's text (String(), as scalarText makes it) costs more than the rest of the column: made when grouped by.
			// An integer JSON.parse rounded is kept as the digits of its text, not made from the rounded double.
			else if (isInexactInteger(value)) column.text.add(exactPathText(value, event, column.path, containers));
			else if (typeof value === 'number' && Number.isFinite(value)) column.text.add(undefined, numberText);
			else column.text.add(scalarText(value));
			column.numbers[row] = numericValue(value) ?? Number.NaN;
		}
	}

	/** The encoded block, keyed by its last seq; undefined when no event was added. */
	encode(): {last: number; bytes: Buffer} | undefined {
		const count = this.count;
		if (count === 0) return undefined;
		const dicts: Record<DictField, DictBuilder> = {topic: this.topic, type: this.type, status: this.status, source: this.source};
		const sections: Uint8Array[] = [bytesOf(this.times.subarray(0, count))];
		const ascii: boolean[] = [];
		const addText = (builder: TextBuilder) => {
			const built = builder.build();
			sections.push(...built.sections);
			ascii.push(built.ascii);
		};

		for (const field of dictFields) sections.push(dicts[field].build());
		addText(this.key);
		addText(this.eventId);
		for (const column of this.values) {
			sections.push(bytesOf(column.numbers.subarray(0, count)));
			addText(column.text);
		}

		const header: Header = {
			containers: [...this.settings.containers],
			names: {topic: this.topic.names, type: this.type.names, status: this.status.names, source: this.source.names},
			wide: dictFields.filter(field => dicts[field].wide),
			values: [...this.settings.fields],
			ascii,
			elementSums: true,
		};
		const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
		let size = align(prefixBytes + headerBytes.length);
		for (const section of sections) size = align(align(size + 4) + section.length);
		const bytes = Buffer.alloc(size);
		bytes.writeUInt32LE(version, 0);
		bytes.writeUInt32LE(this.count, 4);
		bytes.writeDoubleLE(this.first, 8);
		bytes.writeUInt32LE(headerBytes.length, 16);
		headerBytes.copy(bytes, prefixBytes);
		let at = align(prefixBytes + headerBytes.length);
		for (const section of sections) {
			bytes.writeUInt32LE(section.length, at);
			bytes.set(section, align(at + 4));
			at = align(align(at + 4) + section.length);
		}

		return {last: this.first + this.count - 1, bytes};
	}
}

/** The next multiple of 8 (typed arrays over the block's bytes must start on their element size). */
function align(at: number): number {
	return Math.ceil(at / 8) * 8;
}

/** The first seq and count of an encoded block, readable whatever its version. */
function extent(bytes: Uint8Array): {first: number; count: number} {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	return {first: view.getFloat64(8, true), count: view.getUint32(4, true)};
}

/**
 * Decode a block into `scratch` (LMDB's buffer is reused by the next read, a fresh buffer per block costs its
 * pages; an ArrayBuffer starts aligned for every typed array); undefined when of another version. The block is
 * valid until the next decode into the same scratch.
 */
function decodeColumnBlock(stored: Uint8Array, scratch: Scratch): ColumnBlock | undefined {
	if (scratch.bytes.length < stored.length) scratch.bytes = new Uint8Array(Math.max(stored.length, 2 * scratch.bytes.length));
	scratch.bytes.set(stored);
	const bytes = scratch.bytes;
	const view = new DataView(bytes.buffer);
	if (view.getUint32(0, true) !== version) return undefined;
	const {first, count} = extent(bytes);
	const headerLength = view.getUint32(16, true);
	const header = JSON.parse(Buffer.from(bytes.buffer, prefixBytes, headerLength).toString('utf8')) as Header;
	let at = align(prefixBytes + headerLength);
	const next = (): Uint8Array => {
		const length = view.getUint32(at, true);
		const start = align(at + 4);
		at = align(start + length);
		return bytes.subarray(start, start + length);
	};

	const float64 = (section: Uint8Array) => new Float64Array(section.buffer, section.byteOffset, section.byteLength / 8);
	let texts = 0;
	const text = (): TextColumn => {
		const offsets = next();
		const present = next();
		const bytes = next();
		return {offsets: new Int32Array(offsets.buffer, offsets.byteOffset, offsets.byteLength / 4), present, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), ascii: header.ascii[texts++] ?? false};
	};

	const times = float64(next());
	const dicts = {} as Record<DictField, DictColumn>;
	for (const field of dictFields) {
		const section = next();
		const at = header.wide.includes(field) ? new Uint32Array(section.buffer, section.byteOffset, section.byteLength / 4) : new Uint16Array(section.buffer, section.byteOffset, section.byteLength / 2);
		dicts[field] = {names: header.names[field], at};
	}

	const key = text();
	const eventId = text();
	const values = new Map<string, ValueColumn>();
	for (const field of header.values) {
		const numbers = float64(next());
		values.set(field, {numbers, text: text()});
	}

	return {first, count, times, dicts, key, eventId, containers: header.containers, values, elementSums: header.elementSums === true};
}

/** Memory blocks are decoded into, one after another. */
type Scratch = {bytes: Uint8Array};

/** A block's extent and, when of this version, its columns. */
export type StoredColumnBlock = {first: number; count: number; block: ColumnBlock | undefined};

/** Issue the put of a batch's block (inside its LMDB transaction). */
export function putColumnBlock(dbs: Databases, block: {last: number; bytes: Buffer}): void {
	// As bytes: the handle's encoder only reads (its decoder gives views of LMDB's read buffer, see raw-scan.ts).
	void dbs.columns?.put(block.last, asBinary(block.bytes) as unknown as Uint8Array);
}

/**
 * Visit the blocks that hold events stored after seq `afterSeq` and up to `upToSeq` (the newest when undefined),
 * newest first (the first and last may hold events outside that range too), each valid only during its visit. A
 * store written before blocks existed has none for its older events.
 */
export function visitColumnBlocks(dbs: Databases, visit: (block: StoredColumnBlock) => void, afterSeq: number, upToSeq?: number): void {
	const columns = dbs.columns;
	if (!columns) return;
	const scratch: Scratch = {bytes: new Uint8Array(0)};
	const read = (bytes: Uint8Array) => ({...extent(bytes), block: decodeColumnBlock(bytes, scratch)});
	// Where the reverse walk starts: blocks are keyed by their last seq, so the one holding upToSeq may lie above it.
	let start = upToSeq;
	if (upToSeq !== undefined) {
		for (const {value} of columns.getRange({start: upToSeq, limit: 1})) {
			const stored = read(value);
			if (stored.first > upToSeq) continue;
			visit(stored);
			start = stored.first - 1;
		}
	}

	// Reverse ranges run from `start` (included) down to `end`, which they exclude.
	for (const {value} of columns.getRange({reverse: true, end: afterSeq, ...(start === undefined ? {} : {start})})) visit(read(value));
}

/** Keys of the blocks whose events all have a seq ≤ `lastSeq` (retention deletes them with the events). */
export function expiredColumnBlocks(dbs: Databases, lastSeq: number): number[] {
	return dbs.columns ? [...dbs.columns.getKeys({end: lastSeq + 1})] : [];
}

/** The sub-database of blocks: binary values keyed by a block's last seq. */
export type ColumnsDatabase = Database<Uint8Array, number>;
