// The alert rules' late events as `metrics` reports them: per rule, and added up.
import type {AlertLatenessSummary} from '../metrics/types.js';
import type {LateCount} from './rule.js';

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
