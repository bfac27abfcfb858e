// One field of a value read straight from the UTF-8 bytes of its JSON text, as findPath (fields.ts) finds it in
// what JSON.parse makes of the text: the top level, then each container (a dotted path, or the first of `|`
// alternatives holding an object: fields.ts), the last of repeated names. Member names
// are compared as bytes with the names wanted, values are skipped, not built, and only a value found is decoded.
// Text this scan does not follow to the letter gives `unscannable`, and the caller parses it instead.
import {containerPaths, jsonRecordIn} from './fields.js';
import {maxValueDepth} from './json-text.js';

/** What the scan found: a scalar, `structured` for an object or array, undefined when absent (missing, null or ''). */
export type ScannedField = string | number | boolean | typeof structured | typeof asciiText | undefined;

/** A text of ASCII characters and no escapes was found, left undecoded: its bytes are at the spans the scan was given. */
export const asciiText = Symbol('asciiText');

/** An object or array was found: present, but neither a text nor a number. */
export const structured = Symbol('structured');

/** The text holds something the scan does not read the way JSON.parse does: parse it instead. */
export const unscannable = Symbol('unscannable');

/** A failed step inside the scan (caught at its top, never escapes). */
class Unscannable extends Error {}

/** The byte values the scan looks at. */
const enum Byte { Tab = 9, LineFeed = 10, Return = 13, Space = 32, Quote = 34, Comma = 44, Minus = 45, Dot = 46, Zero = 48, One = 49, Nine = 57, Colon = 58, OpenBracket = 91, Backslash = 92, CloseBracket = 93, OpenBrace = 123, CloseBrace = 125 }

/** The Unicode replacement character: decoded text holding it came from bytes that may not be what JSON.parse saw. */
const replacement = '\uFFFD';

/** The text being scanned, and where it ends (set by the scanner for one scan: the scan is not re-entrant). */
let bytes: Buffer = Buffer.alloc(0);
let limit = 0;

/** What stringEnd saw of the last string literal: a backslash escape, and bytes outside ASCII. */
let escaped = false;
let wide = false;

/** Whether ASCII texts are left undecoded (the caller gave spans), and where the last one valueAt left so starts and ends. */
let spansWanted = false;
let spanStart = 0;
let spanEnd = 0;

/** Index of the first byte at or after `at` that is not JSON white space. */
function skipBlank(at: number): number {
	// Module bindings read in a loop cost more than locals: each loop below takes its own copies.
	const text = bytes;
	const end = limit;
	while (at < end) {
		const code = text[at]!;
		if (code !== Byte.Space && code !== Byte.LineFeed && code !== Byte.Return && code !== Byte.Tab) break;
		at++;
	}

	return at;
}

/** Index just after the string literal starting at `start` (a quote); sets `escaped` and `wide`. */
function stringEnd(start: number): number {
	const text = bytes;
	const end = limit;
	let anyEscape = false;
	let high = 0;
	for (let at = start + 1; at < end; at++) {
		const code = text[at]!;
		high |= code;
		if (code === Byte.Quote) {
			escaped = anyEscape;
			wide = high >= 0x80;
			return at + 1;
		}

		if (code === Byte.Backslash) {
			anyEscape = true;
			at++;
		}
	}

	throw new Unscannable();
}

/** 1 for the bytes that end a number or literal, by byte value. */
const atomEnds = new Uint8Array(256);
for (const code of [Byte.Comma, Byte.CloseBrace, Byte.CloseBracket, Byte.Space, Byte.LineFeed, Byte.Return, Byte.Tab]) atomEnds[code] = 1;

