// How the alert rules whose windows are in event time treat late events (how far behind the clock they still
// count, how long resolutions wait, what each rule counted late or too late), and those counts as `metrics`
// reports them: per rule, and added up.
import type {AlertLatenessSummary} from '../metrics/types.js';
import type {LateCount} from './rule.js';

/**
 * One rule's allowed lateness: an event at most `latenessMs` (the allowed lateness, or the rule's window if
 * longer) behind the clock counts in the windows of its own time; a condition it completes is reported no earlier
 * than `settleMs` behind the clock, which is how long the rule's resolutions wait, so that a late event never finds
 * its condition inside an alert already resolved.
 */
export class LateEvents {
	/** How long the rule's resolutions wait (AlertRule.settleMs). */
	readonly settleMs: number;
	/** How far behind the clock an event still counts in the windows of its own time. */
	readonly latenessMs: number;
	private readonly counts: LateCount = {late: 0, tooLate: 0};

	/** `countedWhenSeen`: the rule counts each event at the clock, so none is ever late. */
	constructor(private readonly windowMs: number, allowedLatenessMs: number, countedWhenSeen = false) {
		this.settleMs = countedWhenSeen ? 0 : allowedLatenessMs;
		this.latenessMs = countedWhenSeen ? 0 : Math.max(windowMs, this.settleMs);
	}

	/** Whether `time` is behind the window that ends at `now` (an event there is late). */
	behind(time: number, now: number): boolean {
		return time <= now - this.windowMs;
	}

	/** Whether an event at `time` is too far behind `now` to count; if so it is counted too late. */
	refuses(time: number, now: number): boolean {
		if (!this.behind(time, now) || time > now - this.latenessMs) return false;
		this.counts.tooLate++;
		return true;
	}

	/** Count an event the rule's state could not keep (older than a busy key holds): too late. */
	lost(): void {
		this.counts.tooLate++;
	}

	/** Count an event the rule counted: late when it is behind the window that ends at `now`. */
	counted(time: number, now: number): void {
		if (this.behind(time, now)) this.counts.late++;
	}

	/** The earliest time a condition completed at `now` is reported at. */
	earliest(now: number): number {
		return now - this.settleMs;
	}

	/** Its counts so far (a copy). */
	count(): LateCount {
		return {...this.counts};
	}
}

/** The summary of each rule's late events (AlertEngine.lateness) under the configured allowed lateness. */
export function alertLatenessSummary(allowedLatenessMs: number, rules: Partial<Record<string, LateCount>>): AlertLatenessSummary {
	const summary: AlertLatenessSummary = {allowedLatenessMs, late: 0, tooLate: 0, rules: {}};
	for (const [name, count] of Object.entries(rules)) {
		if (count === undefined) continue;
		summary.late += count.late;
		summary.tooLate += count.tooLate;
		summary.rules[name] = {...count};
	}

	return summary;
}
