// What a live source could not read, or read again from a start (a topic or stream made again): kept for the end of
// a run, and the latest with when each was found, so that a screen shows them while they are news.
import type {SourceHealth} from './source.js';

/** Gaps kept for the end of a run (more than this many at once are said by the first ones), and latest ones kept. */
const maxKept = 20;

/** The gaps one source found: the first ones for the end of the run, the latest with their times. */
export class GapLog {
	private readonly first: string[] = [];
	private readonly latest: NonNullable<SourceHealth['recentGaps']> = [];

	/** Keep `text`, found now (the wall clock, as events' arrival times). */
	add(text: string): void {
		if (this.first.length < maxKept) this.first.push(text);
		this.latest.push({text, at: Date.now()});
		if (this.latest.length > maxKept) this.latest.shift();
	}

	/** The gaps as SourceHealth gives them (copies; none when there are none). */
	health(): Pick<SourceHealth, 'gaps' | 'recentGaps'> {
		return this.first.length === 0 ? {} : {gaps: [...this.first], recentGaps: [...this.latest]};
	}
}
