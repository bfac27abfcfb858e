// `pubsub-tools record`: write what an input delivers (optionally filtered) to a recording file.
import fs from 'node:fs';
import {openRecordingWriter} from '../core/recording-writer.js';
import {defineCommand} from './support/command.js';
import {usageError} from './support/errors.js';
import {analysisStore, connectTimeoutOf, durationOf, inputFlags, inputHelp, sourceSpecs} from './support/inputs.js';
import {configFrom, openSession} from './support/session.js';
import {runExitCode, runToEnd, stoppedWords, type RunEnd} from './support/headless.js';
import {filterFrom} from './support/filter.js';
import {skippedReport} from './support/malformed.js';
import {sanitize} from '../core/sanitize.js';
import {metricsPortFlags, metricsPortHelp, startMetricsPort} from './support/metrics-port.js';
import {counted, formatCount} from '../core/units/format.js';
import {closeInTurn} from './support/close-in-turn.js';
import {recordingHeader} from './support/recording-header.js';
import {trackRecordProgress, type RecordTracker, type UnrecordedEvents} from './support/record-progress.js';

/** Whether two paths name one existing file (through links, other spellings or hard links alike). */
function sameFile(first: string, second: string): boolean {
	const a = fs.statSync(first, {throwIfNoEntry: false});
	const b = fs.statSync(second, {throwIfNoEntry: false});
	return a !== undefined && b !== undefined && a.isFile() && a.dev === b.dev && a.ino === b.ino;
}

/** What the summary says of the events carried over from the last record into the same store. */
function carriedWords(carried: number, unrecorded: UnrecordedEvents): string {
	const why = unrecorded.closed ? 'its --count cut them off' : 'it ended without closing that file (killed?), which may hold some of them too';
	return `${formatCount(carried)} of them were stored by the last record into this --data-dir after what it surely wrote to ${unrecorded.output === '-' ? 'standard output' : sanitize(unrecorded.output)} (${why})`;
}