/** Index just after the JSON value starting at `start`, inside containers `depth` deep; objects and arrays are counted through, not recursed into. */
function valueEnd(start: number, depth: number): number {
	const first = bytes[start];
	if (first === Byte.Quote) return stringEnd(start);
	if (first !== Byte.OpenBrace && first !== Byte.OpenBracket) {
		const text = bytes;
		const end = limit;
		let at = start;
		while (at < end && atomEnds[text[at]!] === 0) at++;
		if (at === start) throw new Unscannable();
		return at;
	}

	const text = bytes;
	const end = limit;
	let level = depth;
	for (let at = start; at < end; at++) {
		const code = text[at]!;
		if (code === Byte.Quote) at = stringEnd(at) - 1;
		else if (code === Byte.OpenBrace || code === Byte.OpenBracket) {
			// A value nested too deep to walk is kept as its text (value-text.ts): the slow path knows what that means.
			if (++level > maxValueDepth) throw new Unscannable();
		} else if ((code === Byte.CloseBrace || code === Byte.CloseBracket) && --level === depth) return at + 1;
	}

	throw new Unscannable();
}

/** The text of bytes [start, end) as JSON.parse would have been given it; text needing the replacement character is not followed. */
function decoded(start: number, end: number, ascii: boolean): string {
	const text = bytes.toString(ascii ? 'latin1' : 'utf8', start, end);
	if (!ascii && text.includes(replacement)) throw new Unscannable();
	return text;
}

/** A member name wanted, and its UTF-8 bytes. */
type Name = {text: string; bytes: Uint8Array};

/** Whether the member name at [start, end) (quotes included, as stringEnd last saw it) is `name`, as JSON.parse reads it. */
function nameIs(start: number, end: number, name: Name): boolean {
	if (escaped) return JSON.parse(decoded(start, end, !wide)) === name.text;
	const wanted = name.bytes;
	if (end - start - 2 !== wanted.length) return false;
	for (let index = 0; index < wanted.length; index++) if (bytes[start + 1 + index] !== wanted[index]) return false;
	return true;
}

/** A member whose object is searched while its parent is scanned (the `value` of a recording line): one pass for both. */
type Descend = {name: Name; names: readonly Name[]; found: Int32Array; object: boolean};

/**
 * Into `found`, for each of `names`, where the value of the last member so named starts in the object opening at
 * `start` (`depth` containers deep, itself included), or -1; the same for the object of the last member named
 * `descend.name`, if any. Returns the index just after the object.
 */
function membersAt(start: number, depth: number, names: readonly Name[], found: Int32Array, descend?: Descend): number {
	if (depth > maxValueDepth) throw new Unscannable();
	found.fill(-1);
	let at = skipBlank(start + 1);
	if (bytes[at] === Byte.CloseBrace) return at + 1;
	for (;;) {
		if (bytes[at] !== Byte.Quote) throw new Unscannable();
		const nameEnd = stringEnd(at);
		const colon = skipBlank(nameEnd);
		if (bytes[colon] !== Byte.Colon) throw new Unscannable();
		const value = skipBlank(colon + 1);
		for (let index = 0; index < names.length; index++) if (nameIs(at, nameEnd, names[index]!)) found[index] = value;
		let end: number;
		if (descend && nameIs(at, nameEnd, descend.name)) {
			descend.object = bytes[value] === Byte.OpenBrace;
			end = descend.object ? membersAt(value, depth + 1, descend.names, descend.found) : valueEnd(value, depth);
		} else end = valueEnd(value, depth);
		at = skipBlank(end);
		const next = bytes[at];
		if (next === Byte.CloseBrace) return at + 1;
		if (next !== Byte.Comma) throw new Unscannable();
		at = skipBlank(at + 1);
	}
}

/** No names to find (a parent scanned only to reach the member it holds the value in). */
const noNames: readonly Name[] = [];
const noneFound = new Int32Array(0);

/** Where the one member a look-up needs starts (membersAt with a single name). */
const single = new Int32Array(1);

/**
 * The text of the value at `start` when it is a string holding a JSON object (jsonRecordIn), which look-ups read as
 * that object (fields.ts memberObject); else undefined. Only a string that starts with `{`, an escape or white space
 * is decoded to tell.
 */
function objectTextAt(start: number): string | undefined {
	if (bytes[start] !== Byte.Quote) return undefined;
	const first = bytes[start + 1];
	if (first !== Byte.OpenBrace && first !== Byte.Backslash && first !== Byte.Space && first !== Byte.Tab) return undefined;
	const end = stringEnd(start);
	const text = escaped ? JSON.parse(decoded(start, end, !wide)) as string : decoded(start + 1, end - 1, !wide);
	return jsonRecordIn(text) === undefined ? undefined : text;
}

