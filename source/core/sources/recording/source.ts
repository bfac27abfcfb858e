// A JSON Lines recording (recording-format.md) as a Source: a file or standard input, plain or gzip, read in batches.
import fs from 'node:fs';
import path from 'node:path';
import {Readable} from 'node:stream';
import {parseEventTime, type RawEvent} from '../../envelope.js';
import type {Source, SourceBatch, SourceHealth, SourceState} from '../source.js';
import {LineSplitter} from '../line-splitter.js';
import {TimeSlice} from '../../time-slice.js';
import {parseRecordingLine, type RecordingHeader} from './line.js';
import {checkRecordingPath, checkStandardInput, chunkBytes, openRecordingInput, type RecordingInput} from './input.js';
import {recordingVersion} from '../../recording-writer.js';
import {maskUrl} from '../../redact.js';

/** How to read a recording. */
export type RecordingSourceOptions = {
	/** Lines longer than this (in bytes, without the line end) are skipped and reported. */
	maxLineBytes: number;
	/** Events per batch; smaller batches are released when standard input pauses. */
	batchSize?: number;
	/** What `-` reads; process.stdin unless given. */
	stdin?: NodeJS.ReadableStream;
};

/** A header field that says something: a string that is not empty. */
function said(field: unknown): string | undefined {
	return typeof field === 'string' && field !== '' ? field : undefined;
}

/** What a recording's header says of where its events came from (SourceHealth.provenance); undefined when it says nothing. */
function provenanceOf(header: RecordingHeader): SourceHealth['provenance'] {
	// A header written by hand may name a URL with its credentials.
	const source = said(header.source);
	const parts = {source: source === undefined ? undefined : maskUrl(source), filter: said(header.filter), createdAt: said(header.createdAt), recordedFrom: said(header.recordedFrom)};
	const provenance = Object.fromEntries(Object.entries(parts).filter(([, part]) => part !== undefined));
	return Object.keys(provenance).length > 0 ? provenance : undefined;
}

/** The provenance as one line (SourceHealth.origin). */
function originOf({source, filter, createdAt, recordedFrom}: NonNullable<SourceHealth['provenance']>): string {
	return [
		source === undefined ? undefined : `from ${source}`,
		filter === undefined ? undefined : `filter ${filter}`,
		createdAt === undefined ? undefined : `made ${createdAt}`,
		recordedFrom === undefined ? undefined : `recorded from ${recordedFrom}`,
	].filter(part => part !== undefined).join(' · ');
}

/** How many bad lines are kept with their reason. */
const sampleLimit = 10;
/** When standard input pauses this long, the events already read are released instead of waiting for a full batch. */
const idleFlushMs = 50;
const idle = Symbol('idle');

