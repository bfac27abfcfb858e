// Opens the bytes of a recording: a file or standard input, gunzipped when it starts with the gzip magic bytes, and
// turned into UTF-8 when its text starts with a UTF-16 byte-order mark.
import fs from 'node:fs';
import type {Readable} from 'node:stream';
import {InputError} from '../../errors.js';
import {fileProblem} from '../../file-problem.js';
import {gzipMembers} from './gzip-members.js';
import {puller} from './stream-puller.js';

/** Size of each read; larger chunks stall the event loop during full-speed ingest, and 1 MiB reads cost more CPU (docs/benchmark-history.md). */
export const chunkBytes = 64 * 1024;

/** Decoded recording bytes, chunk by chunk. */
export type RecordingInput = {
	/** The next chunk of text bytes, or undefined at the end (or once closed). */
	next(): Promise<Buffer | undefined>;
	/** Input bytes consumed so far (compressed bytes for gzip). */
	bytesRead(): number;
	/** Once the end is reached: what followed the recording's data that is not part of it (bytes after the last gzip member); else undefined. */
	after(): AfterData | undefined;
	/** Stop reading and release the file. */
	close(): void;
};

/** Bytes after a recording's data: a problem (they are not gzip and were not read), or a notice (zero padding, ignored). */
export type AfterData = {problem: string; notice?: undefined} | {notice: string; problem?: undefined};

/** Check up front that `path` is a readable file, so a wrong path fails at once with a message naming it. */
export function checkRecordingPath(path: string): {size: number} {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(path);
		fs.accessSync(path, fs.constants.R_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new InputError(`recording not found: ${path}`);
		throw new InputError(`cannot read recording ${path}: ${fileProblem(error)}`, {cause: error});
	}

	if (stat.isDirectory()) throw new InputError(`${path} is a directory, not a recording`);
	return {size: stat.size};
}

/** Check that standard input is not a directory (`metrics - < DIR`): read, it would end at once, as an empty recording. */
export function checkStandardInput(): void {
	let stat: fs.Stats;
	try {
		stat = fs.fstatSync(0);
	} catch {
		// Closed (`<&-`): reading it says so.
		return;
	}

	if (stat.isDirectory()) throw new InputError('standard input (-) is a directory, not a recording');
}

/** Open `raw` (a file's or standard input's bytes): decompressed if it is gzip, as UTF-8 if its text is UTF-16. */
export async function openRecordingInput(raw: Readable): Promise<RecordingInput> {
	return asUtf8(await decompressed(raw));
}

/** `raw` decompressed if it starts with the gzip magic bytes, else as it is. */
async function decompressed(raw: Readable): Promise<RecordingInput> {
	const rawChunks = puller(raw);
	const head = await headOf(async () => rawChunks.next(), 2);
	if (head[0] !== 0x1F || head[1] !== 0x8B) {
		let rawBytes = head.length;
		return {
			next: withHead(head, async () => {
				const chunk = await rawChunks.next();
				if (chunk) rawBytes += chunk.length;
				return chunk;
			}),
			bytesRead: () => rawBytes,
			after: () => undefined,
			close: () => raw.destroy(),
		};
	}

	// Errors of the file are read by the puller, from raw.errored.
	raw.on('error', () => undefined);
	return gzipMembers({head, read: async () => rawChunks.next(), close: () => raw.destroy()}, chunkBytes);
}

/**
 * The text of `input` as UTF-8 bytes: as it is, unless it is UTF-16 (utf16Of; Windows PowerShell's `>` writes UTF-16LE
 * with a byte-order mark), which is then decoded (the mark dropped) and written again as UTF-8.
 */
async function asUtf8(input: RecordingInput): Promise<RecordingInput> {
	const head = await headOf(async () => input.next(), 2);
	const next = withHead(head, async () => input.next());
	const encoding = utf16Of(head);
	if (encoding === undefined) return {...input, next};
	const decoder = new TextDecoder(encoding);
	let ended = false;
	return {
		...input,
		async next() {
			if (ended) return undefined;
			const chunk = await next();
			// A character split between chunks waits in the decoder for its other half.
			if (chunk) return Buffer.from(decoder.decode(chunk, {stream: true}), 'utf8');
			ended = true;
			const rest = decoder.decode();
			return rest.length > 0 ? Buffer.from(rest, 'utf8') : undefined;
		},
	};
}

/**
 * The UTF-16 the text is in, if it is: a byte-order mark, or a first character in ASCII (`{`) with one NUL byte, after it
 * (little-endian) or before it (big-endian), which no UTF-8 JSON line holds (some tools write UTF-16 without a mark).
 */
function utf16Of(head: Buffer): 'utf-16le' | 'utf-16be' | undefined {
	if (head.length < 2) return undefined;
	const [first, second] = [head[0]!, head[1]!];
	if ((first === 0xFF && second === 0xFE) || (first > 0 && first < 0x80 && second === 0)) return 'utf-16le';
	if ((first === 0xFE && second === 0xFF) || (first === 0 && second > 0 && second < 0x80)) return 'utf-16be';
	return undefined;
}

/** The first `count` bytes `next` gives (fewer when it ends first): a pipe or gunzip may deliver them one at a time. */
async function headOf(next: () => Promise<Buffer | undefined>, count: number): Promise<Buffer> {
	let head: Buffer = Buffer.alloc(0);
	while (head.length < count) {
		const chunk = await next();
		if (!chunk) break;
		head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
	}

	return head;
}

/** `next`, giving back first the bytes read to tell what the input is (headOf). */
function withHead(head: Buffer, next: () => Promise<Buffer | undefined>): () => Promise<Buffer | undefined> {
	let first: Buffer | undefined = head.length > 0 ? head : undefined;
	return async () => {
		if (!first) return next();
		const chunk = first;
		first = undefined;
		return chunk;
	};
}
