// The figures of a group-by's groups, kept in typed arrays indexed by group (one Map entry per value to find the
// index): a million events adding into 100,000 groups held as objects spent seconds boxing their sums and times.
import type {GroupFigures} from './group-by.js';

/** Groups to make room for at first (the arrays double when full). */
const initialGroups = 64;

/** Counts, sums and first / last event times of the groups, by group value. */
export class GroupTable {
	private readonly index = new Map<string, number>();
	private counts = new Float64Array(initialGroups);
	private sums = new Float64Array(initialGroups);
	private firsts = new Float64Array(initialGroups);
	private lasts = new Float64Array(initialGroups);
	/** 1 once a group has seen an event with a time. */
	private timed = new Uint8Array(initialGroups);

	/** `withSum`: whether the groups carry a sum (then `add`'s amount is added, undefined counting 0). */
	constructor(private readonly withSum: boolean) {}

	/** Count one event of group `value`, with its amount to sum and its time, if any. */
	add(value: string, amount: number | undefined, time: number | undefined): void {
		let group = this.index.get(value);
		if (group === undefined) {
			group = this.index.size;
			if (group === this.counts.length) this.grow();
			this.index.set(value, group);
		}

		this.counts[group]!++;
		if (this.withSum) this.sums[group]! += amount ?? 0;
		if (time === undefined) return;
		if (this.timed[group] === 0) {
			this.timed[group] = 1;
			this.firsts[group] = time;
			this.lasts[group] = time;
			return;
		}

		if (time < this.firsts[group]!) this.firsts[group] = time;
		if (time > this.lasts[group]!) this.lasts[group] = time;
	}

	/** Each group's value and figures, in the order the groups were first seen. */
	entries(): Array<[string, GroupFigures]> {
		return [...this.index].map(([value, group]): [string, GroupFigures] => [value, {
			count: this.counts[group]!,
			...(this.withSum ? {sum: this.sums[group]!} : {}),
			...(this.timed[group] === 1 ? {firstSeen: this.firsts[group]!, lastSeen: this.lasts[group]!} : {}),
		}]);
	}

	/** Twice the room in every array. */
	private grow(): void {
		const twice = <T extends Float64Array | Uint8Array>(array: T, make: (length: number) => T): T => {
			const grown = make(array.length * 2);
			grown.set(array);
			return grown;
		};

		this.counts = twice(this.counts, length => new Float64Array(length));
		this.sums = twice(this.sums, length => new Float64Array(length));
		this.firsts = twice(this.firsts, length => new Float64Array(length));
		this.lasts = twice(this.lasts, length => new Float64Array(length));
		this.timed = twice(this.timed, length => new Uint8Array(length));
	}
}
