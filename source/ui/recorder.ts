// The `r` key: record what arrives (every stored batch) to a recording file until pressed again.
import fs from 'node:fs/promises';
import path from 'node:path';
import type {Engine} from '../core/engine.js';
import {openRecordingWriter, type RecordingWriterHeader} from '../core/recording-writer.js';
import type {RecordedOutage} from '../core/sources/recording/outage-line.js';

/** Where recordings go (created when missing) and what their header says. */
export type RecorderOptions = {
	directory: string;
	/** The recording header: the one `record` writes for the same input (asked for once the input's own header is read). */
	header: RecordingWriterHeader | (() => RecordingWriterHeader);
	now?: () => Date;
};

type Active = {path: string; written: number; stopSinks: () => void; close: () => Promise<void>};

/** Starts and stops recording the engine's stored batches to a new file. */
export class Recorder {
	private active?: Active;
	private busy?: Promise<unknown>;

	constructor(private readonly engine: Pick<Engine, 'addSink' | 'onQuietTime' | 'onOutage' | 'onRestarted' | 'outages'>, private readonly options: RecorderOptions) {}

	/** The file being recorded to, if recording. */
	get path(): string | undefined {
		return this.active?.path;
	}

	/** Start recording when stopped, stop when recording. */
	async toggle(): Promise<{started: string} | {stopped: string; written: number}> {
		// Key repeats must not open two files or close one twice.
		await this.busy;
		const step = this.active ? this.stop() : this.start();
		this.busy = step.catch(() => undefined);
		return step;
	}

	/** Stop recording (if recording) and close the file so it is complete. */
	async stop(): Promise<{stopped: string; written: number}> {
		const active = this.active;
		if (!active) return {stopped: '', written: 0};
		this.active = undefined;
		active.stopSinks();
		await active.close();
		return {stopped: active.path, written: active.written};
	}

	private async start(): Promise<{started: string}> {
		const stamp = (this.options.now?.() ?? new Date()).toISOString().replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
		await fs.mkdir(this.options.directory, {recursive: true});
		const file = path.resolve(this.options.directory, `pubsub-tools-${stamp}.jsonl`);
		const writer = await openRecordingWriter(file, this.options.header);
		// A write that fails is remembered by the writer and said when the file is closed.
		const writeOutage = (outage: RecordedOutage) => void writer.writeOutage(outage).catch(() => undefined);
		// Started while a source cannot read: the outage's first line comes first, so a replay knows the quiet that follows.
		for (const outage of this.engine.outages()) if (outage.to === undefined) writeOutage(outage);
		const active: Active = {path: file, written: 0, stopSinks: () => undefined, close: async () => writer.close()};
		const stopEvents = this.engine.addSink(async batch => {
			await writer.write(batch);
			active.written += batch.length;
		});
		const stopQuiet = this.engine.onQuietTime(alertClock => void writer.writeClock(alertClock).catch(() => undefined));
		// A source that could not read (said live, or by the recording replayed): a replay tells it from a quiet gap.
		const stopOutages = this.engine.onOutage((_index, outage) => {
			writeOutage(outage);
		});
		// A partition whose offsets went back: a replay takes the events after it as new ones, as this run did.
		const stopRestarts = this.engine.onRestarted(partition => void writer.writeRestart(partition).catch(() => undefined));
		active.stopSinks = () => {
			stopEvents();
			stopQuiet();
			stopOutages();
			stopRestarts();
		};
		this.active = active;
		return {started: file};
	}
}
