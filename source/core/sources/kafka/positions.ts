// Read positions of the Kafka source: `topic/partition → next offset to read` (or, for a partition not started yet,
// where it is to start), `topic#id → the topic's id` (a topic made again between runs has a new one), and where a
// partition starts.
import type {Admin} from 'kafkajs';
import {InputError} from '../../errors.js';
import {parseStartFrom, type StartFrom} from '../start-from.js';

/** Position key of a partition (topic names cannot contain `/`). */
export function positionKey(topic: string, partition: number): string {
	return `${topic}/${partition}`;
}

/** The topic of a partition's position key (the part before its last `/`). */
export function topicOfPositionKey(key: string): string {
	return key.slice(0, key.lastIndexOf('/'));
}

/**
 * Where a partition saved without an offset is to start: a run found it without a leader and ended before it had one,
 * and saved where it was to start as `--from` writes it (`earliest` or a time; never `latest`, which is the run's start
 * time by then). Undefined for anything else.
 */
export function savedStart(value: string): StartFrom | undefined {
	try {
		const from = parseStartFrom(value);
		return from.kind === 'latest' ? undefined : from;
	} catch (error) {
		if (error instanceof InputError) return undefined;
		throw error;
	}
}

/** What ends the key of a topic's id among the positions (topic names cannot contain `#` either). */
const idSuffix = '#id';

/** Key under which a topic's id is kept beside its partitions' positions. */
export function topicIdKey(topic: string): string {
	return `${topic}${idSuffix}`;
}

/** The topic whose id a position key holds, or undefined for other keys. */
export function topicOfIdKey(key: string): string | undefined {
	return key.endsWith(idSuffix) ? key.slice(0, -idSuffix.length) : undefined;
}

/**
 * First offset to read in each partition of `topic` when nothing was saved: the low watermark (earliest), the
 * high one (latest: only what arrives from now on), or the first message at or after a time.
 */
export async function startOffsets(admin: Admin, topic: string, from: StartFrom): Promise<Map<number, string>> {
	if (from.kind === 'time') {
		const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, from.ms);
		return new Map(offsets.map(({partition, offset}) => [partition, offset]));
	}

	const offsets = await admin.fetchTopicOffsets(topic);
	return new Map(offsets.map(({partition, low, high}) => [partition, from.kind === 'earliest' ? low : high]));
}
