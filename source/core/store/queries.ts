// Read side of the store: everything here reads committed data only.
import type {Envelope} from '../envelope.js';
import {fromRecord} from './event-record.js';
import {loadEventsSteps, type Databases} from './databases.js';
import type {Stepped} from '../queries/steps.js';
import {keyText} from './keys.js';
import {visitRecords} from './raw-scan.js';
import {txEventSeqs} from './tx-events.js';
import {recentOfTopic} from './topic-index.js';
import type {SearchOptions, SearchResult, TransactionRecord} from './types.js';

/** The number of the transaction any of whose ids is `id`. */
export function transactionIdOf(dbs: Databases, id: string): number | undefined {
	return dbs.ids.get(keyText(id));
}

/** The transaction any of whose ids is `id`, its events in event-time order, as stepped work (steps.ts): it yields after each event read. */
export function * readTransaction(dbs: Databases, id: string): Stepped<TransactionRecord | undefined> {
	const txId = transactionIdOf(dbs, id);
	if (txId === undefined) return undefined;
	const range = {start: [txId], end: [txId + 1]};
	const ids = [...dbs.txIds.getRange(range).map(({key, value}) => value ?? key[1])];
	const events = yield * loadEventsSteps(dbs, txEventSeqs(dbs, txId));
	return {txId, ids, events, capped: dbs.capped.doesExist(txId)};
}

/** The newest `limit` events stored after seq `afterSeq` (of one topic when given), oldest first. */
export function readRecent(dbs: Databases, limit: number, topic: string | undefined, afterSeq: number): Envelope[] {
	if (limit <= 0) return [];
	if (topic !== undefined) return recentOfTopic(dbs, topic, limit, afterSeq);
	const events: Envelope[] = [];
	visitRecords(dbs, (seq, bytes) => {
		events.push(fromRecord(seq, dbs.decodeRecord(bytes)));
		return events.length < limit;
	}, afterSeq);
	return events.reverse();
}

/** Stored events that `matches` accepts, newest first, from below `beforeSeq`; stops at `limit` matches or `maxScanned` events. */
export function searchEvents(dbs: Databases, matches: (event: Envelope) => boolean, options: SearchOptions): SearchResult {
	const result: SearchResult = {matches: [], scanned: 0};
	if (options.limit <= 0 || options.maxScanned <= 0) return {...result, continueBefore: options.beforeSeq};
	// Seqs are integers: below beforeSeq is up to beforeSeq - 1.
	visitRecords(dbs, (seq, bytes) => {
		const event = fromRecord(seq, dbs.decodeRecord(bytes));
		result.newestSeq ??= seq;
		result.scanned++;
		result.oldestReceivedAt = event.receivedAt;
		if (matches(event)) result.matches.push(event);
		if (result.matches.length < options.limit && result.scanned < options.maxScanned) return true;
		result.continueBefore = seq;
		return false;
	}, 0, options.beforeSeq === undefined ? undefined : options.beforeSeq - 1);
	return result;
}
