// One field of a value read straight from its JSON text, as findPath (fields.ts) finds it in what JSON.parse makes
// of the text: the top level, then each container, the last of repeated names; values are skipped, not built.
// Text this scan does not follow to the letter gives `unscannable`, and the caller parses it instead.
import {maxValueDepth, nestsDeeperThan} from './json-text.js';

/** What the scan found: a scalar, `structured` for an object or array, undefined when absent (missing, null or ''). */
export type ScannedField = string | number | boolean | typeof structured | undefined;

/** An object or array was found: present, but neither a text nor a number. */
export const structured = Symbol('structured');

/** The text holds something the scan does not read the way JSON.parse does: parse it instead. */
export const unscannable = Symbol('unscannable');

/** A failed step inside the scan (caught at its top, never escapes). */
class Unscannable extends Error {}

/** The character codes the scan looks at. */
const enum Char { Tab = 9, LineFeed = 10, Return = 13, Space = 32, Quote = 34, Comma = 44, Minus = 45, Zero = 48, Nine = 57, Colon = 58, OpenBracket = 91, Backslash = 92, CloseBracket = 93, OpenBrace = 123, CloseBrace = 125 }

/** Index of the first character at or after `at` that is not JSON white space. */
function skipBlank(text: string, at: number): number {
	while (at < text.length) {
		const code = text.charCodeAt(at);
		if (code !== Char.Space && code !== Char.LineFeed && code !== Char.Return && code !== Char.Tab) break;
		at++;
	}

	return at;
}

/** Index just after the string literal starting at `start` (a quote): the next quote not escaped. */
function stringEnd(text: string, start: number): number {
	for (let at = start + 1; ;) {
		const quote = text.indexOf('"', at);
		if (quote === -1) throw new Unscannable();
		let before = quote - 1;
		while (text.charCodeAt(before) === Char.Backslash) before--;
		if ((quote - 1 - before) % 2 === 0) return quote + 1;
		at = quote + 1;
	}
}

/** Whether a character ends a number or literal. */
function endsAtom(code: number): boolean {
	return code === Char.Comma || code === Char.CloseBrace || code === Char.CloseBracket || code === Char.Space || code === Char.LineFeed || code === Char.Return || code === Char.Tab;
}

/** Index just after the JSON value starting at `start`; objects and arrays are counted through, not recursed into. */
function valueEnd(text: string, start: number): number {
	const first = text.charCodeAt(start);
	if (first === Char.Quote) return stringEnd(text, start);
	if (first !== Char.OpenBrace && first !== Char.OpenBracket) {
		let at = start;
		while (at < text.length && !endsAtom(text.charCodeAt(at))) at++;
		if (at === start) throw new Unscannable();
		return at;
	}

	let depth = 0;
	for (let at = start; at < text.length; at++) {
		const code = text.charCodeAt(at);
		if (code === Char.Quote) at = stringEnd(text, at) - 1;
		else if (code === Char.OpenBrace || code === Char.OpenBracket) depth++;
		else if ((code === Char.CloseBrace || code === Char.CloseBracket) && --depth === 0) return at + 1;
	}

	throw new Unscannable();
}

/** Whether the member name at [start, end) (quotes included) is `name`, as JSON.parse reads it (`escaped`: it holds a backslash). */
function nameIs(text: string, start: number, end: number, escaped: boolean, name: string): boolean {
	if (escaped) return JSON.parse(text.slice(start, end)) === name;
	return end - start - 2 === name.length && text.startsWith(name, start + 1);
}

/** A member whose object is searched while its parent is scanned (the `value` of a recording line): one pass for both. */
type Descend = {name: string; names: readonly string[]; found: Int32Array; object: boolean};

/**
 * Into `found`, for each of `names`, where the value of the last member so named starts in the object opening at
 * `start`, or -1; the same for the object of the last member named `descend.name`, if any. Returns the index just
 * after the object.
 */
function membersAt(text: string, start: number, names: readonly string[], found: Int32Array, descend?: Descend): number {
	found.fill(-1);
	let at = skipBlank(text, start + 1);
	if (text.charCodeAt(at) === Char.CloseBrace) return at + 1;
	for (;;) {
		if (text.charCodeAt(at) !== Char.Quote) throw new Unscannable();
		const nameEnd = stringEnd(text, at);
		const colon = skipBlank(text, nameEnd);
		if (text.charCodeAt(colon) !== Char.Colon) throw new Unscannable();
		const value = skipBlank(text, colon + 1);
		let escaped = false;
		for (let index = at + 1; index < nameEnd - 1 && !escaped; index++) escaped = text.charCodeAt(index) === Char.Backslash;
		for (let index = 0; index < names.length; index++) if (nameIs(text, at, nameEnd, escaped, names[index]!)) found[index] = value;
		let end: number;
		if (descend && nameIs(text, at, nameEnd, escaped, descend.name)) {
			descend.object = text.charCodeAt(value) === Char.OpenBrace;
			end = descend.object ? membersAt(text, value, descend.names, descend.found) : valueEnd(text, value);
		} else end = valueEnd(text, value);
		at = skipBlank(text, end);
		const next = text.charCodeAt(at);
		if (next === Char.CloseBrace) return at + 1;
		if (next !== Char.Comma) throw new Unscannable();
		at = skipBlank(text, at + 1);
	}
}

