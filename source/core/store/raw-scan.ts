// The stored bytes of events, undecoded, through a second handle on the `events` sub-database whose "decoder"
// hands back a view of LMDB's read buffer: no copy, no msgpack decode (a copy per event, lmdb-js's binary
// encoding, cost more than decoding).
import type {Databases} from './databases.js';

/** lmdb-js calls `decode` with the bytes of each value read, in a buffer it reuses for the next read. */
export const viewOfBytes = {
	encode(): never {
		throw new Error('the events view only reads');
	},
	decode: (bytes: Uint8Array, size?: number): Uint8Array => bytes.subarray(0, size ?? bytes.length),
};

/** Visit the bytes of each event stored after seq `afterSeq` (up to `upToSeq`, when given), newest first; the bytes are only valid during the call. */
export function visitRecords(dbs: Databases, visit: (seq: number, bytes: Uint8Array) => void, afterSeq: number, upToSeq?: number): void {
	// Reverse ranges run from `start` (included) down to `end`, which they exclude.
	for (const {key, value} of dbs.eventBytes.getRange({reverse: true, end: afterSeq, ...(upToSeq === undefined ? {} : {start: upToSeq})})) visit(key, value);
}

/** The oldest and newest seq stored, undefined when no event is. */
export function seqBounds(dbs: Databases): {oldest: number; newest: number} | undefined {
	let oldest: number | undefined;
	let newest: number | undefined;
	for (const key of dbs.events.getKeys({limit: 1})) oldest = key;
	for (const key of dbs.events.getKeys({limit: 1, reverse: true})) newest = key;
	return oldest === undefined || newest === undefined ? undefined : {oldest, newest};
}
