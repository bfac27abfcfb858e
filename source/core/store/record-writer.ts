// A batch's event records (event-record.ts), written as msgpack straight from each envelope's fields into one
// buffer: the record's shape is fixed, so this skips msgpackr's per-value type dispatch and its per-event Buffer.
// The bytes decode to what msgpackr would have written (msgpackr reads them back; raw-record.ts walks them);
// events this writer does not cover (a value not kept as its JSON text, binary key or header encodings, headers
// holding other than text or null or 16 and more of them, text with a lone surrogate: unpaired-text.ts) are encoded
// by msgpackr and copied in. What only writing shows (a lone surrogate, a header's value) is found while writing:
// the record written so far is then given up.
import type {Envelope, EventHeaders, ValueText} from '../envelope.js';
import {wellFormed} from './unpaired-text.js';

/** Encodes an event the fast path does not cover, as the events database does (Databases.encodeEvent). */
export type RecordEncoder = (event: Envelope) => Uint8Array;

/** Node's Buffer writes UTF-8 through this method (what `write` calls after checking its arguments). */
type Utf8Writable = Buffer & {utf8Write(text: string, offset: number): number};

/** The buffer a writer starts with: room for a typical batch (1,000 events of ~450 bytes). */
const initialBytes = 1 << 20;

/** A buffer grown past this by a batch of large events is let go at the next batch instead of kept for good. */
const keptBytes = 16 << 20;

/** One batch's records back to back in `bytes`: `write` gives where each ends, and the next starts there. */
export class RecordWriter {
	/** Its own ArrayBuffer (offset 0): lmdb-js takes a position in it as the address of a value (event-chunks.ts putChunk). */
	bytes = Buffer.allocUnsafeSlow(initialBytes);
	private position = 0;
	/** Set while writing a record that turns out not covered (it is then encoded by msgpackr instead). */
	private uncovered = false;

	constructor(private readonly fallback: RecordEncoder) {}

	/** Start a new batch: earlier positions are void (their commit must have completed). */
	reset(): void {
		this.position = 0;
		if (this.bytes.length > keptBytes) this.bytes = Buffer.allocUnsafeSlow(initialBytes);
	}

	/** Where the next record starts. */
	get end(): number {
		return this.position;
	}

	/** Append the record of `event`; returns where it ends (it starts where the previous one ended). */
	write(event: Envelope): number {
		const start = this.position;
		const text = event.valueText;
		if (text && event.keyEncoding === undefined && event.headersEncoding === undefined && event.schemaId === undefined) {
			this.uncovered = false;
			this.fields(event, text);
			if (!this.uncovered) return this.position;
			this.position = start;
		}

		const encoded = this.fallback(event);
		this.room(encoded.length);
		this.bytes.set(encoded, this.position);
		this.position += encoded.length;
		return this.position;
	}

	/** The record of an event whose value is kept as `text`, unless it turns out uncovered (then its bytes are void). */
	private fields(event: Envelope, text: ValueText): void {
		// The 19 fields of toRecord's first form, in its order; with an origin, two absent encodings and the origin.
		this.header(event.origin === undefined ? 19 : 22, 0x90, 0xdc);
		this.string(event.source);
		this.optionalString(event.topic);
		this.optionalNumber(event.partition);
		this.optionalString(event.offset);
		this.optionalString(event.key);
		this.headers(event.headers);
		this.nil();
		this.string(event.valueEncoding);
		this.optionalNumber(event.timestamp);
		this.number(event.receivedAt);
		this.optionalNumber(event.deliveryMs);
		this.string(event.type);
		this.strings(event.ids);
		this.string(event.status);
		this.string(event.eventId);
		this.room(1);
		this.bytes[this.position++] = event.duplicate ? 0xc3 : 0xc2;
		this.number(event.txId);
		this.string(text.text);
		this.optionalString(text.member);
		if (event.origin !== undefined) {
			this.undefinedValue();
			this.undefinedValue();
			this.string(event.origin);
		}
	}

	/** Append the first `count` of `offsets` as uint32, little-endian (a chunk's offset table, event-chunks.ts). */
	writeOffsets(offsets: Uint32Array, count: number): void {
		this.room(4 * count);
		for (let i = 0; i < count; i++) this.position = this.bytes.writeUInt32LE(offsets[i]!, this.position);
	}

	/** Make room for `count` more bytes (a grown buffer keeps what was written). */
	private room(count: number): void {
		const needed = this.position + count;
		if (needed <= this.bytes.length) return;
		const grown = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
		this.bytes.copy(grown, 0, 0, this.position);
		this.bytes = grown;
	}

	private nil(): void {
		this.room(1);
		this.bytes[this.position++] = 0xc0;
	}

	/** msgpackr's undefined: the 1-byte extension of type 0. */
	private undefinedValue(): void {
		this.room(3);
		this.bytes[this.position] = 0xd4;
		this.bytes[this.position + 1] = 0;
		this.bytes[this.position + 2] = 0;
		this.position += 3;
	}

	private optionalString(text: string | undefined): void {
		if (text === undefined) this.undefinedValue();
		else this.string(text);
	}

	private optionalNumber(value: number | undefined): void {
		if (value === undefined) this.undefinedValue();
		else this.number(value);
	}

