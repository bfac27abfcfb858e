// The topic/time index: one entry per topic per batch (not per event, which would cost an LMDB put per event),
// holding that batch's receive times and seqs of the topic. Queries read a topic's entries and skip deleted events.
import type {Envelope} from '../envelope.js';
import {loadEvents, type Databases, type TopicBlock} from './databases.js';
import {keyText, writtenKey} from './keys.js';

/** A batch's entries of the topic index: topic → its key and its block. */
export type TopicBlocks = Map<string, {key: string; first: number; block: TopicBlock}>;

/** The index entries of a batch of stored events (in seq order). */
export function topicBlocks(events: readonly Envelope[]): TopicBlocks {
	const blocks: TopicBlocks = new Map();
	for (const event of events) {
		if (event.topic === undefined) continue;
		// By the topic itself: its key (keyText, one per topic) is made once per batch, not once per event.
		let entry = blocks.get(event.topic);
		if (!entry) blocks.set(event.topic, entry = {key: keyText(event.topic), first: event.seq, block: {last: event.seq, pairs: []}});
		entry.block.last = event.seq;
		entry.block.pairs.push(Number.isFinite(event.receivedAt) ? event.receivedAt : 0, event.seq);
	}

	return blocks;
}

/** Issue the puts of a batch's entries (inside its LMDB transaction). */
export function writeTopicBlocks(dbs: Databases, blocks: TopicBlocks): void {
	for (const {key, first, block} of blocks.values()) void dbs.topics.put([key, first], block);
}

/** Keys of the entries whose events all have a seq ≤ `lastSeq` (retention deletes them with the events). */
export function expiredTopicBlocks(dbs: Databases, topics: Iterable<string>, lastSeq: number): Array<[string, number]> {
	const expired: Array<[string, number]> = [];
	for (const topic of topics) {
		const key = keyText(topic);
		for (const {key: entry, value} of dbs.topics.getRange({start: [key], end: [key, lastSeq + 1]})) {
			if (value.last <= lastSeq) expired.push(writtenKey(entry));
		}
	}

	return expired;
}

/** Seqs of a topic's events after seq `afterSeq`, newest first. */
function * newestFirst(dbs: Databases, topic: string, afterSeq: number): Generator<number> {
	const key = keyText(topic);
	for (const {value} of dbs.topics.getRange({start: [key, Number.POSITIVE_INFINITY], end: [key], reverse: true})) {
		for (let i = value.pairs.length - 1; i > 0; i -= 2) {
			if (value.pairs[i]! <= afterSeq) return;
			yield value.pairs[i]!;
		}
	}
}

/** The newest `limit` stored events of a topic after seq `afterSeq`, oldest first. */
export function recentOfTopic(dbs: Databases, topic: string, limit: number, afterSeq: number): Envelope[] {
	return loadEvents(dbs, newestFirst(dbs, topic, afterSeq), limit).reverse();
}

/** Stored events of a topic received in [fromMs, toMs), in receive-time order (then seq), at most `limit`. */
export function rangeOfTopic(dbs: Databases, topic: string, fromMs: number, toMs: number, limit = Number.POSITIVE_INFINITY): Envelope[] {
	const key = keyText(topic);
	const found: Array<[number, number]> = [];
	for (const {value} of dbs.topics.getRange({start: [key], end: [key, Number.POSITIVE_INFINITY]})) {
		const {pairs} = value;
		for (let i = 0; i < pairs.length; i += 2) if (pairs[i]! >= fromMs && pairs[i]! < toMs) found.push([pairs[i]!, pairs[i + 1]!]);
	}

	found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	return loadEvents(dbs, found.map(([, seq]) => seq), limit);
}