/** Open the recording at `filePath` (`-` = standard input); throws an InputError naming the path if it cannot be read. */
export function recordingSource(filePath: string, options: RecordingSourceOptions): Source {
	const fromStdin = filePath === '-';
	if (fromStdin && options.stdin === undefined) checkStandardInput();
	const size = fromStdin ? undefined : checkRecordingPath(filePath).size;
	const name = fromStdin ? 'stdin' : filePath;
	const batchSize = options.batchSize ?? 1000;
	const samples: SourceHealth['malformedSamples'] = [];
	let state: SourceState = 'connecting';
	let error: string | undefined;
	let malformed = 0;
	/** Whether a header was read, and what the first one says of where the events came from (health's `provenance`). */
	let headerRead = false;
	let provenance: SourceHealth['provenance'];
	/** The highest version a header gave beyond the one this program reads. */
	let newer: number | undefined;
	/** What was said of zero padding after the gzip data (ignored). */
	let padding: string | undefined;
	let stream: Readable | undefined;
	let input: RecordingInput | undefined;
	let started = false;
	let closed = false;

	const bad = (line: number, reason: string) => {
		malformed++;
		if (samples.length < sampleLimit) samples.push({line, reason});
	};

	async function * read(): AsyncGenerator<SourceBatch> {
		if (closed) return;
		let batch: RawEvent[] = [];
		/** Batches due before `batch`: the events read before a quiet-time, outage or restart line, then that line's clock, outage or partition. */
		const ready: SourceBatch[] = [];
		const slice = new TimeSlice();
		const splitter = new LineSplitter(options.maxLineBytes, {
			line(text, line) {
				const parsed = parseRecordingLine(text);
				if (parsed.kind === 'event') batch.push(parsed.event);
				else if (parsed.kind === 'bad') bad(line, parsed.reason);
				else if (parsed.kind === 'header') {
					// A later header comes from concatenated recordings (`cat a.jsonl b.jsonl`): the first one kept, each one's version looked at.
					if (!headerRead) provenance = provenanceOf(parsed.header);
					headerRead = true;
					if (parsed.header.version > (newer ?? recordingVersion)) newer = parsed.header.version;
					const clock = parseEventTime(parsed.header.clock);
					// The clock moves on, or an outage begins or ends, after the events before it, as it did live: they are handed out first.
					// A partition restarted too: the events after it at offsets read before are new ones, as they were live.
					if (clock !== undefined || parsed.outage !== undefined || parsed.restarted !== undefined) {
						if (batch.length > 0) ready.push({events: batch});
						ready.push({events: [], ...(clock !== undefined && {clock}), ...(parsed.outage && {outage: parsed.outage}), ...(parsed.restarted && {restarted: [parsed.restarted]})});
						batch = [];
					}
				}
			},
			bad,
		});
		try {
			stream = fromStdin ? readable(options.stdin ?? process.stdin) : fs.createReadStream(filePath, {highWaterMark: chunkBytes});
			input = await openRecordingInput(stream);
			if (closed) input.close();
			for (;;) {
				const next = input.next();
				// Files never pause; a pipe may, and what it has delivered so far should not wait for more.
				let chunk = fromStdin && batch.length > 0 ? await orIdle(next) : await next;
				if (chunk === idle) {
					yield {events: batch};
					batch = [];
					chunk = await next;
				}

				if (!chunk || closed) break;
				splitter.push(chunk);
				yield * ready.splice(0);
				// Chunks already buffered resolve at once: without a pause, a read-ahead would parse in one turn.
				if (slice.due()) await slice.pause();
				if (batch.length >= batchSize) {
					yield {events: batch};
					batch = [];
				}
			}

			if (!closed) {
				splitter.end();
				// Bytes after the data (after the last gzip member) end it where it was whole: every event is read, and the bytes are said.
				const after = input.after();
				if (after?.problem === undefined) state = 'finished';
				else {
					error = after.problem;
					state = 'error';
				}

				if (after?.notice !== undefined) padding = after.notice;
			}
		} catch (failure) {
			if (!closed) {
				// Damaged input (a truncated gzip, a read error) ends the recording where it breaks, like a bad line.
				const code = (failure as NodeJS.ErrnoException).code ?? '';
				const reason = `${code.startsWith('Z_') ? 'gzip data corrupt or truncated' : 'read error'}: ${(failure as Error).message}`;
				bad(splitter.currentLine, reason);
				// Every view of a source's error says the source's name before it.
				error = `${reason} at line ${splitter.currentLine}`;
				state = 'error';
			}
		} finally {
			input?.close();
		}

		if (closed) return;
		yield * ready;
		if (batch.length > 0) yield {events: batch};
	}

	return {
		id: fromStdin ? 'recording:-' : `recording:${path.resolve(filePath)}`,
		batches() {
			if (started) throw new Error(`recording ${name} is already being read`);
			started = true;
			if (!closed) state = 'connected';
			return read();
		},
		health: () => ({
			name,
			state,
			error,
			malformed,
			malformedSamples: samples.slice(),
			progress: {bytesRead: input?.bytesRead() ?? 0, bytesTotal: size},
			...(provenance !== undefined && {provenance, origin: originOf(provenance)}),
			...(newer !== undefined || padding !== undefined) && {notices: [
				newer === undefined ? undefined : `recording version ${newer} is newer than this program reads (${recordingVersion}); reading it as version ${recordingVersion}`,
				padding,
			].filter(notice => notice !== undefined)},
		}),
		async close() {
			closed = true;
			if (state === 'connecting' || state === 'connected') state = 'stopped';
			if (input) input.close();
			else stream?.destroy();
		},
	};
}

/** A modern Readable over any readable stream (old-style streams are wrapped). */
function readable(stream: NodeJS.ReadableStream): Readable {
	return stream instanceof Readable ? stream : new Readable().wrap(stream);
}

/** `promise`, or `idle` if it takes longer than idleFlushMs. */
async function orIdle<T>(promise: Promise<T>): Promise<T | typeof idle> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([promise, new Promise<typeof idle>(resolve => {
			timer = setTimeout(resolve, idleFlushMs, idle);
		})]);
	} finally {
		clearTimeout(timer);
	}
}
