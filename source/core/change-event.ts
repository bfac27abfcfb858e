// Change-data-capture events (Debezium's envelope, event-model.md "Change events"): `op` says what happened to a row
// of `source.table` (`source.collection` for MongoDB), `before` and `after` hold the row.
import {isRecord} from './fields.js';

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
