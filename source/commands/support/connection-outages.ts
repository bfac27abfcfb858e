// A headless run's account of the times a live source could not read (a broker lost, silent, or answering with
// errors): said once one has lasted a second, again when reading goes on, and at the end of the run. Before, a broker killed and back during `record`, `metrics --duration` or
// `monitor --headless` left no trace on stderr: its outage passed for a quiet system. A replay says the outages its
// recording holds (recording-format.md "Outages") the same way, at the recording's times.
import {counted, formatMs} from '../../core/units/format.js';
import type {RecordedOutage} from '../../core/sources/recording/outage-line.js';

/** A connection lost for less than this (a broker's blink) is not said. */
const sayAfterMs = 1000;

/** An outage begun (`from`, `reason`) or ended (`to` as well), as a recording writes it; the source's name is added by whoever writes it. */
export type OutageChange = Omit<RecordedOutage, 'source'>;

/** A time as said in these lines: ISO-8601 to the second. */
function isoSecond(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
}

/** One source's outages, told from looks at its health (about four a second), or from a recording's lines. */
export class ConnectionOutages {
	private since?: number;
	private said = false;
	private count = 0;
	private totalMs = 0;
	private first?: number;
	/** A recorded outage begun and not (yet) ended: when it began. */
	private recordedOpen?: number;

	/** `changed` hears each outage as it is said begun and as it ends (a recorder writes them). */
	constructor(private readonly changed?: (outage: OutageChange) => void) {}

	/** Note at `now` whether the source is reconnecting (`why`: its error); returns what to say now, if anything. */
	note(now: number, lost: boolean, why: string): string | undefined {
		if (lost) {
			this.since ??= now;
			if (this.said || now - this.since < sayAfterMs) return undefined;
			this.said = true;
			this.changed?.({from: this.since, reason: why});
			return `reading stopped (${why}): nothing is read until the broker answers again, then reading goes on from where it stopped`;
		}

		const {since, said} = this;
		this.since = undefined;
		this.said = false;
		if (since === undefined || !said) return undefined;
		this.changed?.({from: since, to: now});
		return this.ended(since, now);
	}

	/** A recording's outage line (begun, or ended with `to`): what to say of it, at the recording's times. */
	recorded({from, to, reason}: OutageChange): string {
		if (to === undefined) {
			this.recordedOpen = from;
			return `reading stopped at ${isoSecond(from)}${reason === undefined ? '' : ` (${reason})`}: nothing was read until reading went on`;
		}

		this.recordedOpen = undefined;
		return this.ended(from, to, ` at ${isoSecond(to)}`);
	}

	/** An outage from `from` to `to` ended: counted, and said. */
	private ended(from: number, to: number, at = ''): string {
		this.count++;
		this.totalMs += to - from;
		this.first ??= from;
		return `reading again${at} after ${formatMs(to - from)}, from where it stopped`;
	}

	/** At the end of the run: the outages that ended (their number, time in all, when the first began), and a recorded one that never did. */
	summary(): string[] {
		const lines = [];
		if (this.first !== undefined) lines.push(`reading stopped ${counted(this.count, 'time')} during the run, ${formatMs(this.totalMs)} in all (the first at ${isoSecond(this.first)}): nothing was read meanwhile, and what came then was read once it went on`);
		if (this.recordedOpen !== undefined) lines.push(`reading stopped at ${isoSecond(this.recordedOpen)} and had not gone on when the recording ended: what came after was never read`);
		return lines;
	}
}
