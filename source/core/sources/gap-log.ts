// What a live source could not read, or read again from a start (a topic or stream made again): kept for the end of
// a run, and the latest with when each was found, so that a screen shows them while they are news.
import type {SourceHealth} from './source.js';

/** Gaps kept for the end of a run (more than this many at once are said by the first ones), and latest ones kept. */
const maxKept = 20;

/** The gaps one source found: the first ones for the end of the run, the latest with their times. */
export class GapLog {
	private readonly first: string[] = [];
	private readonly latest: NonNullable<SourceHealth['recentGaps']> = [];
	/** The text last kept under each key (set), and where in `first` it is, when it is there. */
	private readonly keyed = new Map<string, {text: string; index?: number}>();

	/**
	 * Keep `text`, found now (the wall clock, as events' arrival times); not among the latest when not `news` (said
	 * otherwise while it is news: by the line that says reading went on after an outage).
	 */
	add(text: string, news = true): void {
		if (this.first.length < maxKept) this.first.push(text);
		if (news) this.note(text);
	}

	/** Keep `text`, found now, in place of the gap kept under `key` before (a running total): said once, as it is last. */
	set(key: string, text: string): void {
		const previous = this.keyed.get(key);
		if (!previous) {
			this.keyed.set(key, {text, ...this.first.length < maxKept && {index: this.first.length}});
			this.add(text);
			return;
		}

		if (previous.index !== undefined) this.first[previous.index] = text;
		const stale = this.latest.findIndex(gap => gap.text === previous.text);
		if (stale >= 0) this.latest.splice(stale, 1);
		this.note(text);
		previous.text = text;
	}

	/** Keep `text` among the latest, found now. */
	private note(text: string): void {
		this.latest.push({text, at: Date.now()});
		if (this.latest.length > maxKept) this.latest.shift();
	}

	/** The gaps as SourceHealth gives them (copies; none when there are none). */
	health(): Pick<SourceHealth, 'gaps' | 'recentGaps'> {
		return this.first.length === 0 ? {} : {gaps: [...this.first], recentGaps: [...this.latest]};
	}
}
