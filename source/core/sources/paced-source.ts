// A recording source replayed at its recorded pace, with a speed the TUI can change while it plays.
import type {Source} from './source.js';
import {pace, type PaceOptions} from './pacing.js';

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
export function pacedSource(source: Source, options: Omit<PaceOptions, 'signal'>): PacedSource {
	const stop = new AbortController();
	const paced = pace({[Symbol.asyncIterator]: () => source.batches()[Symbol.asyncIterator]()}, {...options, signal: stop.signal});
	return {
		id: source.id,
		batches: () => paced,
		health() {
			const health = source.health();
			// The file may be read to its end long before its last event is played: finished means played.
			const state = health.state === 'finished' && !paced.finished() ? 'connected' : health.state;
			return {...health, state, progress: {bytesRead: 0, ...health.progress, position: paced.position()}};
		},
		replay: paced,
		async close() {
			stop.abort();
			await source.close();
		},
	};
}
