// Long synchronous work (parsing a read-ahead, planning a store batch) cut into slices, so keys, timers and
// frames get the event loop between them: the TUI must answer a key within 100 ms while ingest runs flat out.
import {performance} from 'node:perf_hooks';
import {setImmediate as nextTurn} from 'node:timers/promises';

/** Work allowed in one turn of the event loop before a slice ends (ms). */
const sliceMs = 4;

/** Tells when the current slice of work is used up; `pause()` ends it and starts the next in a later turn. */
export class TimeSlice {
	private started = performance.now();

	/** Whether this slice has run for its time (cheap: call it every few dozen items, not per item). */
	due(): boolean {
		return performance.now() - this.started >= sliceMs;
	}

	/** Let the event loop run, then start a new slice. */
	async pause(): Promise<void> {
		await nextTurn();
		this.started = performance.now();
	}
}