/** No names to find (a parent scanned only to reach the member it holds the value in). */
const noNames: readonly string[] = [];
const noneFound = new Int32Array(0);

/** Where the one member a look-up needs starts (membersAt with a single name). */
const single = new Int32Array(1);

/** The value of the last member `name` of the value at `start` when that value is an object, else -1. */
function memberOf(text: string, start: number, name: string): number {
	if (start < 0 || text.charCodeAt(start) !== Char.OpenBrace) return -1;
	membersAt(text, start, [name], single);
	return single[0]!;
}

/** The scalar at `start` as JSON.parse reads it, `structured` for an object or array, undefined for null and ''. */
function valueAt(text: string, start: number): ScannedField {
	const first = text.charCodeAt(start);
	if (first === Char.OpenBrace || first === Char.OpenBracket) return structured;
	if (first === Char.Quote) {
		const end = stringEnd(text, start);
		const inner = text.slice(start + 1, end - 1);
		const value = inner.includes('\\') ? JSON.parse(text.slice(start, end)) as string : inner;
		return value === '' ? undefined : value;
	}

	const atom = text.slice(start, valueEnd(text, start));
	if (atom === 'null') return undefined;
	if (atom === 'true') return true;
	if (atom === 'false') return false;
	if (first === Char.Minus || (first >= Char.Zero && first <= Char.Nine)) return JSON.parse(atom) as number;
	throw new Unscannable();
}

/** Walk `path` from its segment `from` down from the value at `start` (where segment from-1 was found). */
function walkFrom(text: string, start: number, path: readonly string[], from: number): ScannedField {
	let at = start;
	for (let segment = from; segment < path.length && at >= 0; segment++) at = memberOf(text, at, path[segment]!);
	return at < 0 ? undefined : valueAt(text, at);
}

/** Names that every object answers through its prototype: a path naming one is left to the slow path. */
const inherited = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Reads dotted paths (split) out of value texts: what findPath finds of each, in order, or `unscannable`. */
export type PathsScanner = (text: string, member: string | undefined) => readonly ScannedField[] | typeof unscannable;

/**
 * A scanner for `paths` with `containers` as in the configuration (fields.containers), or undefined when a path or
 * a container names something every object inherits (`constructor`): JSON.parse's objects answer those too.
 */
export function pathsScanner(paths: ReadonlyArray<readonly string[]>, containers: readonly string[]): PathsScanner | undefined {
	if ([...paths.flat(), ...paths.map(path => path.join('.')), ...containers].some(name => inherited.has(name))) return undefined;
	// One pass over the top level finds every path's first segment and every container.
	const topNames = [...paths.map(path => path[0]!), ...containers];
	const top = new Int32Array(topNames.length);
	const found: ScannedField[] = paths.map(() => undefined);
	const scan = (text: string, member: string | undefined): readonly ScannedField[] => {
		found.fill(undefined);
		const start = skipBlank(text, 0);
		if (text.charCodeAt(start) !== Char.OpenBrace) return found;
		if (member === undefined) membersAt(text, start, topNames, top);
		else {
			const wrapper: Descend = {name: member, names: topNames, found: top, object: false};
			membersAt(text, start, noNames, noneFound, wrapper);
			if (!wrapper.object) return found;
		}

		for (const [index, path] of paths.entries()) {
			found[index] = walkFrom(text, top[index]!, path, 1);
			for (let container = paths.length; found[index] === undefined && container < topNames.length; container++) {
				const inner = top[container]!;
				if (inner >= 0 && text.charCodeAt(inner) === Char.OpenBrace) found[index] = walkFrom(text, memberOf(text, inner, path[0]!), path, 1);
			}
		}

		return found;
	};

	return (text, member) => {
		// A value nested too deep to walk is kept as its text (value-text.ts): the slow path knows what that means.
		if (nestsDeeperThan(text, maxValueDepth)) return unscannable;
		try {
			return scan(text, member);
		} catch (error) {
			if (error instanceof Unscannable || error instanceof SyntaxError) return unscannable;
			throw error;
		}
	};
}
