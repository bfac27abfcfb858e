// What a publisher sends for an event: the bytes its key, headers and value stand for (recording-format.md "Values").
import type {FieldConfig} from '../config.js';
import type {EventHeaders, RawEvent} from '../envelope.js';
import {ownValueText} from '../value-text.js';
import {messageKey} from './message-key.js';
import {framedBytes, framedKeyBytes} from './schema-registry-frame.js';

/** One header value as a client sends it: bytes, text, or null for a header without a value. */
export type HeaderWire = Buffer | string | null;

/** The bytes a text stands for: base64 decoded when `encoding` says so, else the text itself. */
export function encodedBytes(text: string, encoding: string | undefined): Buffer | string {
	return encoding === 'base64' ? Buffer.from(text, 'base64') : text;
}

/** The key a message carries: a framed key as it came, a base64 key (keyEncoding) as its bytes, else messageKey's choice. */
export function wireKey(event: RawEvent, fields: Pick<FieldConfig, 'ids' | 'customer' | 'containers'>): Buffer | string | undefined {
	return event.key ? framedKeyBytes(event) ?? encodedBytes(event.key, event.keyEncoding) : messageKey(event, fields);
}

/** An event's headers as sent: the values of a header named in headersEncoding as their bytes, null kept. */
export function wireHeaders(headers: EventHeaders | undefined, encoding: Record<string, 'base64'> | undefined): Record<string, HeaderWire | HeaderWire[]> | undefined {
	if (headers === undefined || encoding === undefined) return headers;
	const bytes = (value: string | null): HeaderWire => (value === null ? null : encodedBytes(value, 'base64'));
	// fromEntries defines own properties: a header named `__proto__` stays a header.
	return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, !Object.hasOwn(encoding, name) ? value : Array.isArray(value) ? value.map(bytes) : bytes(value)]));
}

/** A message value: framed as it came (Schema Registry wire format), base64 as its bytes, text as it is, anything else as its JSON (jsonText). */
export function wireValue(event: Pick<RawEvent, 'value' | 'valueEncoding' | 'valueText' | 'schemaId'>): Buffer | string {
	const framed = framedBytes(event);
	if (framed) return framed;
	const {value, valueEncoding} = event;
	if (typeof value === 'string' && (valueEncoding === 'base64' || valueEncoding === 'text')) return encodedBytes(value, valueEncoding);
	return jsonText(event);
}

/**
 * A JSON value's text: exactly as it was read (valueText: `146.0` stays `146.0`, a 20-digit integer keeps its
 * digits), else, for a value built in memory, as JSON.stringify writes it.
 */
export function jsonText(event: Pick<RawEvent, 'value' | 'valueText'>): string {
	const written = event.valueText && ownValueText(event.valueText);
	return written ?? JSON.stringify(event.value);
}
