// This run's alerts counted by rule and severity as they fire and resolve: whole-run figures that the cap on the
// stored alert log (its newest 10,000) cannot make go back, as Prometheus counters must not.
import type {AlertTransition} from './engine.js';

/** How many alerts of one rule and severity fired this run (0 for a rule that has not fired), and how many of them fire now. */
export type AlertTallyRow = {rule: string; severity: string; fired: number; firing: number};

/** Counts alert transitions by rule and severity (a few rows: rules × severities, never keys). */
export class AlertTally {
	private readonly rows = new Map<string, AlertTallyRow>();

	/**
	 * A row of 0 for each rule that may fire, before it does: a counter series that first appears at 1 hides that
	 * alert from Prometheus' increase() and rate().
	 */
	constructor(rules: ReadonlyArray<{rule: string; severity: string}> = []) {
		for (const {rule, severity} of rules) this.row(rule, severity);
	}

	/** Count one transition. */
	note({kind, alert}: AlertTransition): void {
		const row = this.row(alert.rule, alert.severity);
		if (kind === 'fired') {
			row.fired++;
			row.firing++;
		} else {
			row.firing = Math.max(0, row.firing - 1);
		}
	}

	/** The row of a rule and severity, made at 0 on first use. */
	private row(rule: string, severity: string): AlertTallyRow {
		const key = `${rule}\u0000${severity}`;
		let row = this.rows.get(key);
		if (!row) {
			row = {rule, severity, fired: 0, firing: 0};
			this.rows.set(key, row);
		}

		return row;
	}

	/** The rows: the rules known at the start, then those a stage raised, in the order they first fired (copies). */
	list(): AlertTallyRow[] {
		return [...this.rows.values()].map(row => ({...row}));
	}
}

/** The rows added up: every alert the run fired, and how many fire now. */
export function tallyTotals(rows: readonly AlertTallyRow[]): {fired: number; firing: number} {
	return rows.reduce((sum, row) => ({fired: sum.fired + row.fired, firing: sum.firing + row.firing}), {fired: 0, firing: 0});
}
