// Fetched Kafka record batches as RawEvents, read_committed: control batches skipped, aborted transactions dropped.
import {fetchV17, IS_CONTROL, IS_TRANSACTIONAL, type KafkaRecord, type RecordsBatch} from '@platformatic/kafka';
import type {RawEvent} from '../../envelope.js';
import {bytesToText, decodeBytes, decodeHeaders, isBinary, type HeaderBytes} from '../decode.js';
import {decodeFramedKey} from '../schema-registry-frame.js';

type FetchedPartition = fetchV17.FetchResponsePartition;

/** What one fetched partition gives: its events and the offset to fetch next (undefined: no batch came). */
export type PartitionRead = {events: RawEvent[]; next?: bigint};

/** The batch's timestamp type bit: set when the broker stamped the batch (LogAppendTime) instead of the producer. */
const logAppendTime = 1 << 3;

/** Two numbers up to this in size (offsets, times, an int32 offset delta) add up exactly. */
const exactNumber = 2 ** 52;
const exactBound = BigInt(exactNumber);

/**
 * A record's header pairs grouped by name (a header that occurs more than once keeps every value, in order). A null
 * value is kept: a header present without a value says something (a tombstone marker). Kafka never sends a null name.
 */
function headerBytesOf(pairs: KafkaRecord['headers']): HeaderBytes {
	const grouped: Record<string, Array<Buffer | null>> = {};
	for (const [name, value] of pairs) {
		if (name === null) continue;
		const key = bytesToText(name);
		// Own properties only: a header named `__proto__` or `toString` is just a header.
		if (Object.hasOwn(grouped, key)) grouped[key]!.push(value);
		else Object.defineProperty(grouped, key, {value: [value], enumerable: true, writable: true, configurable: true});
	}

	const result: HeaderBytes = {};
	for (const [name, values] of Object.entries(grouped)) {
		Object.defineProperty(result, name, {value: values.length === 1 ? values[0] : values, enumerable: true, writable: true, configurable: true});
	}

	return result;
}

/** A control batch holding an abort marker (control record key: version int16, type int16 with 0 = abort). */
function isAbortMarker(batch: RecordsBatch): boolean {
	const key = batch.records[0]?.key;
	return (batch.attributes & IS_CONTROL) !== 0 && key !== null && key !== undefined && key.length >= 4 && key.readInt16BE(2) === 0;
}

/**
 * The committed records of one fetched partition at or after `from` (a fetch may start inside a batch), as
 * RawEvents. Aborted transactions are dropped as Kafka's Java consumer does: a producer's records are skipped from
 * the first offset the broker lists for its aborted transaction until that producer's abort marker.
 */
export function readPartition(topic: string, fetched: FetchedPartition, from: bigint, receivedAt: number, origin: string): PartitionRead {
	const events: RawEvent[] = [];
	const aborted = [...fetched.abortedTransactions].sort((a, b) => (a.firstOffset < b.firstOffset ? -1 : a.firstOffset > b.firstOffset ? 1 : 0));
	const abortedProducers = new Set<bigint>();
	let next: bigint | undefined;
	for (const batch of fetched.records ?? []) {
		const last = batch.firstOffset + BigInt(batch.lastOffsetDelta);
		next = last + 1n;
		if (last < from) continue;
		if (batch.producerId >= 0n) {
			while (aborted.length > 0 && aborted[0]!.firstOffset <= last) abortedProducers.add(aborted.shift()!.producerId);
			if (isAbortMarker(batch)) {
				abortedProducers.delete(batch.producerId);
				continue;
			}

			if ((batch.attributes & IS_TRANSACTIONAL) !== 0 && abortedProducers.has(batch.producerId)) continue;
		}

		if ((batch.attributes & IS_CONTROL) !== 0) continue;
		const brokerTime = (batch.attributes & logAppendTime) !== 0;
		// Offsets and times as numbers while sums of them are exact (always, in practice): no BigInt per record.
		const offsetsExact = batch.firstOffset <= exactBound;
		const timesExact = batch.firstTimestamp <= exactBound && batch.firstTimestamp >= -exactBound;
		const firstOffset = Number(batch.firstOffset);
		const firstTime = Number(batch.firstTimestamp);
		const skipBelow = from - batch.firstOffset;
		for (const record of batch.records) {
			if (record.offsetDelta < skipBelow) continue;
			const offset = offsetsExact ? String(firstOffset + record.offsetDelta) : String(batch.firstOffset + BigInt(record.offsetDelta));
			const delta = Number(record.timestampDelta);
			const timestamp = brokerTime ? Number(batch.maxTimestamp) : timesExact && Math.abs(delta) <= exactNumber ? firstTime + delta : Number(batch.firstTimestamp + record.timestampDelta);
			events.push(toRawEvent(topic, fetched.partitionIndex, offset, record, timestamp, receivedAt, origin));
		}
	}

	return {events, next};
}

/** One record as a RawEvent. */
function toRawEvent(topic: string, partition: number, offset: string, record: KafkaRecord, timestamp: number, receivedAt: number, origin: string): RawEvent {
	const {value, valueEncoding, valueText, schemaId} = decodeBytes(record.value);
	const framedKey = record.key?.[0] === 0 ? decodeFramedKey(record.key) : undefined;
	const event: RawEvent = {
		source: 'kafka',
		topic,
		partition,
		offset,
		origin,
		key: framedKey ? framedKey.key : record.key ? bytesToText(record.key) : undefined,
		keyEncoding: framedKey ? framedKey.keyEncoding : record.key && isBinary(record.key) ? 'base64' : undefined,
		value,
		valueEncoding,
		valueText,
		timestamp: timestamp >= 0 ? timestamp : undefined,
		receivedAt,
	};
	// Most records carry no headers: nothing to group or decode then.
	if (record.headers.length > 0) {
		const {headers, headersEncoding} = decodeHeaders(headerBytesOf(record.headers));
		if (headers) event.headers = headers;
		if (headersEncoding) event.headersEncoding = headersEncoding;
	}
	if (schemaId !== undefined) event.schemaId = schemaId;
	if (framedKey) event.keySchemaId = framedKey.keySchemaId;
	return event;
}
