// The original JSON text of a value, and what becomes of a value nesting too deep to walk.
import type {Envelope, ValueEncoding, ValueText} from './envelope.js';
import {maxValueDepth, memberText, nestsDeeperThan} from './json-text.js';

/** The exact text the value was parsed from: the whole text, or its `value` member's. */
export function ownValueText(valueText: ValueText): string | undefined {
	return valueText.member ? memberText(valueText.text, valueText.member) : valueText.text;
}

/**
 * The value's own text when it nests deeper than maxValueDepth, else undefined. Such a value is kept as that text
 * (lossless, stored, counted, recorded), because hashing, encoding or printing it would overflow the stack.
 */
export function deepValueText(valueText: ValueText | undefined): string | undefined {
	// The whole text nests at least as deep as any member of it: most texts stop at this first check.
	if (!valueText || !nestsDeeperThan(valueText.text, maxValueDepth)) return undefined;
	const own = ownValueText(valueText);
	return own !== undefined && nestsDeeperThan(own, maxValueDepth) ? own : undefined;
}

const lineBreak = /[\n\r]/;

/** Whether text holds a line break, which a recording line cannot (JSON text spread over lines is written as a string). */
export function spansLines(text: string): boolean {
	return lineBreak.test(text);
}

// First characters JSON text can start with (after white space); anything else is plain text, without a throw.
const jsonStart = new Set('{["-0123456789tfn'.split('').map(char => char.charCodeAt(0)));

/** The code of the first character of `text` that is not white space (NaN when there is none). */
function firstCode(text: string): number {
	let first = 0;
	while (first < text.length && text.charCodeAt(first) <= 32) first++;
	return text.charCodeAt(first);
}

/** Whether a string can hold a JSON object: its first character after white space is `{` (no parse, no allocation). */
export function startsAsObject(text: string): boolean {
	return firstCode(text) === 123;
}

/** JSON.parse of text that may not be JSON: undefined instead of a throw. */
function parsedOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The JSON a text holds (any JSON value), or undefined when it holds none. */
export function jsonValueIn(text: string): unknown {
	return jsonStart.has(firstCode(text)) ? parsedOrUndefined(text) : undefined;
}

/**
 * The JSON object or array a string holds when it nests at most `room` levels deep; undefined for any other string
 * (text that is not JSON, a scalar, JSON too deep to walk). A Redis field holding an event is read so, and so is a
 * JSON string value holding one (a payload its producer encoded twice, a connector's string converter).
 */
export function jsonObjectIn(text: string, room = maxValueDepth): object | undefined {
	const code = firstCode(text);
	if ((code !== 123 && code !== 91) || nestsDeeperThan(text, room)) return undefined;
	return parsedOrUndefined(text) as object | undefined;
}

/** The JSON text a `json-string` value was parsed from: the string the message sent, not the string's own JSON. */
export function encodedJsonText(event: Pick<Envelope, 'valueText'>): ValueText | undefined {
	const own = event.valueText && ownValueText(event.valueText);
	const text = own === undefined ? undefined : JSON.parse(own) as unknown;
	return typeof text === 'string' ? {text} : undefined;
}

/** Whether a value of this encoding is the JSON its valueText holds: plain JSON, or JSON in the Schema Registry wire format. */
export function isJsonText(encoding: ValueEncoding | undefined): boolean {
	return encoding === 'json' || encoding === 'schema-registry-json';
}
