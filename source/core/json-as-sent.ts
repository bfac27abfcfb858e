// An event's value as JSON text with its numbers as they were sent: JSON.stringify can only write the double
// JSON.parse made, which for an integer beyond 2^53 may not be the number sent (exact-integer.ts).
import type {Envelope} from './envelope.js';
import {exactInteger, isInexactInteger, parsedFrom} from './exact-integer.js';
import {prettyJson, RawJson, type JsonPath, type NumberText} from './pretty-json.js';

/**
 * Sixteen digits, a decimal point allowed among them: a number literal JSON.parse can round holds that many
 * significant digits, so a value text without such a run is written by JSON.stringify, at its speed.
 */
const roundable = /(?:\d\.?){16}/;

/**
 * How the numbers of an event's value are written: as sent, an integer JSON.parse rounded read again from the
 * value's text; undefined when its text holds no number JSON.parse could have rounded (JSON.stringify writes it).
 */
export function sentNumbers(event: Pick<Envelope, 'valueEncoding' | 'valueText'>): NumberText | undefined {
	const text = parsedFrom(event);
	if (text === undefined || !roundable.test(text.text)) return undefined;
	return (value, path) => (isInexactInteger(value) ? exactInteger(text, path) : undefined) ?? String(value);
}

/** `numbers` (sentNumbers) for a value placed at `at` in a larger document; numbers elsewhere as String writes them. */
export function numbersAt(at: JsonPath, numbers: NumberText | undefined): NumberText {
	if (!numbers) return String;
	return (value, path) => (at.every((part, index) => path[index] === part) ? numbers(value, path.slice(at.length)) : String(value));
}

/**
 * The event's value as one line of JSON (a text value as it is), its numbers as sent; through `mask` (a
 * personalDataMask) first when given, integers beyond 2^53 keeping their digits.
 */
export function valueJson(event: Pick<Envelope, 'value' | 'valueEncoding' | 'valueText'>, mask?: (value: unknown) => unknown): string {
	if (typeof event.value === 'string') return mask ? String(mask(event.value)) : event.value;
	if (mask) {
		const {value} = event;
		const sent = value !== null && typeof value === 'object' && !Array.isArray(value) ? membersAsSent(event, value as Record<string, unknown>, []) : value;
		return prettyJson(mask(sent), '', String) ?? '';
	}

	const numbers = sentNumbers(event);
	return (numbers ? prettyJson(event.value, '', numbers) : JSON.stringify(event.value)) ?? '';
}

/** Whether a parsed JSON value holds an integer JSON.parse rounded, at any depth. */
function holdsInexactInteger(value: unknown): boolean {
	if (isInexactInteger(value)) return true;
	if (value === null || typeof value !== 'object') return false;
	for (const item of Array.isArray(value) ? value : Object.values(value)) if (holdsInexactInteger(item)) return true;
	return false;
}

/**
 * The members of `object` (found at `base` in the event's value) as they are, except those holding an integer
 * JSON.parse rounded: those as their JSON text with the digits the event sent (RawJson), for what prints them.
 */
export function membersAsSent(event: Pick<Envelope, 'valueEncoding' | 'valueText'>, object: Record<string, unknown>, base: JsonPath): Record<string, unknown> {
	const numbers = sentNumbers(event);
	if (!numbers) return object;
	const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
	for (const [key, value] of Object.entries(object)) {
		copy[key] = holdsInexactInteger(value) ? new RawJson(prettyJson(value, '', (number, path) => numbers(number, [...base, key, ...path]))!) : value;
	}

	return copy;
}
