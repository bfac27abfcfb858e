// How an event is stored: its fields as a fixed-order array, so msgpack writes no field names (about 120 bytes
// less per event than a map, and faster both ways). Append new fields at the end to stay readable.
import type {Envelope, EventStatus, ValueEncoding, ValueText} from '../envelope.js';

/** An event as stored in the `events` sub-database (seq is the key). */
export type EventRecord = [
	source: string,
	topic: string | undefined,
	partition: number | undefined,
	offset: string | undefined,
	key: string | undefined,
	headers: Record<string, string | string[]>,
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
];

/** What retention needs of a stored event: where its index entries are. */
export type StoredEventKeys = Pick<Envelope, 'seq' | 'source' | 'topic' | 'partition' | 'offset' | 'timestamp' | 'receivedAt' | 'txId'>;

/**
 * The stored form of an event. A value parsed from JSON text is stored as that text: copying a string costs a
 * fraction of encoding the object again (ingest's hottest step), and reading it back parses the same text.
 */
export function toRecord(event: Envelope): EventRecord {
	const text = event.valueText;
	// One literal per form: pushing the text fields afterwards would copy the array (~250 B of garbage per event).
	return text
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
}

/** The value a record holds. */
function valueOf(record: EventRecord): {value: unknown; valueText?: ValueText} {
	const text = record[17];
	if (text === undefined) return {value: record[6]};
	const member = record[18];
	const parsed = JSON.parse(text) as unknown;
	return {value: member ? (parsed as Record<string, unknown>)[member] : parsed, valueText: member ? {text, member} : {text}};
}

/** The event a record holds (optional fields that were absent stay absent). */
export function fromRecord(seq: number, record: EventRecord): Envelope {
	const [source, topic, partition, offset, key, headers, , valueEncoding, timestamp, receivedAt, deliveryMs, type, ids, status, eventId, duplicate, txId] = record;
	const {value, valueText} = valueOf(record);
	const event: Envelope = {source, key, headers, value, valueEncoding, receivedAt, type, ids, status, eventId, seq, duplicate, txId};
	if (valueText) event.valueText = valueText;
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
	return {seq, source, topic, partition, offset, timestamp, receivedAt, txId};
}