/** Throws when the value at `start` is a string holding a JSON object (objectTextAt): the caller's parse reads it. */
function refuseObjectText(start: number): void {
	if (objectTextAt(start) !== undefined) throw new Unscannable();
}

/**
 * When the value at `start` is a string holding a JSON object (objectTextAt), that object's text becomes the text
 * being read (until the read ends: readText) and where the object starts in it is returned; else `start`.
 */
function enterObjectText(start: number): number {
	const text = start < 0 ? undefined : objectTextAt(start);
	if (text === undefined) return start;
	bytes = Buffer.from(text, 'utf8');
	limit = bytes.length;
	return skipBlank(0);
}

/** The value of the last member `name` of the value at `start` when that value is an object, else -1. */
function memberOf(start: number, name: Name): number {
	if (start >= 0) refuseObjectText(start);
	if (start < 0 || bytes[start] !== Byte.OpenBrace) return -1;
	// Depth was checked by the pass over the whole text: 1 here keeps it from being counted twice.
	membersAt(start, 1, [name], single);
	return single[0]!;
}

/** The value of element `index` of the value at `start` when that value is an array holding one, else -1. */
function elementOf(start: number, index: number): number {
	if (start < 0 || bytes[start] !== Byte.OpenBracket) return -1;
	let at = skipBlank(start + 1);
	if (bytes[at] === Byte.CloseBracket) return -1;
	for (let element = 0; element < index; element++) {
		// Depth was checked when the text was parsed, as in memberOf.
		at = skipBlank(valueEnd(at, 1));
		if (bytes[at] !== Byte.Comma) return -1;
		at = skipBlank(at + 1);
	}

	return at;
}

/** Powers of ten that a double holds exactly (a decimal with up to 15 digits over one of them rounds as JSON.parse does). */
const exactPowers = Array.from({length: 23}, (_, power) => 10 ** power);

/** The number in bytes [start, end) when it is a plain decimal of up to 15 digits (one rounding: exact), else undefined. */
function plainDecimal(start: number, end: number): number | undefined {
	let at = start;
	const negative = bytes[at] === Byte.Minus;
	if (negative) at++;
	// JSON allows no leading zero before other digits.
	if (bytes[at] === Byte.Zero && at + 1 < end && bytes[at + 1] !== Byte.Dot) return undefined;
	let digits = 0;
	let mantissa = 0;
	let fraction = -1;
	for (; at < end; at++) {
		const code = bytes[at]!;
		if (code >= Byte.Zero && code <= Byte.Nine) {
			mantissa = (mantissa * 10) + code - Byte.Zero;
			digits++;
			if (fraction >= 0) fraction++;
		} else if (code === Byte.Dot && fraction < 0 && digits > 0) fraction = 0;
		else return undefined;
	}

	if (digits === 0 || digits > 15 || fraction === 0) return undefined;
	const value = fraction > 0 ? mantissa / exactPowers[fraction]! : mantissa;
	return negative ? -value : value;
}

/** Whether a JSON number starts with this byte (a minus sign or a digit). */
function startsNumber(first: number | undefined): boolean {
	return first === Byte.Minus || (first !== undefined && first >= Byte.Zero && first <= Byte.Nine);
}

