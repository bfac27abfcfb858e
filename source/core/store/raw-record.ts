// A stored event's fields read straight from its msgpack bytes (the fixed-order array of event-record.ts), each
// decoded only when asked for: what whole-store folds (group-by) need of a million events, without the rest.
import type {EventHeaders, HeaderValue} from '../envelope.js';

/** Positions of the fields a fold reads in the EventRecord array (event-record.ts). */
export const recordField = {source: 0, topic: 1, partition: 2, key: 4, headers: 5, valueEncoding: 7, timestamp: 8, type: 11, ids: 12, status: 13, eventId: 14, valueText: 17, valueMember: 18} as const;

/** What a field holds when this reader does not decode it the way msgpackr would (the caller reads the event the slow way). */
export const unreadable = Symbol('unreadable');

/** A field's decoded scalar (absent fields, nil and msgpackr's undefined read as undefined). */
export type RawScalar = string | number | boolean | undefined | typeof unreadable;

/** Fields an EventRecord has at most. */
const maxFields = 32;

/** The Unicode replacement character: a stored string holding it may be bytes that msgpackr decodes otherwise (a lone surrogate an earlier version stored). */
const replacement = '\uFFFD';

/** One stored record at a time: `load` finds where each field starts, the readers decode one field. */
export class RawRecord {
	private bytes: Buffer = Buffer.alloc(0);
	private readonly starts = new Int32Array(maxFields);
	private fields = 0;

	/** Point at the bytes of one record; false when they are not an array of fields this reader can walk. */
	load(bytes: Uint8Array): boolean {
		const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		this.bytes = buffer;
		const first = buffer[0];
		let count: number;
		let at: number;
		if (first === undefined) return false;
		if (first >= 0x90 && first <= 0x9f) {
			count = first & 0x0f;
			at = 1;
		} else if (first === 0xdc && buffer.length >= 3) {
			count = buffer.readUInt16BE(1);
			at = 3;
		} else return false;
		if (count > maxFields) return false;
		for (let field = 0; field < count; field++) {
			this.starts[field] = at;
			at = skipValue(buffer, at);
			if (at < 0) return false;
		}

		this.fields = count;
		return at === buffer.length;
	}

	/** A field holding a string, number, boolean, nil or undefined, decoded. */
	scalar(field: number): RawScalar {
		if (field >= this.fields) return undefined;
		const bytes = this.bytes;
		const at = this.starts[field]!;
		const type = bytes[at]!;
		if (type < 0x80) return type;
		if (type >= 0xe0) return type - 0x100;
		if (type >= 0xa0 && type <= 0xbf) return this.text(at + 1, type & 0x1f);
		switch (type) {
			case 0xc0: return undefined;
			case 0xc2: return false;
			case 0xc3: return true;
			case 0xca: return bytes.readFloatBE(at + 1);
			case 0xcb: return bytes.readDoubleBE(at + 1);
			case 0xcc: return bytes[at + 1]!;
			case 0xcd: return bytes.readUInt16BE(at + 1);
			case 0xce: return bytes.readUInt32BE(at + 1);
			case 0xd0: return bytes.readInt8(at + 1);
			case 0xd1: return bytes.readInt16BE(at + 1);
			case 0xd2: return bytes.readInt32BE(at + 1);
			// msgpackr writes undefined as the 1-byte extension of type 0.
			case 0xd4: return bytes[at + 1] === 0 && bytes[at + 2] === 0 ? undefined : unreadable;
			case 0xd9: return this.text(at + 2, bytes[at + 1]!);
			case 0xda: return this.text(at + 3, bytes.readUInt16BE(at + 1));
			case 0xdb: return this.text(at + 5, bytes.readUInt32BE(at + 1));
			default: return unreadable;
		}
	}

	/** The loaded record's bytes (valid until the next load). */
	get buffer(): Buffer {
		return this.bytes;
	}

