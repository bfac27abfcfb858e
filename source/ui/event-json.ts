// An event as the JSON the Messages pane and the transaction view show and the `c` key copies.
import type {Envelope} from '../core/envelope.js';
import {numbersAt, sentNumbers} from '../core/json-as-sent.js';
import {prettyJson} from '../core/pretty-json.js';

const iso = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString());

/** The fields an engineer reads: where it came from, what it is, its ids and times, then the payload. */
export function eventRecord(event: Envelope): Record<string, unknown> {
	return {
		topic: event.topic,
		partition: event.partition,
		offset: event.offset,
		key: event.key,
		keyEncoding: event.keyEncoding,
		keySchemaId: event.keySchemaId,
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
		schemaId: event.schemaId,
		value: event.value,
	};
}

/** The event as pretty JSON text (not yet sanitized: the line that prints it does that), its value's numbers as sent. */
export function eventJson(event: Envelope): string {
	const numbers = sentNumbers(event);
	const record = eventRecord(event);
	if (!numbers) return JSON.stringify(record, null, 2);
	return prettyJson(record, '  ', numbersAt(['value'], numbers))!;
}
