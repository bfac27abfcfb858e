import {describe, expect, it} from 'vitest';
import {chartLines, resample} from '../../source/ui/components/chart-lines.js';
import {displayWidth} from '../../source/ui/text/width.js';

describe('charts', () => {
	it('squeezes a series by mean or max and stretches a short one', () => {
		expect(resample([1, 3, 5, 7], 2, 'mean')).toEqual([2, 6]);
		expect(resample([1, 3, 5, 7], 2, 'max')).toEqual([3, 7]);
		expect(resample([1, 2], 4, 'mean')).toEqual([1, 1, 2, 2]);
		expect(resample([Number.NaN, 4], 2, 'max')).toEqual([0, 4]);
	});

	it('draws exactly width × height cells with labels from zero to the top', () => {
		const lines = chartLines([0, 10, 20, 10, 0], {width: 40, height: 5, merge: 'mean', format: value => value.toFixed(0)});
		expect(lines).toHaveLength(5);
		for (const line of lines) expect(displayWidth(line)).toBe(40);
		expect(lines[0]!.trimStart().startsWith('20')).toBe(true);
		expect(lines[4]!.trimStart().startsWith('0')).toBe(true);
		expect(lines.join('\n')).toMatch(/[╭╮╯╰─]/);
	});

	it('draws a flat zero line for an empty or all-zero series, and blank space when too small', () => {
		const lines = chartLines([], {width: 20, height: 3, merge: 'mean', format: String});
		expect(lines).toHaveLength(3);
		expect(lines.at(-1)).toContain('─');
		expect(chartLines([1, 2], {width: 9, height: 3, merge: 'mean', format: String})).toEqual(['         ', '         ', '         ']);
	});
});
