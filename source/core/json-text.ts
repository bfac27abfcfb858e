// Scans of JSON text that never recurse: how deep it nests, and the original text of an object's members. A JSON
// parser accepts any depth, so everything after it must too; these let a value too deep to walk be kept as text.

/** Values nesting deeper than this are kept as their JSON text instead of being walked (hashed, encoded, printed). */
export const maxValueDepth = 64;

/** The character codes the scans look for (tsc inlines each use). */
const enum Char { Quote = 34, Comma = 44, Colon = 58, OpenBracket = 91, Backslash = 92, CloseBracket = 93, OpenBrace = 123, CloseBrace = 125 }

/** Whether `text` holds at least `count` characters that open an object or an array (a cheap upper bound on depth). */
function hasOpeners(text: string, count: number): boolean {
	let found = 0;
	for (let at = text.indexOf('{'); at !== -1; at = text.indexOf('{', at + 1)) if (++found >= count) return true;
	for (let at = text.indexOf('['); at !== -1; at = text.indexOf('[', at + 1)) if (++found >= count) return true;
	return false;
}

/** Index just after the string literal that starts at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === Char.Backslash) i++;
		else if (code === Char.Quote) return i + 1;
	}

	return text.length;
}

/** Whether the JSON text nests objects and arrays more than `limit` levels deep. */
export function nestsDeeperThan(text: string, limit: number): boolean {
	// Almost every event has a handful of brackets: counting them is far cheaper than scanning for depth.
	if (!hasOpeners(text, limit + 1)) return false;
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === Char.Quote) i = stringEnd(text, i) - 1;
		else if (code === Char.OpenBrace || code === Char.OpenBracket) {
			if (++depth > limit) return true;
		} else if (code === Char.CloseBrace || code === Char.CloseBracket) depth--;
	}

	return false;
}

/** Index of the first character at or after `i` that is not JSON white space. */
function skipBlank(text: string, i: number): number {
	while (i < text.length && text.charCodeAt(i) <= 32) i++;
	return i;
}

/** Index just after the JSON value that starts at `start`, nested ones counted, not recursed into. */
function valueEnd(text: string, start: number): number {
	const first = text.charCodeAt(start);
	if (first === Char.Quote) return stringEnd(text, start);
	if (first !== Char.OpenBrace && first !== Char.OpenBracket) {
		let i = start;
		while (i < text.length) {
			const code = text.charCodeAt(i);
			if (code === Char.Comma || code === Char.CloseBrace || code === Char.CloseBracket || code <= 32) break;
			i++;
		}

		return i;
	}

	let depth = 0;
	for (let i = start; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === Char.Quote) i = stringEnd(text, i) - 1;
		else if (code === Char.OpenBrace || code === Char.OpenBracket) depth++;
		else if ((code === Char.CloseBrace || code === Char.CloseBracket) && --depth === 0) return i + 1;
	}

	return text.length;
}

/** Each member of the JSON object text `text` (valid JSON, as a parser accepted it): its name and its value's exact text. */
export function objectMembers(text: string): Array<[name: string, text: string]> {
	const members: Array<[string, string]> = [];
	let i = skipBlank(text, 0);
	if (text.charCodeAt(i) !== Char.OpenBrace) return members;
	i = skipBlank(text, i + 1);
	while (i < text.length && text.charCodeAt(i) === Char.Quote) {
		const nameEnd = stringEnd(text, i);
		const raw = text.slice(i + 1, nameEnd - 1);
		// A name with escapes (`"val\u0075e"`) means what the parser made of it; a flat string cannot nest.
		const name = raw.includes('\\') ? JSON.parse(text.slice(i, nameEnd)) as string : raw;
		i = skipBlank(text, nameEnd);
		if (text.charCodeAt(i) !== Char.Colon) break;
		const start = skipBlank(text, i + 1);
		const end = valueEnd(text, start);
		members.push([name, text.slice(start, end)]);
		i = skipBlank(text, end);
		if (text.charCodeAt(i) !== Char.Comma) break;
		i = skipBlank(text, i + 1);
	}

	return members;
}

/** The exact text of member `name` of a JSON object text; the last one when it is repeated, as JSON.parse keeps. */
export function memberText(text: string, name: string): string | undefined {
	let found: string | undefined;
	for (const [member, value] of objectMembers(text)) if (member === name) found = value;
	return found;
}
