// A recording source replayed at its recorded pace, with a speed the TUI can change while it plays.
import type {Source} from './source.js';

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
