// Writes envelopes as a recording (recording-format.md) that replay and every headless command read back the same.
import fs from 'node:fs';
import {once} from 'node:events';
import type {Writable} from 'node:stream';
import {finished} from 'node:stream/promises';
import {setTimeout as delay} from 'node:timers/promises';
import zlib from 'node:zlib';
import {latestMs, parseTimeMs, type Envelope, type ValueEncoding} from './envelope.js';
import {ownValueText, spansLines} from './value-text.js';
import {InputError} from './errors.js';
import {fileProblem} from './file-problem.js';
import {outageLine, type RecordedOutage} from './sources/recording/outage-line.js';
import {restartLine} from './sources/recording/restart-line.js';
import type {RestartedPartition} from './store/types.js';
import {framedBytes, framedKeyBytes, framedLineText} from './sources/schema-registry-frame.js';

/** What the header line says about a recording. */
export type RecordingWriterHeader = {
	/** Where the events came from, credentials masked. */
	source: string;
	/** The filter expression the events were selected with. */
	filter?: string;
	/** The recording the events were read from, when they were (a path, `-` for standard input). */
	recordedFrom?: string;
};

/** An open recording; `close()` must be awaited for the file to be complete. */
export type RecordingWriter = {
	/** Append events; resolves once the output can take more (backpressure). */
	write(envelopes: Envelope[]): Promise<void>;
	/** Append a quiet-time line: the alerts' clock ran on to `alertClock` with nothing arriving (recording-format.md). */
	writeClock(alertClock: number): Promise<void>;
	/** Append an outage line: a source stopped reading (or, with `to`, read again) (recording-format.md "Outages"). */
	writeOutage(outage: RecordedOutage): Promise<void>;
	/** Append a restart line: a partition's offsets went back, the events after it are new ones (recording-format.md). */
	writeRestart(partition: RestartedPartition): Promise<void>;
	/** Resolves once every line written so far has been handed to the OS (compressed and flushed, for .gz): a process killed after that leaves them in the file. */
	flushed(): Promise<void>;
	/** Flush and close the file (standard output is flushed, not closed); later calls return the same promise. */
	close(): Promise<void>;
};

/** Recording format version written in the header. */
export const recordingVersion = 1;

/**
 * At most how long compressed lines wait in the gzip compressor before they are flushed to the file: a process killed
 * outright (SIGKILL, out of memory, a crash) leaves a truncated gzip that reads back all but this last moment.
 */
const gzipFlushMs = 1000;

/** The error to say when the recording file cannot be written (disk full). */
function writeError(filePath: string, error: unknown): InputError {
	return new InputError(`cannot write recording ${filePath}: ${fileProblem(error)}`, {cause: error});
}

/**
 * Open `filePath` (`-` = standard output) for writing, gzip-compressed when it ends in `.gz`, and write the header;
 * a header given as a function is asked for just before the first line after it, or at close (what an input
 * recording's own header says is known once it has been read).
 */
export async function openRecordingWriter(filePath: string, header: RecordingWriterHeader | (() => RecordingWriterHeader)): Promise<RecordingWriter> {
	const toStdout = filePath === '-';
	let file: Writable;
	if (toStdout) file = process.stdout;
	else {
		const stream = fs.createWriteStream(filePath);
		try {
			await once(stream, 'open');
		} catch (error) {
			throw new InputError(`cannot write recording ${filePath}: ${(error as Error).message}`, {cause: error});
		}

		file = stream;
	}

	const gzip = !toStdout && filePath.endsWith('.gz') ? zlib.createGzip() : undefined;
	gzip?.pipe(file);
	const out = gzip ?? file;
	let failure: Error | undefined;
	const onError = (error: Error) => {
		// Standard output's failures are said as such by the CLI (closed-output.ts); a file's, naming the file.
		failure ??= toStdout ? error : writeError(filePath, error);
	};

	out.on('error', onError);
	if (gzip) file.on('error', onError);
	let closing: Promise<void> | undefined;
	let flushTimer: NodeJS.Timeout | undefined;
	// A sync flush ends the deflate block: what was written so far can be decompressed from the file alone.
	const flushSoon = () => {
		if (!gzip || flushTimer) return;
		flushTimer = setTimeout(() => {
			flushTimer = undefined;
			if (!closing) gzip.flush(zlib.constants.Z_SYNC_FLUSH);
		}, gzipFlushMs).unref();
	};

	/**
	 * Write text, waiting for 'drain' when the stream's buffer is full, or for what means it never comes: an error, or
	 * the end of the output (a stream closed while this write waits never drains again, and the text it took is written
	 * before it finishes).
	 */
	const put = async (text: string) => {
		if (failure) throw failure;
		if (!out.write(text)) {
			await new Promise<void>(resolve => {
				const done = () => {
					out.off('drain', done).off('error', done).off('finish', done);
					file.off('error', done);
					resolve();
				};

				out.on('drain', done).on('error', done).on('finish', done);
				file.on('error', done);
			});
		}

		if (failure) throw failure;
		flushSoon();
	};

	/** Resolves once what was written to the file stream so far has been handed to the OS (writes complete in order). */
	const handedToOs = async () => new Promise<void>((resolve, reject) => {
		file.write('', error => error ? reject(error) : resolve());
	});

	let headed = false;
	/**
	 * Write the header line, once, first. Compressed, it is a gzip member of its own handed to the file in one write:
	 * a run killed outright before its first flush leaves a file that says where it came from (recording-format.md).
	 */
	const head = async () => {
		if (headed) return;
		headed = true;
		const {source, filter, recordedFrom} = typeof header === 'function' ? header() : header;
		const line = `${JSON.stringify({$recording: {version: recordingVersion, createdAt: new Date().toISOString(), source, filter, recordedFrom}})}\n`;
		if (!gzip) return put(line);
		if (failure) throw failure;
		// Nothing has gone into the compressor yet, so this member comes first in the file.
		file.write(zlib.gzipSync(line));
	};

	if (typeof header !== 'function') await head();
	return {
		async write(envelopes) {
			if (envelopes.length === 0) return;
			await head();
			let text = '';
			for (const envelope of envelopes) text += `${recordingLine(envelope)}\n`;
			await put(text);
		},
		async writeClock(alertClock) {
			await head();
			await put(`${JSON.stringify({$recording: {version: recordingVersion, clock: timeField(alertClock)}})}\n`);
		},
		async writeOutage(outage) {
			await head();
			await put(`${outageLine(recordingVersion, outage)}\n`);
		},
		async writeRestart(partition) {
			await head();
			await put(`${restartLine(recordingVersion, partition)}\n`);
		},
		async flushed() {
			// Closing flushes everything, and nothing may be written after it began.
			if (closing) return closing;
			if (failure) throw failure;
			if (gzip) {
				await new Promise<void>(resolve => {
					gzip.flush(zlib.constants.Z_SYNC_FLUSH, resolve);
				});
				// The compressed bytes must be queued on the file stream before the empty write that tells they reached the
				// OS; while the file pushes back (pipe paused) some still wait in the compressor's output.
				while (gzip.readableLength > 0 && !failure) await delay(10);
			}

			await handedToOs();
			if (failure) throw failure;
		},
		close() {
			closing ??= (async () => {
				await head().catch(onError);
				clearTimeout(flushTimer);
				if (toStdout) await handedToOs();
				else {
					out.end();
					await finished(file).catch(onError);
				}

				if (failure) throw failure;
			})();
			return closing;
		},
	};
}

