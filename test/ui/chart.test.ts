import {describe, expect, it} from 'vitest';
import {chartLines, resample} from '../../source/ui/components/chart-lines.js';
import {displayWidth} from '../../source/ui/text/width.js';

describe('charts', () => {
	it('squeezes a series by mean or max and stretches a short one', () => {
		expect(resample([1, 3, 5, 7], 2, 'mean')).toEqual([2, 6]);
		expect(resample([1, 3, 5, 7], 2, 'max')).toEqual([3, 7]);
		expect(resample([1, 2], 4, 'mean')).toEqual([1, 1, 2, 2]);
	});

	it('keeps a second without a value out of its bucket, and a bucket of none without a value', () => {
		expect(resample([Number.NaN, 4], 2, 'max')).toEqual([Number.NaN, 4]);
		expect(resample([2, Number.NaN, Number.NaN, 6], 2, 'mean')).toEqual([2, 6]);
		expect(resample([Number.NaN, Number.NaN, 3, 1], 2, 'max')).toEqual([Number.NaN, 3]);
		expect(resample([Number.NaN, 5], 4, 'mean')).toEqual([Number.NaN, Number.NaN, 5, 5]);
	});

	it('draws exactly width × height cells with labels from zero to the top', () => {
		const lines = chartLines([0, 10, 20, 10, 0], {width: 40, height: 5, merge: 'mean', format: value => value.toFixed(0)});
		expect(lines).toHaveLength(5);
		for (const line of lines) expect(displayWidth(line)).toBe(40);
		expect(lines[0]!.trimStart().startsWith('20')).toBe(true);
		expect(lines[4]!.trimStart().startsWith('0')).toBe(true);
		expect(lines.join('\n')).toMatch(/[╭╮╯╰─]/);
	});

	it('draws a flat zero line for an all-zero series, the axis alone for an empty one, and blank space when too small', () => {
		expect(chartLines([0, 0], {width: 20, height: 3, merge: 'mean', format: String}).at(-1)).toBe('       0 ┼───────── ');
		const lines = chartLines([], {width: 20, height: 3, merge: 'mean', format: String});
		expect(lines).toEqual(['       1 ┼          ', '     0.5 ┤          ', '       0 ┤          ']);
		expect(chartLines([1, 2], {width: 9, height: 3, merge: 'mean', format: String})).toEqual(['         ', '         ', '         ']);
	});

	it('leaves seconds without a value blank, the line stopping before them (╴) and starting after them (╶)', () => {
		// Ten points: two measured, three without a value, one alone, the rest without a value.
		const series = [2, 2, Number.NaN, Number.NaN, Number.NaN, 1, Number.NaN, Number.NaN, Number.NaN, Number.NaN];
		const lines = chartLines(series, {width: 20, height: 3, merge: 'max', format: String});
		expect(lines).toEqual([
			'       2 ┼─╴        ',
			'       1 ┤    ╶╴    ',
			'       0 ┤          ',
		]);
		// Nothing measured at all: the axis and its labels, no line at 0.
		expect(chartLines([Number.NaN, Number.NaN], {width: 20, height: 3, merge: 'max', format: String}).at(-1)).toBe('       0 ┤          ');
	});
});
