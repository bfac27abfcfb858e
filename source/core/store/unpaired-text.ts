// Text holding a lone UTF-16 surrogate (JSON allows "\ud800" in an id): UTF-8 has no form for one, so a msgpack
// string cannot hold it (msgpackr writes long text with U+FFFD instead and reads every one back as U+FFFD). The
// store keeps such text as a msgpack extension holding its UTF-16 code units, which msgpackr decodes back to the
// same string wherever it is read (records, tx-ids values, alerts); raw-record.ts leaves the extension to msgpackr.
// Keys take another way: keys.ts hashes such text.
import {addExtension} from 'msgpackr';

/** The extension's type (msgpackr itself uses 0, 0x42, 0x62, 0x65, 0x69, 0x70, 0x73, 0x74, 0x78 and 0xff). */
const extensionType = 0x57;

/** Text stored as its UTF-16 code units. */
class UnpairedText {
	constructor(readonly text: string) {}
}

addExtension({
	Class: UnpairedText,
	type: extensionType,
	pack: (value: UnpairedText) => Buffer.from(value.text, 'utf16le'),
	// `bytes` may be a view of LMDB's read buffer: the string is a copy.
	unpack: (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le'),
});

/** Whether text holds no lone surrogate (ES2024's isWellFormed, in Node 20); O(1) for text of one-byte characters. */
export function wellFormed(text: string): boolean {
	return (text as string & {isWellFormed(): boolean}).isWellFormed();
}

/** A plain object (not a class instance msgpackr packs its own way). */
function isPlainObject(value: object): value is Record<string, unknown> {
	const prototype = Object.getPrototypeOf(value) as unknown;
	return prototype === Object.prototype || prototype === null;
}

/**
 * `value` as msgpackr must be given it to read it back as it is: every string holding a lone surrogate, in arrays
 * and plain objects too, stored as UTF-16 code units. The value itself (no copy) when no string holds one.
 */
export function storable<T>(value: T): T {
	if (typeof value === 'string') return (wellFormed(value) ? value : new UnpairedText(value)) as T;
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) {
		let copy: unknown[] | undefined;
		for (let i = 0; i < value.length; i++) {
			const item = value[i] as unknown;
			const stored = storable(item);
			if (stored !== item) (copy ??= value.slice())[i] = stored;
		}

		return (copy ?? value) as T;
	}

	if (!isPlainObject(value)) return value;
	let copy: Record<string, unknown> | undefined;
	for (const name in value) {
		if (!Object.hasOwn(value, name)) continue;
		const item = value[name];
		const stored = storable(item);
		// defineProperty: a member named `__proto__` stays a member.
		if (stored !== item) Object.defineProperty(copy ??= {...value}, name, {value: stored, enumerable: true, writable: true, configurable: true});
	}

	return (copy ?? value) as T;
}

/** Text as WTF-8: UTF-8, in which a lone surrogate takes the 3-byte form of its code unit (UTF-8 has none for it). */
export function wtf8(text: string): Buffer {
	const bytes = Buffer.allocUnsafe(4 * text.length);
	let at = 0;
	for (let i = 0; i < text.length; i++) {
		// codePointAt joins a pair and gives a lone surrogate's code unit.
		const code = text.codePointAt(i)!;
		if (code < 0x80) bytes[at++] = code;
		else if (code < 0x8_00) {
			bytes[at++] = 0xc0 | (code >> 6);
			bytes[at++] = 0x80 | (code & 0x3f);
		} else if (code < 0x1_00_00) {
			bytes[at++] = 0xe0 | (code >> 12);
			bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
			bytes[at++] = 0x80 | (code & 0x3f);
		} else {
			i++;
			bytes[at++] = 0xf0 | (code >> 18);
			bytes[at++] = 0x80 | ((code >> 12) & 0x3f);
			bytes[at++] = 0x80 | ((code >> 6) & 0x3f);
			bytes[at++] = 0x80 | (code & 0x3f);
		}
	}

	return bytes.subarray(0, at);
}
