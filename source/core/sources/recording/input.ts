// Opens the bytes of a recording: a file or standard input, gunzipped when it starts with the gzip magic bytes.
import fs from 'node:fs';
import {type Readable, pipeline} from 'node:stream';
import zlib from 'node:zlib';
import {InputError} from '../../errors.js';

/** Size of each read; larger chunks stall the event loop during full-speed ingest (stack-notes.md). */
export const chunkBytes = 64 * 1024;

/** Decoded recording bytes, chunk by chunk. */
export type RecordingInput = {
	/** The next chunk of text bytes, or undefined at the end (or once closed). */
	next(): Promise<Buffer | undefined>;
	/** Input bytes consumed so far (compressed bytes for gzip). */
	bytesRead(): number;
	/** Stop reading and release the file. */
	close(): void;
};

/** Check up front that `path` is a readable file, so a wrong path fails at once with a message naming it. */
export function checkRecordingPath(path: string): {size: number} {
	let stat: fs.Stats;
	try {
		stat = fs.statSync(path);
		fs.accessSync(path, fs.constants.R_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new InputError(`recording not found: ${path}`);
		if (code === 'EACCES' || code === 'EPERM') throw new InputError(`cannot read recording ${path}: permission denied`);
		throw new InputError(`cannot read recording ${path}: ${(error as Error).message}`, {cause: error});
	}

	if (stat.isDirectory()) throw new InputError(`${path} is a directory, not a recording`);
	return {size: stat.size};
}

/** Open `raw` (a file's or standard input's bytes) and decompress it if it is gzip. */
export async function openRecordingInput(raw: Readable): Promise<RecordingInput> {
	const rawChunks = puller(raw);
	let rawBytes = 0;
	// Two bytes decide gzip; a pipe may deliver them one at a time.
	let head: Buffer = Buffer.alloc(0);
	while (head.length < 2) {
		const chunk = await rawChunks.next();
		if (!chunk) break;
		head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
	}

	if (head[0] !== 0x1F || head[1] !== 0x8B) {
		let first: Buffer | undefined = head.length > 0 ? head : undefined;
		rawBytes = head.length;
		return {
			async next() {
				if (first) {
					const chunk = first;
					first = undefined;
					return chunk;
				}

				const chunk = await rawChunks.next();
				if (chunk) rawBytes += chunk.length;
				return chunk;
			},
			bytesRead: () => rawBytes,
			close: () => raw.destroy(),
		};
	}

	const gunzip = zlib.createGunzip({chunkSize: chunkBytes});
	gunzip.write(head);
	// pipeline forwards a read error on the file to gunzip, where next() reports it.
	pipeline(raw, gunzip, () => undefined);
	const chunks = puller(gunzip);
	return {
		next: async () => chunks.next(),
		bytesRead: () => gunzip.bytesWritten,
		close() {
			gunzip.destroy();
			raw.destroy();
		},
	};
}

/** Reads a stream in paused mode, so bytes are only read as fast as they are asked for. */
function puller(stream: Readable): {next(): Promise<Buffer | undefined>} {
	return {
		async next() {
			for (;;) {
				// What was decoded before an error still counts.
				const chunk = stream.read() as Buffer | string | null;
				if (chunk !== null) return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
				if (stream.errored) throw stream.errored;
				if (stream.readableEnded || stream.destroyed) return undefined;
				await new Promise<void>(resolve => {
					const done = () => {
						stream.off('readable', done).off('end', done).off('error', done).off('close', done);
						resolve();
					};

					stream.on('readable', done).on('end', done).on('error', done).on('close', done);
				});
			}
		},
	};
}
