// The ids of each transaction: per stored batch and transaction, one entry [txId, seq] → the ids the batch brought
// to it, flat (each id's key, then its text when the key is a hash of it, keys.ts keyText, else null), where `seq` is
// that of the event that brought the first of them; instead of one entry, and one lmdb-js put, per id. Stores of
// earlier versions hold one entry per id, [txId, id key] → text or null, in the same sub-database (text where ours
// have a number): both are read, and a merge moves either as it is. An entry's seq is that of an event of its
// transaction, which joins no other, so keys never collide.
import type {Databases} from './databases.js';

/** One entry: its key, and its ids flat (key, then text or null). */
export type TxIdEntry = {key: [number, number | string]; ids: Array<string | null>};

/** The value of an entry: its ids, or an earlier version's one id's text. */
export type TxIdValue = string | null | Array<string | null>;

/** Whether a key is one of an earlier version's one-id entries, [txId, id key]. */
function perId(key: TxIdEntry['key']): key is [number, string] {
	return typeof key[1] === 'string';
}

/** Every entry of transaction `txId`. */
export function txIdEntries(dbs: Databases, txId: number): TxIdEntry[] {
	const entries: TxIdEntry[] = [];
	for (const {key, value} of dbs.txIds.getRange({start: [txId], end: [txId + 1]})) {
		entries.push({key, ids: perId(key) ? [key[1], value as string | null] : value as Array<string | null>});
	}

	return entries;
}

/** The id keys entries hold. */
export function idKeys(entries: readonly TxIdEntry[]): string[] {
	return entries.flatMap(entry => entry.ids.filter((_, i) => i % 2 === 0) as string[]);
}

/** Put an entry under transaction `txId` (inside a write): an earlier version's one-id entry stays one. */
export function putTxIdEntry(dbs: Databases, txId: number, entry: TxIdEntry): void {
	const {key, ids} = entry;
	void dbs.txIds.put([txId, key[1]], perId(key) ? ids[1]! : ids);
}

/** The ids of transaction `txId` as they were found, in the order of their keys (as earlier versions listed them). */
export function txIdTexts(dbs: Databases, txId: number): string[] {
	const ids: Array<[key: string, text: string]> = [];
	for (const entry of txIdEntries(dbs, txId)) {
		for (let i = 0; i < entry.ids.length; i += 2) ids.push([entry.ids[i]!, entry.ids[i + 1] ?? entry.ids[i]!]);
	}

	// LMDB orders keys by their UTF-8 bytes.
	return ids.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))).map(([, text]) => text);
}