/** The scalar at `start` as JSON.parse reads it, `structured` for an object or array, undefined for null and ''. */
function valueAt(start: number): ScannedField {
	const first = bytes[start];
	if (first === Byte.OpenBrace || first === Byte.OpenBracket) return structured;
	if (first === Byte.Quote) {
		const end = stringEnd(start);
		if (spansWanted && !escaped && !wide && end - start > 2) {
			spanStart = start + 1;
			spanEnd = end - 1;
			return asciiText;
		}

		const value = escaped ? JSON.parse(decoded(start, end, !wide)) as string : decoded(start + 1, end - 1, !wide);
		return value === '' ? undefined : value;
	}

	const end = valueEnd(start, 0);
	const atom = end - start;
	if (startsNumber(first)) return plainDecimal(start, end) ?? JSON.parse(decoded(start, end, true)) as number;
	if (atom === 4 && first === 0x6e && bytes[start + 1] === 0x75 && bytes[start + 2] === 0x6c && bytes[start + 3] === 0x6c) return undefined;
	if (atom === 4 && first === 0x74 && bytes[start + 1] === 0x72 && bytes[start + 2] === 0x75 && bytes[start + 3] === 0x65) return true;
	if (atom === 5 && first === 0x66 && bytes[start + 1] === 0x61 && bytes[start + 2] === 0x6c && bytes[start + 3] === 0x73 && bytes[start + 4] === 0x65) return false;
	throw new Unscannable();
}

/**
 * Walk `path` from its segment `from` down from the value at `start` (where segment from-1 was found). A path that
 * meets an array, on the way or at its end, is left to the whole event (group-by.ts: a group-by refuses it).
 */
function walkFrom(start: number, path: readonly Name[], from: number): ScannedField {
	let at = start;
	for (let segment = from; at >= 0; segment++) {
		if (bytes[at] === Byte.OpenBracket) throw new Unscannable();
		if (segment === path.length) break;
		at = memberOf(at, path[segment]!);
	}

	return at < 0 ? undefined : valueAt(at);
}

/** Where the object at `path` from its segment `from` down from the value at `start` starts, or -1 when no object is there. */
function objectFrom(start: number, path: readonly Name[], from: number): number {
	let at = start;
	for (let segment = from; segment < path.length && at >= 0; segment++) at = memberOf(at, path[segment]!);
	if (at >= 0) refuseObjectText(at);
	return at >= 0 && bytes[at] === Byte.OpenBrace ? at : -1;
}

/** Names that every object answers through its prototype: a path naming one is left to the slow path. */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A name as the scan compares it. */
function nameOf(text: string): Name {
	return {text, bytes: Buffer.from(text, 'utf8')};
}

/** Whether a name's UTF-8 bytes stand for it alone: no lone surrogate (which encodes as the replacement character), no replacement character. */
function comparableAsBytes(name: string): boolean {
	return !name.includes(replacement) && Buffer.from(name, 'utf8').toString('utf8') === name;
}

/**
 * Reads dotted paths (split) out of the UTF-8 JSON text in bytes [start, end): what findPath finds of each, in
 * order, or `unscannable`. Given `spans` (two numbers a path), a text of ASCII characters without escapes is
 * reported as `asciiText`, its bytes at spans[2i] to spans[2i + 1], not decoded.
 */
export type PathsScanner = (text: Buffer, start: number, end: number, member: string | undefined, spans?: Int32Array) => readonly ScannedField[] | typeof unscannable;

/**
 * A scanner for `paths` with `containers` as in the configuration (fields.containers), or undefined when a path or
 * a container names something every object inherits (`constructor`), whose answer JSON.parse's objects give too,
 * or a name whose bytes could stand for another.
 */
