// A headless run's account of the times a live source could not read (a broker lost, silent, or answering with
// errors): said once one has lasted a second, again when reading goes on, and at the end of the run. Before, a broker killed and back during `record`, `metrics --duration` or
// `monitor --headless` left no trace on stderr: its outage passed for a quiet system.
import {counted, formatMs} from '../../core/units/format.js';

/** A connection lost for less than this (a broker's blink) is not said. */
const sayAfterMs = 1000;

/** One source's outages, told from looks at its health (about four a second). */
export class ConnectionOutages {
	private since?: number;
	private said = false;
	private count = 0;
	private totalMs = 0;
	private first?: number;

	/** Note at `now` whether the source is reconnecting (`why`: its error); returns what to say now, if anything. */
	note(now: number, lost: boolean, why: string): string | undefined {
		if (lost) {
			this.since ??= now;
			if (this.said || now - this.since < sayAfterMs) return undefined;
			this.said = true;
			return `reading stopped (${why}): nothing is read until the broker answers again, then reading goes on from where it stopped`;
		}

		const {since, said} = this;
		this.since = undefined;
		this.said = false;
		if (since === undefined || !said) return undefined;
		this.count++;
		this.totalMs += now - since;
		this.first ??= since;
		return `reading again after ${formatMs(now - since)}, from where it stopped`;
	}

	/** At the end of the run: the outages that ended, their number, time in all and when the first began; undefined if none. */
	summary(): string | undefined {
		if (this.first === undefined) return undefined;
		const first = new Date(this.first).toISOString().replace(/\.\d+Z$/, 'Z');
		return `reading stopped ${counted(this.count, 'time')} during the run, ${formatMs(this.totalMs)} in all (the first at ${first}): nothing was read meanwhile, and what came then was read once it went on`;
	}
}
