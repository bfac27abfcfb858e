// How an event is stored: its fields as a fixed-order array, so msgpack writes no field names (about 120 bytes
// less per event than a map, and faster both ways). Append new fields at the end to stay readable; record-writer.ts
// writes the same fields in the same order (its test compares the two).
import type {Envelope, EventHeaders, EventStatus, KeyEncoding, ValueEncoding, ValueText} from '../envelope.js';
import {deepValueText, jsonObjectIn} from '../value-text.js';

/** An event as stored in the `events` sub-database (seq is the key). */
export type EventRecord = [
	source: string,
	topic: string | undefined,
	partition: number | undefined,
	offset: string | undefined,
	key: string | undefined,
	headers: EventHeaders,
	/** Null when the value is kept as its JSON text (the last two fields). */
	value: unknown,
	valueEncoding: ValueEncoding,
	timestamp: number | undefined,
	receivedAt: number,
	deliveryMs: number | undefined,
	type: string,
	ids: string[],
	status: EventStatus,
	eventId: string,
	duplicate: boolean,
	txId: number,
	valueText?: string,
	valueMember?: 'value',
	keyEncoding?: KeyEncoding,
	headersEncoding?: Record<string, 'base64'>,
	/** Where a live message came from (Envelope.origin): part of its read-twice key, which retention removes. */
	origin?: string,
	/** The Schema Registry schema id of a value in its wire format (Envelope.schemaId). */
	schemaId?: number,
	/** The same of a key (Envelope.keySchemaId). */
	keySchemaId?: number,
];

/** What retention needs of a stored event: where its index entries are. */
export type StoredEventKeys = Pick<Envelope, 'seq' | 'source' | 'topic' | 'partition' | 'offset' | 'origin' | 'timestamp' | 'receivedAt' | 'txId'>;

/**
 * The stored form of an event. A value parsed from JSON text is stored as that text: copying a string costs a
 * fraction of encoding the object again (ingest's hottest step), and reading it back parses the same text.
 */
export function toRecord(event: Envelope): EventRecord {
	const text = event.valueText;
	// One literal per form: pushing the text fields afterwards would copy the array (~250 B of garbage per event).
	const record: EventRecord = text
		? [
			event.source, event.topic, event.partition, event.offset, event.key, event.headers, null, event.valueEncoding,
			event.timestamp, event.receivedAt, event.deliveryMs, event.type, event.ids, event.status, event.eventId,
			event.duplicate, event.txId, text.text, text.member,
		]
		: [
			event.source, event.topic, event.partition, event.offset, event.key, event.headers, event.value, event.valueEncoding,
			event.timestamp, event.receivedAt, event.deliveryMs, event.type, event.ids, event.status, event.eventId,
			event.duplicate, event.txId,
		];
	// Binary keys and header values are rare, and live messages are written by record-writer.ts: these pay for the copy.
	if (event.keyEncoding === undefined && event.headersEncoding === undefined && event.origin === undefined && event.schemaId === undefined) return record;
	const full = record.slice() as EventRecord;
	full[19] = event.keyEncoding;
	full[20] = event.headersEncoding;
	// Fields are positional: one set leaves those before it present (undefined), none after it.
	const framed = event.schemaId !== undefined || event.keySchemaId !== undefined;
	if (event.origin !== undefined || framed) full[21] = event.origin;
	if (framed) full[22] = event.schemaId;
	if (event.keySchemaId !== undefined) full[23] = event.keySchemaId;
	return full;
}

/** The value a record holds. */
function valueOf(record: EventRecord): {value: unknown; valueText?: ValueText; deep?: true} {
	const text = record[17];
	if (text === undefined) return {value: record[6]};
	const member = record[18];
	const valueText: ValueText = member ? {text, member} : {text};
	// A store written before values were bounded may hold one too deep to walk: it is read back as its text.
	const deep = deepValueText(valueText);
	if (deep !== undefined) return {value: deep, deep: true};
	const parsed = JSON.parse(text) as unknown;
	return {value: member ? (parsed as Record<string, unknown>)[member] : parsed, valueText};
}

/** The event a record holds (optional fields that were absent stay absent). */
export function fromRecord(seq: number, record: EventRecord): Envelope {
	const [source, topic, partition, offset, key, headers, , valueEncoding, timestamp, receivedAt, deliveryMs, type, ids, status, eventId, duplicate, txId] = record;
	const {value, valueText, deep} = valueOf(record);
	// A JSON string holding JSON is stored as the string sent; its reader gets the JSON, as the normalizer did.
	const encoded = valueEncoding === 'json-string' && typeof value === 'string' ? jsonObjectIn(value) : undefined;
	const event: Envelope = {source, key, headers, value: encoded ?? value, valueEncoding: deep ? 'json-deep' : valueEncoding, receivedAt, type, ids, status, eventId, seq, duplicate, txId};
	if (valueText) event.valueText = valueText;
	if (record[19] !== undefined) event.keyEncoding = record[19];
	if (record[20] !== undefined) event.headersEncoding = record[20];
	if (record[21] !== undefined) event.origin = record[21];
	if (record[22] !== undefined) event.schemaId = record[22];
	if (record[23] !== undefined) event.keySchemaId = record[23];
	if (topic !== undefined) event.topic = topic;
	if (partition !== undefined) event.partition = partition;
	if (offset !== undefined) event.offset = offset;
	if (timestamp !== undefined) event.timestamp = timestamp;
	if (deliveryMs !== undefined) event.deliveryMs = deliveryMs;
	return event;
}

/** The index-relevant fields of a record, without parsing its value. */
export function keysOfRecord(seq: number, record: EventRecord): StoredEventKeys {
	const [source, topic, partition, offset, , , , , timestamp, receivedAt, , , , , , , txId] = record;
	return {seq, source, topic, partition, offset, origin: record[21], timestamp, receivedAt, txId};
}
