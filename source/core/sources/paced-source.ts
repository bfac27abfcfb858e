// A recording source replayed at its recorded pace, with a speed the TUI can change while it plays.
import type {Source} from './source.js';
import {formatDuration, formatSpan} from '../units/format.js';
import {longestWaitMs, pace, type PaceOptions} from './pacing.js';

/** Shortened gaps said one by one; past them, one notice says that more were. */
const gapsSaid = 5;

/** Replay controls and position for the UI. */
export type ReplayControl = {
	speed(): number | 'max';
	/** Change the speed while playing (the TUI's + and - keys). */
	setSpeed(speed: number | 'max'): void;
	/** Recorded time (ms) of the last event released, if any. */
	position(): number | undefined;
	/** All events have been released. */
	finished(): boolean;
};

/** A Source that also offers replay controls. */
export type PacedSource = Source & {replay: ReplayControl};

/** Wrap a recording source so its batches come out at the recorded pace (see pace()). */
export function pacedSource(source: Source, options: Omit<PaceOptions, 'signal' | 'onShortened'>): PacedSource {
	const stop = new AbortController();
	// Gaps too long to wait for, said beside the source (SourceHealth.notices): on stderr, and in the TUI.
	const shortened: string[] = [];
	const onShortened = ({from, to}: {from: number; to: number}) => {
		if (shortened.length < gapsSaid) {
			shortened.push(`nothing was recorded from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} (${formatDuration(to - from)}): the replay waited ${formatSpan(longestWaitMs)} there, not the whole gap`);
		} else if (shortened.length === gapsSaid) shortened.push(`more gaps of over ${formatSpan(longestWaitMs)} were shortened the same way`);
	};

	const paced = pace({[Symbol.asyncIterator]: () => source.batches()[Symbol.asyncIterator]()}, {...options, signal: stop.signal, onShortened});
	return {
		id: source.id,
		batches: () => paced,
		health() {
			const health = source.health();
			// The file may be read to its end long before its last event is played: finished means played.
			const state = health.state === 'finished' && !paced.finished() ? 'connected' : health.state;
			const notices = [...health.notices ?? [], ...shortened];
			return {...health, state, progress: {bytesRead: 0, ...health.progress, position: paced.position()}, ...notices.length > 0 && {notices}};
		},
		replay: paced,
		async close() {
			stop.abort();
			await source.close();
		},
	};
}