/** The value as the JSON text a line holds, and the encoding to say beside it (none for JSON). */
function valueJson(envelope: Envelope): {text: string; encoding?: ValueEncoding} {
	// Schema Registry wire format: the bytes as they came (a reader finds the frame in them again).
	const framed = framedBytes(envelope);
	if (framed) {
		const line = framedLineText(framed, envelope.valueEncoding === 'schema-registry-json');
		return {text: JSON.stringify(line.text), encoding: line.base64 ? 'base64' : 'text'};
	}

	const own = envelope.valueEncoding === 'json-deep' ? envelope.value as string : envelope.valueText && ownValueText(envelope.valueText);
	if (own === undefined) {
		return {text: JSON.stringify(envelope.value) ?? 'null', encoding: envelope.valueEncoding === 'json' ? undefined : envelope.valueEncoding};
	}

	// The text as it arrived, so numbers like 146.0, long integers and repeated keys survive; a line cannot hold a
	// line break, so JSON text spread over lines is written as a string (recording-format.md "Values").
	if (spansLines(own)) return {text: JSON.stringify(own), encoding: 'text'};
	return {text: own, encoding: envelope.valueEncoding === 'text' || envelope.valueEncoding === 'base64' ? envelope.valueEncoding : undefined};
}

/** The key as a line holds it: its text, or base64 with keyEncoding; a framed key as the bytes it came as (decoded again by a reader). */
function keyFields(envelope: Envelope): {key?: string; keyEncoding?: 'base64'} {
	const framed = framedKeyBytes(envelope);
	if (!framed) return {key: envelope.key, keyEncoding: envelope.keyEncoding === 'base64' ? 'base64' : undefined};
	const line = framedLineText(framed, envelope.keyEncoding === 'schema-registry-json');
	return {key: line.text, keyEncoding: line.base64 ? 'base64' : undefined};
}

const objectText = /^\s*\{/;

/** One event as a recording line: an envelope line, or the payload alone when the event has no topic. */
export function recordingLine(envelope: Envelope): string {
	const {topic} = envelope;
	const value = valueJson(envelope);
	// A topic-less event came from a bare payload line; written the same way it reads back the same.
	if (topic === undefined && value.encoding === undefined && objectText.test(value.text)) return value.text;
	// JSON.stringify leaves out the fields that are undefined.
	const rest = JSON.stringify({
		timestamp: timeField(envelope.timestamp),
		// Without a known arrival the normalizer falls back to the event time; writing that would invent a latency of 0.
		recordedAt: envelope.timestamp !== undefined && envelope.deliveryMs === undefined ? undefined : timeField(envelope.receivedAt),
		partition: envelope.partition,
		offset: envelope.offset,
		origin: envelope.origin,
		...keyFields(envelope),
		headers: Object.keys(envelope.headers).length > 0 ? envelope.headers : undefined,
		headersEncoding: envelope.headersEncoding,
		source: envelope.source,
		valueEncoding: value.encoding,
	});
	return `{"topic":${JSON.stringify(topic ?? '')},"value":${value.text}${rest === '{}' ? '}' : `,${rest.slice(1)}`}`;
}

/**
 * A time as a number only where it has a fraction of a millisecond and a reader takes the number back as these
 * milliseconds (parseTimeMs sizes numbers: seconds, µs and ns outside 10^11–10^14); else as ISO-8601 to the
 * millisecond (exact for whole ones), or the number when it is past what a Date holds.
 */
function timeField(ms: number | undefined): string | number | undefined {
	if (ms === undefined) return undefined;
	if (!Number.isInteger(ms) && parseTimeMs(ms) === ms) return ms;
	return Math.abs(ms) <= latestMs ? new Date(Math.round(ms)).toISOString() : ms;
}