	/** Where the UTF-8 bytes of a field holding a string start in `buffer`, or -1; they end at `spanEnd`. */
	stringSpan(field: number): number {
		if (field >= this.fields) return -1;
		const bytes = this.bytes;
		const at = this.starts[field]!;
		const type = bytes[at]!;
		let start: number;
		if (type >= 0xa0 && type <= 0xbf) start = at + 1;
		else if (type === 0xd9) start = at + 2;
		else if (type === 0xda) start = at + 3;
		else if (type === 0xdb) start = at + 5;
		else return -1;
		this.spanEnd = skipValue(bytes, at);
		return start;
	}

	/** Where the string stringSpan last found ends. */
	spanEnd = 0;

	/** A field holding an array of strings (the event's ids). */
	strings(field: number): string[] | typeof unreadable {
		return field < this.fields ? this.arrayAt(this.starts[field]!, this.stringItemAt) : unreadable;
	}

	/** A field holding a map of strings to strings, nil or arrays of them (the event's headers). */
	headers(field: number): EventHeaders | typeof unreadable {
		if (field >= this.fields) return unreadable;
		const entries = this.containerAt(this.starts[field]!, 0x80, 0xde, 0xdf);
		if (entries === unreadable) return unreadable;
		const headers: EventHeaders = {};
		let at = entries.at;
		for (let index = 0; index < entries.count; index++) {
			const name = this.stringAt(at);
			at = skipValue(this.bytes, at);
			const value = this.bytes[at]! === 0xdc || (this.bytes[at]! & 0xf0) === 0x90 ? this.arrayAt(at, this.headerValueAt) : this.headerValueAt(at);
			if (name === unreadable || value === unreadable || at < 0) return unreadable;
			// defineProperty: a header named `__proto__` stays a header (null there would otherwise drop the prototype).
			Object.defineProperty(headers, name, {value, enumerable: true, writable: true, configurable: true});
			at = skipValue(this.bytes, at);
		}

		return headers;
	}

	/** The array starting at byte `start`, each item read by `read`. */
	private arrayAt<T>(start: number, read: (at: number) => T | typeof unreadable): T[] | typeof unreadable {
		const items = this.containerAt(start, 0x90, 0xdc, 0xdd);
		if (items === unreadable) return unreadable;
		const values: T[] = [];
		let at = items.at;
		for (let index = 0; index < items.count; index++) {
			const value = read(at);
			if (value === unreadable) return unreadable;
			values.push(value);
			at = skipValue(this.bytes, at);
		}

		return values;
	}

	/** The header value starting at byte `at`: a string, or null for nil (a header without a value). */
	private readonly headerValueAt = (at: number): HeaderValue | typeof unreadable => (this.bytes[at] === 0xc0 ? null : this.stringAt(at));

	/** The string starting at byte `at` (a method bound to this record: arrayAt calls it). */
	private readonly stringItemAt = (at: number): string | typeof unreadable => this.stringAt(at);

	/** The string starting at byte `at`. */
	private stringAt(at: number): string | typeof unreadable {
		const type = this.bytes[at]!;
		if (type >= 0xa0 && type <= 0xbf) return this.text(at + 1, type & 0x1f);
		if (type === 0xd9) return this.text(at + 2, this.bytes[at + 1]!);
		if (type === 0xda) return this.text(at + 3, this.bytes.readUInt16BE(at + 1));
		if (type === 0xdb) return this.text(at + 5, this.bytes.readUInt32BE(at + 1));
		return unreadable;
	}

	/** The element count and first element of the map or array at byte `at`, whose fix, 16- and 32-bit type bytes are given. */
	private containerAt(at: number, fix: number, sixteen: number, thirtyTwo: number): {count: number; at: number} | typeof unreadable {
		const type = this.bytes[at]!;
		if (type >= fix && type <= fix + 0x0f) return {count: type & 0x0f, at: at + 1};
		if (type === sixteen) return {count: this.bytes.readUInt16BE(at + 1), at: at + 3};
		if (type === thirtyTwo) return {count: this.bytes.readUInt32BE(at + 1), at: at + 5};
		return unreadable;
	}

