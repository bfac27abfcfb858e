// An event's value as JSON text with its numbers as they were sent: JSON.stringify can only write the double
// JSON.parse made, which for an integer beyond 2^53 may not be the number sent (exact-integer.ts).
import type {Envelope} from './envelope.js';
import {exactInteger, isInexactInteger} from './exact-integer.js';
import {prettyJson, type NumberText} from './pretty-json.js';

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
	const text = event.valueEncoding === 'json' ? event.valueText : undefined;
	if (text === undefined || !roundable.test(text.text)) return undefined;
	return (value, path) => (isInexactInteger(value) ? exactInteger(text, path) : undefined) ?? String(value);
}

/** The event's value as one line of JSON (a text value as it is), its numbers as sent. */
export function valueJson(event: Pick<Envelope, 'value' | 'valueEncoding' | 'valueText'>): string {
	if (typeof event.value === 'string') return event.value;
	const numbers = sentNumbers(event);
	return (numbers ? prettyJson(event.value, '', numbers) : JSON.stringify(event.value)) ?? '';
}