	/** A number as msgpackr writes it: an integer of 32 bits or less in its smallest form, anything else a float64. */
	private number(value: number): void {
		this.room(9);
		const bytes = this.bytes;
		const at = this.position;
		if (value >>> 0 === value) {
			if (value < 0x80) {
				bytes[at] = value;
				this.position = at + 1;
			} else if (value < 0x100) {
				bytes[at] = 0xcc;
				bytes[at + 1] = value;
				this.position = at + 2;
			} else if (value < 0x10000) {
				bytes[at] = 0xcd;
				bytes.writeUInt16BE(value, at + 1);
				this.position = at + 3;
			} else {
				bytes[at] = 0xce;
				bytes.writeUInt32BE(value, at + 1);
				this.position = at + 5;
			}
		} else if (value >> 0 === value) {
			if (value >= -0x20) {
				bytes[at] = value & 0xff;
				this.position = at + 1;
			} else {
				bytes[at] = 0xd2;
				bytes.writeInt32BE(value, at + 1);
				this.position = at + 5;
			}
		} else {
			bytes[at] = 0xcb;
			bytes.writeDoubleBE(value, at + 1);
			this.position = at + 9;
		}
	}

	/** Text as UTF-8 with the smallest header that its worst-case length allows (fixstr when it fits one). */
	private string(text: string): void {
		const most = text.length * 3;
		this.room(most + 5);
		const bytes = this.bytes;
		const at = this.position;
		if (text.length < 32) {
			// Short ASCII text is copied here: cheaper than a call into the native UTF-8 writer.
			let i = 0;
			for (; i < text.length; i++) {
				const code = text.charCodeAt(i);
				if (code >= 0x80) break;
				bytes[at + 1 + i] = code;
			}

			if (i === text.length) {
				bytes[at] = 0xa0 | i;
				this.position = at + 1 + i;
				return;
			}

			if (this.unpaired(text)) return;
			const length = (bytes as Utf8Writable).utf8Write(text, at + 1);
			if (length < 32) {
				bytes[at] = 0xa0 | length;
				this.position = at + 1 + length;
				return;
			}

			// Non-ASCII text of 32 bytes or more (at most 93): one more header byte.
			bytes.copyWithin(at + 2, at + 1, at + 1 + length);
			bytes[at] = 0xd9;
			bytes[at + 1] = length;
			this.position = at + 2 + length;
			return;
		}

		if (this.unpaired(text)) return;
		if (most < 0x100) {
			const length = (bytes as Utf8Writable).utf8Write(text, at + 2);
			bytes[at] = 0xd9;
			bytes[at + 1] = length;
			this.position = at + 2 + length;
		} else if (most < 0x10000) {
			const length = (bytes as Utf8Writable).utf8Write(text, at + 3);
			bytes[at] = 0xda;
			bytes.writeUInt16BE(length, at + 1);
			this.position = at + 3 + length;
		} else {
			const length = (bytes as Utf8Writable).utf8Write(text, at + 5);
			bytes[at] = 0xdb;
			bytes.writeUInt32BE(length, at + 1);
			this.position = at + 5 + length;
		}
	}

	/** Whether text holds a lone surrogate, which UTF-8 has no form for: the record is then left to msgpackr. */
	private unpaired(text: string): boolean {
		if (wellFormed(text)) return false;
		this.uncovered = true;
		return true;
	}

	/** An array's (0x90, 0xdc) or a map's (0x80, 0xde) header: the fix form under 16 entries, else 16 or 32 bits. */
	private header(count: number, fix: number, wide: number): void {
		this.room(5);
		if (count < 16) {
			this.bytes[this.position++] = fix | count;
		} else if (count < 0x10000) {
			this.bytes[this.position] = wide;
			this.bytes.writeUInt16BE(count, this.position + 1);
			this.position += 3;
		} else {
			this.bytes[this.position] = wide + 1;
			this.bytes.writeUInt32BE(count, this.position + 1);
			this.position += 5;
		}
	}

	private strings(texts: readonly string[]): void {
		this.header(texts.length, 0x90, 0xdc);
		for (const text of texts) this.string(text);
	}

	/**
	 * Headers as a map of text to text, nil or a list of them, in property order; other headers, and 16 or more
	 * (msgpackr gives those a wider map header), are left to msgpackr.
	 */
	private headers(headers: EventHeaders): void {
		if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
			this.uncovered = true;
			return;
		}

		this.room(1);
		const at = this.position++;
		let count = 0;
		for (const name in headers) {
			if (!Object.hasOwn(headers, name)) continue;
			count++;
			this.string(name);
			const value = headers[name];
			if (!Array.isArray(value)) {
				this.headerValue(value);
				continue;
			}

			this.header(value.length, 0x90, 0xdc);
			for (const item of value) this.headerValue(item);
		}

		if (count < 16) this.bytes[at] = 0x80 | count;
		else this.uncovered = true;
	}

	/** One header value: its text, or nil (anything else is left to msgpackr). */
	private headerValue(value: unknown): void {
		if (value === null) this.nil();
		else if (typeof value === 'string') this.string(value);
		else this.uncovered = true;
	}
}
