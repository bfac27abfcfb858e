// An event as the JSON the Messages pane and the transaction view show and the `c` key copies.
import type {Envelope} from '../core/envelope.js';
import {exactInteger, isInexactInteger} from '../core/exact-integer.js';
import {prettyJson, type NumberText} from './pretty-json.js';

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString());

/** The fields an engineer reads: where it came from, what it is, its ids and times, then the payload. */
export function eventRecord(event: Envelope): Record<string, unknown> {
	return {
		topic: event.topic,
		partition: event.partition,
		offset: event.offset,
		key: event.key,
		keyEncoding: event.keyEncoding,
		type: event.type,
		status: event.status,
		ids: event.ids,
		timestamp: iso(event.timestamp),
		receivedAt: iso(event.receivedAt),
		deliveryMs: event.deliveryMs,
		duplicate: event.duplicate || undefined,
		headers: Object.keys(event.headers).length > 0 ? event.headers : undefined,
		headersEncoding: event.headersEncoding,
		valueEncoding: event.valueEncoding === 'json' ? undefined : event.valueEncoding,
		value: event.value,
	};
}

/**
 * Sixteen digits, a decimal point allowed among them: a number literal JSON.parse can round holds that many
 * significant digits, so a value text without such a run is written by JSON.stringify, at its speed.
 */
const roundable = /(?:\d\.?){16}/;

/**
 * How the numbers of an event's value are written: as sent, an integer JSON.parse rounded read again from the
 * value's text; undefined when its text holds no number JSON.parse could have rounded.
 */
function sentNumbers(event: Envelope): NumberText | undefined {
	const text = event.valueEncoding === 'json' ? event.valueText : undefined;
	if (text === undefined || !roundable.test(text.text)) return undefined;
	return (value, path) => (isInexactInteger(value) ? exactInteger(text, path) : undefined) ?? String(value);
}

/** The event as pretty JSON text (not yet sanitized: the line that prints it does that), its value's numbers as sent. */
export function eventJson(event: Envelope): string {
	const numbers = sentNumbers(event);
	const record = eventRecord(event);
	if (!numbers) return JSON.stringify(record, null, 2);
	return prettyJson(record, '  ', (value, path) => (path[0] === 'value' ? numbers(value, path.slice(1)) : String(value)))!;
}

/** The event's value as one line of JSON (a text value as it is), its numbers as sent. */
export function valueLine(event: Envelope): string {
	if (typeof event.value === 'string') return event.value;
	const numbers = sentNumbers(event);
	return (numbers ? prettyJson(event.value, '', numbers) : JSON.stringify(event.value)) ?? '';
}