/** The record command. */
export const recordCommand = defineCommand({
	name: 'record',
	summary: 'write events (optionally filtered) to a JSONL recording that replay and every command can read',
	help: `
  Usage: pubsub-tools record <recording|-> -o FILE [--filter EXPR] [--count N]
         pubsub-tools record --source URL -o FILE [--filter EXPR] [--count N] [--duration 60s]
${inputHelp}

  Options:
    -o, --output FILE  where to write (- for standard output; .gz is gzip-compressed)
    --filter EXPR      only events matching the filter, e.g. "orderId:ORD-12345" or "topic:payment.* status:error"
    --count N          stop after N recorded events
${metricsPortHelp}

  Ctrl-C stops cleanly: everything received is written and the file is valid; so do SIGTERM and a closed
  terminal or SSH session (SIGHUP), also while it starts (the file then holds its header alone; exit 1). Sent
  again while it starts or stops, they change nothing (SIGKILL ends it at once). With --data-dir, what a run
  killed outright (or cut by --count) stored but had not surely written goes first into the next run's file.

  Examples:
    pubsub-tools record --source 'kafka://localhost:19092?topics=orders.*' -o incident.jsonl.gz --duration 5m
    pubsub-tools record --source 'kafka://localhost:19092?topics=orders.*' -o hour.jsonl.gz --duration 1h --data-dir archive  # resumes
    pubsub-tools record recordings/ecommerce.jsonl.gz --filter "status:error" -o errors.jsonl`,
	flags: {...inputFlags, ...metricsPortFlags, output: {type: 'string', shortFlag: 'o'}, filter: {type: 'string'}, count: {type: 'number'}},
	async run(args, input) {
		if (!input.output) throw usageError('record: -o FILE is required (- for standard output)');
		if (input.count !== undefined && !(Number.isInteger(input.count) && input.count > 0)) throw usageError('--count: expected a positive whole number');
		const filter = filterFrom(input.filter, configFrom({config: input.config}).fields.containers);
		const specs = sourceSpecs(args, input, 'record');
		// Opening the output truncates it: were it the input, the input would be gone before a line of it was read.
		const overwritten = input.output === '-' ? undefined : specs.find(spec => sameFile(spec, input.output!));
		if (overwritten !== undefined) throw usageError(`record: -o ${sanitize(input.output)} is the input ${sanitize(overwritten)}; write the recording to another file`);
		const durationMs = durationOf(input);
		// A temporary store unless --data-dir: kept there, a live source resumes in the next run where this one stopped.
		const session = await openSession(specs, analysisStore(input), {from: input.from, to: input.to, seed: input.seed, demoDurationMs: durationMs});
		const writer = await openRecordingWriter(input.output, recordingHeader(specs, input.filter, session.sources));
		let written = 0;
		// A kept store resumes the next run after what this one stored: the events its file may lack go into the next file.
		let tracker: RecordTracker | undefined;
		if (input.dataDir !== undefined && !input.ephemeral) {
			tracker = await trackRecordProgress(input.dataDir, session.store, writer, input.output, events => filter ? events.filter(event => filter.matches(event)) : events);
			written = tracker.carried;
		}

		let counting = 0;
		session.engine.addSink(async batch => {
			let selected = filter ? batch.filter(event => filter.matches(event)) : batch;
			if (input.count !== undefined) selected = selected.slice(0, input.count - counting);
			if (selected.length > 0) await writer.write(selected);
			written += selected.length;
			counting += selected.length;
			const full = input.count !== undefined && counting >= input.count;
			// Cut by --count, the rest of the batch was stored but not written: the next run writes it.
			tracker?.handled(full ? selected.at(-1)?.seq ?? 0 : batch.at(-1)!.seq);
			if (full) void session.engine.stop();
		});
		// Time the live run saw pass with nothing arriving, so that a replay's saga deadlines and silences see it too;
		// a write that fails is remembered by the writer and said when it is closed.
		session.engine.onQuietTime(alertClock => void writer.writeClock(alertClock).catch(() => undefined));
		// A source that could not read, live or as the input recording says: a replay tells it from a quiet gap.
		session.engine.onOutage((_index, outage) => void writer.writeOutage(outage).catch(() => undefined));
		// A partition whose offsets went back: a replay takes the events after it as new ones, as this run did.
		session.engine.onRestarted(partition => void writer.writeRestart(partition).catch(() => undefined));
		let end: RunEnd;
		let stopMetrics: ((hold?: boolean) => Promise<void>) | undefined;
		try {
			stopMetrics = await startMetricsPort(session.engine, input);
			end = await runToEnd(session, {durationMs, connectTimeoutMs: connectTimeoutOf(input), ownSummary: true});
			// Ctrl-C, SIGTERM or SIGHUP means now: no hold after a run they stopped.
			await stopMetrics(!end.interrupted);
		} finally {
			await closeInTurn(async () => stopMetrics?.(false), async () => {
				let closed = false;
				try {
					await writer.close();
					closed = true;
				} finally {
					await tracker?.stop(closed);
				}
			}, async () => session.close());
		}

		const carried = tracker?.unrecorded && tracker.carried > 0 ? `; ${carriedWords(tracker.carried, tracker.unrecorded)}` : '';
		const lines = [`recorded ${counted(written, 'event')} to ${input.output === '-' ? 'standard output' : sanitize(input.output)}${carried}${end.interrupted ? `; ${stoppedWords(end)}` : ''}`, ...skippedReport(session.engine)];
		// An input that broke off (a truncated gzip, a source that failed) was recorded up to where it broke: not all of it.
		if (end.failedSources.length > 0) lines.push(`record: the recording holds the events read before ${end.failedSources.map(name => sanitize(name)).join(', ')} failed (said above)`);
		process.stderr.write(`${lines.join('\n')}\n`);
		return runExitCode(end);
	},
});

