// msgpackr encodes every value into one process-wide buffer and, when it fills, starts a new one and leaves the
// old one to the garbage collector. lmdb-js holds the encoded bytes until their commit, so each 8 KB buffer
// outlives young collections and waits in malloc for a full one: ~400 bytes per stored event. Store jobs hand
// msgpackr one buffer of ours instead and write it from the start again once nothing encoded into it is pending.

/** The part of a msgpackr encoder this needs. */
export type Encoder = {encode(value: unknown): Buffer; useBuffer(buffer: Uint8Array): void};

const initialBytes = 1 << 20;
/** A job that needs more than this (huge events) lets msgpackr allocate as it does by default. */
const maxBytes = 32 << 20;

let buffer = Buffer.allocUnsafeSlow(initialBytes);
/** Store jobs (of any store in the process) between start and end. */
let jobs = 0;
/** A job's values did not fit: the next job gets a buffer twice the size. */
let overflowed = false;

/**
 * A store job starts: when no job of any store has writes pending, msgpackr encodes from the start of the reused
 * buffer. Returns the function that ends the job, to call once its commit has succeeded or failed.
 */
export function beginEncoding(encoder: Encoder): () => void {
	jobs++;
	if (jobs === 1) {
		if (overflowed && buffer.length < maxBytes) buffer = Buffer.allocUnsafeSlow(buffer.length * 2);
		overflowed = false;
		encoder.useBuffer(buffer);
	}

	let ended = false;
	return () => {
		if (!ended) jobs--;
		ended = true;
	};
}

/** Encode a value, noting when it no longer fits the reused buffer. */
export function encodeValue(encoder: Encoder, value: unknown): Buffer {
	const encoded = encoder.encode(value);
	if (encoded.buffer !== buffer.buffer) overflowed = true;
	return encoded;
}
