// Change-data-capture events (Debezium's envelope, event-model.md "Change events"): `op` says what happened to a row
// of `source.table` (`source.collection` for MongoDB), `before` and `after` hold the row; with the connector's
// transaction metadata, `transaction.id` names the database transaction, and BEGIN and END records bound it.
import {isRecord, scalarText} from './fields.js';

/** What each operation did to the row, as the last word of the event's type. */
const operations = new Map([['c', 'created'], ['u', 'updated'], ['d', 'deleted'], ['r', 'read'], ['t', 'truncated']]);

/**
 * The type of a change event whose envelope is `record`: `<table>.<created|updated|deleted|read|truncated>`
 * (`r`: a row read by a snapshot); undefined for any other object.
 */
export function changeType(record: Readonly<Record<string, unknown>>): string | undefined {
	const op = record.op;
	const done = typeof op === 'string' ? operations.get(op) : undefined;
	if (done === undefined || !('after' in record || 'before' in record) || !isRecord(record.source)) return undefined;
	const table = record.source.table ?? record.source.collection;
	return typeof table === 'string' && table !== '' ? `${table}.${done}` : undefined;
}

/** When the database committed a change (`source.ts_ms`), as sent; the envelope must be a change event's (changeType). */
export function commitTime(record: Readonly<Record<string, unknown>>): unknown {
	return (record.source as Record<string, unknown>).ts_ms;
}

/** The database transaction a change event's envelope belongs to (`transaction.id`), as sent; undefined without transaction metadata. */
export function changeTransactionId(record: Readonly<Record<string, unknown>>): unknown {
	const {transaction} = record;
	return isRecord(transaction) ? transaction.id : undefined;
}

/** The types of the connector's transaction boundaries, by their `status`. */
const boundaries = new Map([['BEGIN', 'transaction.begin'], ['END', 'transaction.end']]);

/**
 * The type of a transaction boundary record (the `<server>.transaction` topic: `{status: BEGIN|END, id, event_count,
 * data_collections}`): `transaction.begin` or `transaction.end`; undefined for any other object.
 */
export function boundaryType(record: Readonly<Record<string, unknown>>): string | undefined {
	const {status} = record;
	const type = typeof status === 'string' ? boundaries.get(status) : undefined;
	return type !== undefined && 'event_count' in record && 'data_collections' in record && scalarText(record.id) !== undefined ? type : undefined;
}

/** The table a tombstone (a null value under a key) on a change topic removed a row of: its topic's last word (`<server>.<schema>.<table>`). */
export function tombstoneType(topic: string): string {
	return `${topic.slice(topic.lastIndexOf('.') + 1)}.tombstone`;
}
