// The group-by's table of figures: compensated sums, and the groups of two tables added together (a query split
// over threads) against one table that saw every event.
import {describe, expect, it} from 'vitest';
import {GroupTable} from '../../../source/core/queries/group-table.js';

describe('GroupTable', () => {
	it('adds amounts without the rounding a plain sum collects', () => {
		const table = new GroupTable(true);
		for (let index = 0; index < 10; index++) table.add('a', 0.1, undefined);
		let plain = 0;
		for (let index = 0; index < 10; index++) plain += 0.1;
		expect(plain).not.toBe(1);
		expect(table.entries()).toEqual([['a', {count: 10, sum: 1}]]);
	});

	it('absorbs the groups of another table as if it had counted their events itself', () => {
		const whole = new GroupTable(true);
		const parts = [new GroupTable(true), new GroupTable(true)];
		const amounts = [12.34, 0.1, 1e16, -1e16, 7.77, 3, 0.2];
		for (let event = 0; event < 700; event++) {
			const group = `G-${event % 9}`;
			const amount = event % 11 === 0 ? undefined : amounts[event % amounts.length];
			// Some events have no time: a group's times come from those that do.
			const time = event % 5 === 0 ? undefined : 1_000_000 + ((event * 7919) % 1000);
			whole.add(group, amount, time);
			parts[event % 3 === 0 ? 0 : 1]!.add(group, amount, time);
		}

		// A group only the other part has, and one with no time at all.
		parts[1]!.add('only-here', 5, undefined);
		whole.add('only-here', 5, undefined);
		parts[0]!.absorb(parts[1]!.columns());
		const sorted = (table: GroupTable) => table.entries().sort(([a], [b]) => a.localeCompare(b));
		expect(sorted(parts[0]!)).toEqual(sorted(whole));
		expect(sorted(whole).find(([group]) => group === 'only-here')).toEqual(['only-here', {count: 1, sum: 5}]);
	});
});
