// How far `record --data-dir DIR`'s recordings surely hold the events of the store they were read into, noted in that
// directory. The store saves a batch's events and positions before the recording is given them, and a .gz reaches its
// file up to a second later: a record killed outright (SIGKILL, out of memory) had stored events its file lacks, and
// one stopped by --count stored the rest of the last batch. The next run resumes from the store's positions, so
// without this note those events would be in no recording, and nothing would say so.
import fs from 'node:fs';
import path from 'node:path';
import type {Envelope} from '../../core/envelope.js';
import type {RecordingWriter} from '../../core/recording-writer.js';
import type {EventStore} from '../../core/store/types.js';

/** The note's file in the store's directory. */
const noteName = 'record-progress.json';

/** What the note says: every event stored up to `seq` is in a recording, the last one being `output`, closed or not. */
type Note = {output: string; seq: number; closed: boolean};

/** Events the last record stored that its recording may lack: seqs after `afterSeq` up to `upToSeq`. */
export type UnrecordedEvents = Note & {afterSeq: number; upToSeq: number};

/** The note of a kept store's recordings. */
type RecordProgress = {
	/** What the last record left out of its recording, if anything (read when opened). */
	readonly unrecorded?: UnrecordedEvents;
	/** Say that every event up to `seq` is in `output` (`closed`: its run ended and closed it). */
	save(output: string, seq: number, closed: boolean): void;
};

/** The note as saved, or undefined when there is none (no record used the store yet) or it cannot be read. */
function readNote(file: string): Note | undefined {
	try {
		const note = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Note>;
		return typeof note.output === 'string' && Number.isSafeInteger(note.seq) && typeof note.closed === 'boolean' ? note as Note : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Open the note of the store in `dir`, whose newest event is `newestSeq` (0: none). Without a note every stored event
 * counts as recorded: the store was kept by another command or an earlier version, which said nothing of its files.
 */
function openRecordProgress(dir: string, newestSeq: number): RecordProgress {
	const file = path.join(dir, noteName);
	const note = readNote(file);
	const unrecorded = note && newestSeq > note.seq ? {...note, afterSeq: note.seq, upToSeq: newestSeq} : undefined;
	return {
		unrecorded,
		save(output, seq, closed) {
			// Renamed into place: a process killed while writing leaves the note before, never half of one.
			const temporary = `${file}.${process.pid}.tmp`;
			fs.writeFileSync(temporary, JSON.stringify({output, seq, closed} satisfies Note));
			fs.renameSync(temporary, file);
		},
	};
}

/** How often a running record notes what its file surely holds: the recording writer's own flush interval. */
const noteEveryMs = 1000;

/** Events written to a recording at once when the last record's are carried over. */
const carryChunk = 1000;

/** A running record's note: what it has dealt with, and how it ends. */
export type RecordTracker = {
	/** Events the last record stored but had not surely written, written at the start of this recording. */
	readonly carried: number;
	/** What the last record left out, as found (carried over now). */
	readonly unrecorded?: UnrecordedEvents;
	/** Every stored event up to `seq` was dealt with: written to the recording, or left out by the filter. */
	handled(seq: number): void;
	/** Stop noting; `closed`: the recording was closed whole, so every event handled is in it. */
	stop(closed: boolean): Promise<void>;
};

/**
 * Keep `record`'s note in the store's directory `dir` while it writes `output`: first write (through `select`, the
 * filter) the events the last record stored after what its file surely held, then, every second, once the writer says
 * what was handed to it is in the file, note the last event handled before that.
 */
export async function trackRecordProgress(dir: string, store: EventStore, writer: RecordingWriter, output: string, select: (events: Envelope[]) => Envelope[]): Promise<RecordTracker> {
	const progress = openRecordProgress(dir, store.seqRange()?.newest ?? 0);
	const {unrecorded} = progress;
	let handledSeq = unrecorded?.afterSeq ?? store.seqRange()?.newest ?? 0;
	let carried = 0;
	if (unrecorded) {
		for (let from = unrecorded.afterSeq + 1; from <= unrecorded.upToSeq; from += carryChunk) {
			const events: Envelope[] = [];
			// A seq missing was deleted by retention since: nothing is left of it to write.
			for (let seq = from; seq < from + carryChunk && seq <= unrecorded.upToSeq; seq++) {
				const event = store.get(seq);
				if (event) events.push(event);
			}

			const selected = select(events);
			await writer.write(selected);
			carried += selected.length;
		}

		handledSeq = unrecorded.upToSeq;
	} else {
		// Killed before its first note, this run leaves this one: the next run writes everything it stored.
		progress.save(output, handledSeq, false);
	}

	let noting: Promise<void> | undefined;
	let noted = unrecorded?.afterSeq ?? handledSeq;
	const note = async () => {
		const seq = handledSeq;
		// Nothing new: an idle recording gets no empty flush block each second.
		if (seq === noted) return;
		await writer.flushed();
		progress.save(output, seq, false);
		noted = seq;
	};

	const timer = setInterval(() => {
		// A write that fails is said by the writer's close; the note then stays where the file was last known whole.
		noting ??= note().catch(() => undefined).finally(() => {
			noting = undefined;
		});
	}, noteEveryMs);
	timer.unref();
	return {
		carried,
		unrecorded,
		handled(seq) {
			handledSeq = Math.max(handledSeq, seq);
		},
		async stop(closed) {
			clearInterval(timer);
			await noting;
			if (closed) progress.save(output, handledSeq, true);
		},
	};
}
