// A headless run's account of the times a live source could not read (a broker lost, silent, or answering with
// errors): said once one has lasted a second, again when reading goes on, and at the end of the run; a shorter break
// after which reading did not go on from where it stopped is said when reading goes on. Before, a broker killed and back during `record`, `metrics --duration` or
// `monitor --headless` left no trace on stderr: its outage passed for a quiet system. A replay says the outages its
// recording holds (recording-format.md "Outages") the same way, at the recording's times.
import {counted, formatMs} from '../../core/units/format.js';
import {isoSecond, outageWords, resumedWords, type RecordedOutage} from '../../core/sources/recording/outage-line.js';

/** A connection lost for less than this (a broker's blink) is not said. */
const sayAfterMs = 1000;

/** An outage begun (`from`, `reason`) or ended (`to` as well), as a recording writes it; the source's name is added by whoever writes it. */
export type OutageChange = Omit<RecordedOutage, 'source'>;

/** One source's outages, told from looks at its health (about four a second), or from a recording's lines. */
export class ConnectionOutages {
	private since?: number;
	private said = false;
	private count = 0;
	private totalMs = 0;
	private first?: number;
	/** A recorded outage begun and not (yet) ended: when it began. */
	private recordedOpen?: number;
	/** When the source read again after the last outage whose `resumed` was heard (SourceHealth.resumedAt). */
	private resumedAt?: number;

	/**
	 * `changed` hears each outage as it is said begun and as it ends (a recorder writes them); `news` hears how reading
	 * went on (`resumed`) after a break too short to be said as an outage, or begun and ended between two looks.
	 */
	constructor(private readonly changed?: (outage: OutageChange) => void, private readonly news?: (resumed: string) => void) {}

	/**
	 * Note at `now` whether the source is reconnecting (`why`: its error; `resumed`: once it reads again, what it found
	 * changed, SourceHealth.resumed, found at `resumedAt`); returns what to say now, if anything: an outage begun a
	 * second ago, one ended, or how reading went on after a break too short to be an outage (`… after a short break`).
	 */
	note(now: number, lost: boolean, why: string, resumed?: string, resumedAt?: number): string | undefined {
		if (lost) {
			this.since ??= now;
			if (this.said || now - this.since < sayAfterMs) return undefined;
			this.said = true;
			this.changed?.({from: this.since, reason: why});
			// Only what is known now: whether reading goes on from where it stopped is found once it reads again.
			return `reading stopped (${why}): nothing is read meanwhile; how reading goes on is said when it does`;
		}

		const {since, said} = this;
		this.since = undefined;
		this.said = false;
		// Each outage's `resumed` once: said by the line that ends the outage, or else as news of its own. Before, a
		// break under a second (or unseen) that read a topic made again from its new start was said nowhere until the end.
		const fresh = resumed !== undefined && resumedAt !== this.resumedAt;
		if (fresh) this.resumedAt = resumedAt;
		// Headless runs say it on stderr at once, as the line that ends an outage would (the TUI under the source, by `news`).
		if (since === undefined || !said) {
			if (!fresh) return undefined;
			this.news?.(resumed);
			return `reading again after a short break${resumedWords(resumed)}`;
		}

		this.changed?.({from: since, to: now, ...(resumed !== undefined && {resumed})});
		this.ended(since, now);
		return `reading again after ${formatMs(now - since)}${resumedWords(resumed)}`;
	}

	/** A recording's outage line (begun, or ended with `to`): what to say of it, at the recording's times. */
	recorded(outage: OutageChange): string {
		this.recordedOpen = outage.to === undefined ? outage.from : undefined;
		if (outage.to !== undefined) this.ended(outage.from, outage.to);
		return outageWords(outage);
	}

	/** An outage from `from` to `to` ended: counted. */
	private ended(from: number, to: number): void {
		this.count++;
		this.totalMs += to - from;
		this.first ??= from;
	}

	/**
	 * At the end of the run (`now`): the outages said (their number, time in all, when the first began), the one still
	 * open when the run ended among them, up to `now`; and a recorded one that never ended, whose length is unknown.
	 */
	summary(now: number): string[] {
		const lines = [];
		const open = this.said && this.since !== undefined ? this.since : undefined;
		const count = this.count + (open === undefined ? 0 : 1);
		const first = this.first ?? open;
		if (first !== undefined) {
			const totalMs = this.totalMs + (open === undefined ? 0 : now - open);
			const stopped = `reading stopped ${counted(count, 'time')} during the run, ${formatMs(totalMs)} in all`;
			if (open === undefined) lines.push(`${stopped} (the first at ${isoSecond(first)}): nothing was read meanwhile, and what came then was read once it went on`);
			else if (count === 1) lines.push(`${stopped} (at ${isoSecond(first)}), and had not gone on when the run ended: nothing was read after it`);
			else lines.push(`${stopped} (the first at ${isoSecond(first)}; the last, at ${isoSecond(open)}, had not gone on when the run ended): nothing was read meanwhile; what came during the others was read once reading went on, what came after the last was never read`);
		}

		if (this.recordedOpen !== undefined) lines.push(`reading stopped at ${isoSecond(this.recordedOpen)} and had not gone on when the recording ended: what came after was never read`);
		return lines;
	}
}