	/** UTF-8 text of `length` bytes from `at`; text that needed the replacement character is left to msgpackr. */
	private text(at: number, length: number): string | typeof unreadable {
		const text = this.bytes.toString('utf8', at, at + length);
		return text.includes(replacement) ? unreadable : text;
	}
}

/** Whether bytes [start, end) are all ASCII (then each byte is the UTF-16 code unit of a character). */
export function asciiOnly(bytes: Uint8Array, start: number, end: number): boolean {
	let high = 0;
	for (let at = start; at < end; at++) high |= bytes[at]!;
	return high < 0x80;
}

/** Bytes that follow a type byte before the next value, for the types of fixed size (0 for the types with a length or elements). */
function fixedSize(type: number): number {
	switch (type) {
		case 0xc0: case 0xc2: case 0xc3: return 1;
		case 0xcc: case 0xd0: return 2;
		case 0xcd: case 0xd1: case 0xd4: return 3;
		case 0xd5: return 4;
		case 0xca: case 0xce: case 0xd2: return 5;
		case 0xd6: return 6;
		case 0xcb: case 0xcf: case 0xd3: return 9;
		case 0xd7: return 10;
		case 0xd8: return 18;
		default: return 0;
	}
}

/** Index just after the msgpack value starting at `start` (nested values counted, not recursed into), or -1 for bytes that are not msgpack. */
function skipValue(bytes: Buffer, start: number): number {
	let at = start;
	let pending = 1;
	while (pending > 0) {
		if (at >= bytes.length) return -1;
		pending--;
		const type = bytes[at]!;
		if (type < 0x80 || type >= 0xe0) at++;
		else if (type <= 0x8f) {
			pending += 2 * (type & 0x0f);
			at++;
		} else if (type <= 0x9f) {
			pending += type & 0x0f;
			at++;
		} else if (type <= 0xbf) at += 1 + (type & 0x1f);
		else {
			const fixed = fixedSize(type);
			if (fixed > 0) at += fixed;
			else {
				const next = lengthPrefixed(bytes, type, at);
				if (next === undefined) {
					const elements = containerElements(bytes, type, at);
					if (elements === undefined) return -1;
					pending += elements.count;
					at = elements.at;
				} else at = next;
			}
		}
	}

	return at <= bytes.length ? at : -1;
}

/** Index after a string, binary or extension value (their byte length is in the header), else undefined. */
function lengthPrefixed(bytes: Buffer, type: number, at: number): number | undefined {
	switch (type) {
		case 0xc4: case 0xd9: return at + 2 + bytes[at + 1]!;
		case 0xc5: case 0xda: return at + 3 + bytes.readUInt16BE(at + 1);
		case 0xc6: case 0xdb: return at + 5 + bytes.readUInt32BE(at + 1);
		case 0xc7: return at + 3 + bytes[at + 1]!;
		case 0xc8: return at + 4 + bytes.readUInt16BE(at + 1);
		case 0xc9: return at + 6 + bytes.readUInt32BE(at + 1);
		default: return undefined;
	}
}

/** Elements (map entries count twice) and first element of a 16- or 32-bit array or map, else undefined. */
function containerElements(bytes: Buffer, type: number, at: number): {count: number; at: number} | undefined {
	const sixteen = type === 0xdc || type === 0xde;
	if (!sixteen && type !== 0xdd && type !== 0xdf) return undefined;
	if (at + (sixteen ? 3 : 5) > bytes.length) return undefined;
	const count = sixteen ? bytes.readUInt16BE(at + 1) : bytes.readUInt32BE(at + 1);
	return {count: type === 0xde || type === 0xdf ? 2 * count : count, at: at + (sixteen ? 3 : 5)};
}