export function pathsScanner(paths: ReadonlyArray<readonly string[]>, containers: readonly string[]): PathsScanner | undefined {
	const places = containers.map(container => containerPaths(container));
	const all = [...paths.flat(), ...paths.map(path => path.join('.')), ...places.flat(2)];
	if (all.some(name => inherited.has(name) || !comparableAsBytes(name))) return undefined;
	const walks = paths.map(path => path.map(segment => nameOf(segment)));
	const alternatives = places.map(place => place.map(path => path.map(segment => nameOf(segment))));
	// One pass over the top level finds every path's first segment and the first segment of every container's alternatives.
	const topNames = [...walks.map(path => path[0]!), ...alternatives.flat().map(path => path[0]!)];
	const top = new Int32Array(topNames.length);
	// Where each container's object starts in one scan, -1 when none of its alternatives holds one.
	const inners = new Int32Array(containers.length);
	const found: ScannedField[] = paths.map(() => undefined);
	const members = new Map<string, Descend>();
	const scan = (from: number, member: string | undefined, spans: Int32Array | undefined): readonly ScannedField[] => {
		found.fill(undefined);
		const start = skipBlank(from);
		let end: number;
		if (bytes[start] !== Byte.OpenBrace) end = valueEnd(start, 0);
		else if (member === undefined) end = membersAt(start, 1, topNames, top);
		else {
			let wrapper = members.get(member);
			if (!wrapper) members.set(member, wrapper = {name: nameOf(member), names: topNames, found: top, object: false});
			wrapper.object = false;
			end = membersAt(start, 1, noNames, noneFound, wrapper);
			if (!wrapper.object) top.fill(-1);
		}

		// Only white space may follow the value, as JSON.parse requires.
		if (skipBlank(end) !== limit) throw new Unscannable();
		if (bytes[start] !== Byte.OpenBrace) return found;
		let slot = walks.length;
		for (let container = 0; container < alternatives.length; container++) {
			let inner = -1;
			for (const path of alternatives[container]!) {
				if (inner < 0) inner = objectFrom(top[slot]!, path, 1);
				slot++;
			}

			inners[container] = inner;
		}

		for (let index = 0; index < walks.length; index++) {
			const path = walks[index]!;
			let value = walkFrom(top[index]!, path, 1);
			for (let container = 0; value === undefined && container < inners.length; container++) {
				const inner = inners[container]!;
				if (inner >= 0) value = walkFrom(memberOf(inner, path[0]!), path, 1);
			}

			found[index] = value;
			if (value === asciiText && spans) {
				spans[2 * index] = spanStart;
				spans[(2 * index) + 1] = spanEnd;
			}
		}

		return found;
	};

	return (text, start, end, member, spans) => {
		bytes = text;
		limit = end;
		spansWanted = spans !== undefined;
		try {
			return scan(start, member, spans);
		} catch (error) {
			if (error instanceof Unscannable || error instanceof SyntaxError) return unscannable;
			throw error;
		} finally {
			bytes = noBytes;
		}
	};
}

/** What the scan points at between scans (the caller's buffer is not kept). */
const noBytes = Buffer.alloc(0);

/**
 * Where the value at `path` (each name segment the last member so named, each number an array's element) starts in
 * the text being read, inside its member `member` when given; -1 when nothing is there. A member on the way that is
 * a string holding a JSON object (a CloudEvent's `data` sent as text) is read as that object, as look-ups read it:
 * the text being read is then its text.
 */
function valueStart(member: string | undefined, path: ReadonlyArray<string | number>): number {
	let at = skipBlank(0);
	for (const segment of member === undefined ? path : [member, ...path]) at = typeof segment === 'number' ? elementOf(at, segment) : memberOf(enterObjectText(at), nameOf(segment));
	return at;
}

/** `read` run over the whole UTF-8 JSON `text`, or `none` when the text is not followed. */
function readText<T>(text: Buffer, read: () => T, none: T): T {
	bytes = text;
	limit = text.length;
	spansWanted = false;
	try {
		return read();
	} catch (error) {
		if (error instanceof Unscannable || error instanceof SyntaxError) return none;
		throw error;
	} finally {
		bytes = noBytes;
	}
}

/**
 * The text of the number literal at `path` (valueStart) in the UTF-8 JSON text, inside its member `member` when given
 * (a recording line's `value`); undefined when the value there is not a number or the text is not followed.
 */
export function numberLiteralAt(text: Buffer, member: string | undefined, path: ReadonlyArray<string | number>): string | undefined {
	return readText(text, () => {
		const at = valueStart(member, path);
		return at < 0 || !startsNumber(bytes[at]) ? undefined : bytes.toString('latin1', at, valueEnd(at, 0));
	}, undefined);
}

/** Whether the value at `path` (valueStart) in the UTF-8 JSON text, inside `member` when given, is an object or a string holding one. */
export function isObjectAt(text: Buffer, member: string | undefined, path: readonly string[]): boolean {
	return readText(text, () => bytes[enterObjectText(valueStart(member, path))] === Byte.OpenBrace, false);
}
