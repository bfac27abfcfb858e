// Series by name up to a cap and, beyond it, one overflow series that no name reaches: a topic that is literally
// named "(other)" keeps a series of its own, apart from the topics past the cap.
import type {DetailBudget} from './detail-budget.js';
import {Series} from './series.js';

/** Name the overflow series is shown under where a name is needed (the TUI's rows). */
export const otherSeries = '(other)';

/** Named series, at most `cap`, and the shared overflow series of further names. */
export class CappedSeries {
	private readonly named = new Map<string, Series>();
	private overflow: Series | undefined;

	constructor(private readonly cap: number, private readonly budget: DetailBudget) {}

	/** The series of `name` if it has one of its own. */
	get(name: string): Series | undefined {
		return this.named.get(name);
	}

	/** The series of `name`, made on first use; beyond the cap, the overflow series. */
	of(name: string): Series {
		let series = this.named.get(name);
		if (series) return series;
		if (this.named.size >= this.cap) {
			this.overflow ??= new Series(otherSeries, this.budget);
			return this.overflow;
		}

		series = new Series(name, this.budget);
		this.named.set(name, series);
		return series;
	}

	/** Whether `series` is the overflow series. */
	isOverflow(series: Series): boolean {
		return series === this.overflow;
	}

	/** The overflow series, once a name went past the cap. */
	other(): Series | undefined {
		return this.overflow;
	}

	/** The named series ordered by name, so output does not depend on which came first. */
	sorted(): Array<[string, Series]> {
		return [...this.named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	}

	/** The named series and the overflow one (under `(other)`), ordered by name: rows for views. */
	rows(): Array<[string, Series]> {
		const rows = this.sorted();
		if (this.overflow) rows.push([otherSeries, this.overflow]);
		return rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	}
}
