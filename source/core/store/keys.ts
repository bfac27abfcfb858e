// Keys of the store's sub-databases. LMDB keys hold at most 1978 bytes and ordered-binary array keys cannot carry
// NUL inside strings, so text from messages goes through keyText() before it becomes part of a key.
import {createHash} from 'node:crypto';
import type {Envelope} from '../envelope.js';
import {wellFormed, wtf8} from './unpaired-text.js';

/** Longest text kept verbatim in a key (≤ 360 bytes of UTF-8, so three of them still fit in one key). */
const maxKeyText = 120;

/**
 * Characters ordered-binary cannot give back: it writes them, so a key holding one is found, but it reads a text of
 * 64 or more characters holding one back as three elements. Text holding one is hashed (keyText), and writtenKey
 * puts the hashes LMDB reads back together again.
 */
const unreadable = /[\0-\u0004]/;

/** How a hashed text (keyText) starts: a character no text kept as it is holds, then the hash's name. */
const hashLead = '\u0001';
const hashName = 'sha256:';

/** Sort position of events without event time: after every real time, then by seq. */
const untimed = Number.MAX_SAFE_INTEGER;

/** Partition number of messages that have none (Redis streams, recordings). */
const noPartition = -1;

/**
 * Text of at most this many characters holding a lone surrogate is kept in a key as it is: ordered-binary writes such
 * text one character at a time, a lone surrogate as the three bytes of its code unit, and reads it back. Longer
 * text it writes as UTF-8, which has no form for one (U+FFFD instead: two ids would share a key).
 */
const maxUnpairedKeyText = 63;

/**
 * Text as it can appear in a key: long text, text with NUL or another character keys cannot give back, and text
 * of more than 63 characters holding a lone surrogate become a stable hash of themselves.
 */
export function keyText(text: string): string {
	if (text.length <= maxKeyText && !unreadable.test(text) && (text.length <= maxUnpairedKeyText || wellFormed(text))) return text;
	// WTF-8 is UTF-8 for well-formed text (the hash of such text stays what it was) and keeps a lone surrogate apart.
	return `${hashLead}${hashName}${createHash('sha256').update(wellFormed(text) ? text : wtf8(text)).digest('hex')}`;
}

/**
 * A key as it was written, from what LMDB reads back: ordered-binary gives a hashed text (keyText) back as '', its
 * bytes and its text after the mark, and a key from a read must not be used to remove or compare entries as it is.
 */
export function writtenKey<K extends ReadonlyArray<unknown>>(key: K): K {
	if (!key.includes('')) return key;
	const written: unknown[] = [];
	for (let i = 0; i < key.length; i++) {
		const rest = key[i + 2];
		if (key[i] === '' && key[i + 1] instanceof Uint8Array && typeof rest === 'string' && rest.startsWith(hashName)) {
			written.push(`${hashLead}${rest}`);
			i += 2;
		} else written.push(key[i]);
	}

	return written as unknown as K;
}

/** An event's time as the index of transaction events orders it (tx-events.ts): untimed events after every time. */
export function timeKey(timestamp: number | undefined): number {
	return timestamp !== undefined && Number.isFinite(timestamp) ? timestamp : untimed;
}

/** The number `text[from, to)` writes in decimal digits only, short enough to be an exact double; NaN for anything else. */
function digitsValue(text: string, from: number, to: number): number {
	if (to <= from || to - from > 15) return Number.NaN;
	let value = 0;
	for (let i = from; i < to; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return Number.NaN;
		// Exact: below 10^15 every step is an integer a double holds.
		value = value * 10 + digit;
	}

	return value;
}

/**
 * A read offset as ordered numbers written into `into` (reused by the caller, so the guard's per-message check
 * allocates nothing): a Kafka offset `n`, a Redis entry id `ms, seq`; returns how many, 0 for other text.
 */
export function readOffsetParts(offset: string, into: number[]): number {
	const dash = offset.indexOf('-');
	if (dash === -1) {
		const value = digitsValue(offset, 0, offset.length);
		if (Number.isNaN(value)) return 0;
		into[0] = value;
		return 1;
	}

	const ms = digitsValue(offset, 0, dash);
	const seq = digitsValue(offset, dash + 1, offset.length);
	if (Number.isNaN(ms) || Number.isNaN(seq)) return 0;
	into[0] = ms;
	into[1] = seq;
	return 2;
}

/** A read offset as ordered numbers: a Kafka offset `[n]`, a Redis entry id `[ms, seq]`; undefined for other text. */
export function offsetParts(offset: string): number[] | undefined {
	const parts: number[] = [];
	const width = readOffsetParts(offset, parts);
	return width === 0 ? undefined : parts;
}

/** Order of two numeric offsets (element by element, then the shorter first); `aLength` reads only the start of `a`. */
export function compareParts(a: readonly number[], b: readonly number[], aLength = a.length): number {
	const length = Math.min(aLength, b.length);
	for (let i = 0; i < length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
	return aLength - b.length;
}

/** The partition number used in keys. */
export function partitionKey(partition: number | undefined): number {
	return partition !== undefined && Number.isFinite(partition) ? partition : noPartition;
}

/**
 * Where a message's read-twice entries live: its source kind and origin (two clusters of one kind hold the same
 * topics and offsets), topic, partition. Events without an origin (recordings, earlier stores) keep the kind alone.
 */
export function guardPrefix(event: Pick<Envelope, 'source' | 'origin' | 'topic' | 'partition'>): Array<string | number> {
	const source = event.origin === undefined ? event.source : `${event.source}@${event.origin}`;
	return [keyText(source), keyText(event.topic ?? ''), partitionKey(event.partition)];
}

/** Key of the read-twice guard: its prefix (guardPrefix), then the offset (numbers when it has a numeric form). */
export function guardKey(event: Pick<Envelope, 'source' | 'origin' | 'topic' | 'partition' | 'offset'>, parts: number[] | undefined): Array<string | number> {
	const key = guardPrefix(event);
	if (parts) key.push(...parts);
	else key.push(keyText(event.offset!));
	return key;
}
