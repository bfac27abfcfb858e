// Change-data-capture events (Debezium's envelope, event-model.md "Change events"): `op` says what happened to a row
// of `source.table` (`source.collection` for MongoDB), `before` and `after` hold the row; with the connector's
// transaction metadata, `transaction.id` names the database transaction, and BEGIN and END records bound it.
import {isRecord, scalarText} from './fields.js';

/** What each operation did to the row, as the last word of the event's type. */
const operations = new Map([['c', 'created'], ['u', 'updated'], ['d', 'deleted'], ['r', 'read'], ['t', 'truncated']]);

/** A change event's table and what the operation did to its row; undefined for an object that is no change envelope. */
function changeOf(record: Readonly<Record<string, unknown>>): {table: string; done: string} | undefined {
	const op = record.op;
	const done = typeof op === 'string' ? operations.get(op) : undefined;
	if (done === undefined || !('after' in record || 'before' in record) || !isRecord(record.source)) return undefined;
	const table = record.source.table ?? record.source.collection;
	return typeof table === 'string' && table !== '' ? {table, done} : undefined;
}

/**
 * The type of a change event whose envelope is `record`: `<table>.<created|updated|deleted|read|truncated>`
 * (`r`: a row read by a snapshot); undefined for any other object.
 */
export function changeType(record: Readonly<Record<string, unknown>>): string | undefined {
	const change = changeOf(record);
	return change && `${change.table}.${change.done}`;
}

/**
 * The row a change event's envelope holds, with its table and its member (`after`, or `before` when there is no new
 * row, as after a delete); undefined for any other object or a change without a row (a truncate).
 */
export function changedRow(record: Readonly<Record<string, unknown>>): {table: string; member: 'after' | 'before'; row: Readonly<Record<string, unknown>>} | undefined {
	const change = changeOf(record);
	if (change === undefined) return undefined;
	if (isRecord(record.after)) return {table: change.table, member: 'after', row: record.after};
	return isRecord(record.before) ? {table: change.table, member: 'before', row: record.before} : undefined;
}

/** The column holding a row's own id: the same number names rows of every table, so it is a correlation id only with its table's name. */
export const rowIdColumn = 'id';

/** A row's id as a correlation id: its table's name and its id (`orders:42`), so the changes of one row join, and no other table's row 42. */
export function rowCorrelationId(table: string, id: string): string {
	return `${table}:${id}`;
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

/** The table a change topic carries the rows of: its last word (`<server>.<schema>.<table>`). */
export function topicTable(topic: string): string {
	return topic.slice(topic.lastIndexOf('.') + 1);
}

/** The type of a tombstone (a null value under a key) on a change topic: the table it removed a row of (topicTable). */
export function tombstoneType(topic: string): string {
	return `${topicTable(topic)}.tombstone`;
}
