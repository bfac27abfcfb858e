// A per-second series drawn into exactly `width` × `height` cells, seconds without a value left blank.
import {fit} from '../text/width.js';
import {plotLines} from './line-plot.js';

/** How points are merged when a series has more points than the chart has columns. */
export type Merge = 'mean' | 'max';

/**
 * Stretch or squeeze `series` to exactly `points` values (mean or max of each bucket when squeezing). A value that
 * is not a finite number is a second without one: it takes no part, and a point with none in its bucket is NaN.
 */
export function resample(series: number[], points: number, merge: Merge): number[] {
	if (points <= 0 || series.length === 0) return [];
	const out = new Array<number>(points);
	for (let i = 0; i < points; i++) {
		const from = Math.floor((i * series.length) / points);
		const to = Math.max(from + 1, Math.floor(((i + 1) * series.length) / points));
		let acc = merge === 'max' ? Number.NEGATIVE_INFINITY : 0;
		let valued = 0;
		for (let j = from; j < to; j++) {
			const value = series[j]!;
			if (!Number.isFinite(value)) continue;
			acc = merge === 'max' ? Math.max(acc, value) : acc + value;
			valued++;
		}

		out[i] = valued === 0 ? Number.NaN : merge === 'max' ? acc : acc / valued;
	}

	return out;
}

/** Label cells left of the axis. */
const labelWidth = 8;

/** The chart as `height` lines of `width` cells; y labels formatted with `format`, y axis from 0, gaps blank. */
export function chartLines(series: number[], options: {width: number; height: number; merge: Merge; format: (value: number) => string}): string[] {
	const {width, height} = options;
	// The plot area is the width minus the labels, one space and the axis.
	const points = width - labelWidth - 2;
	if (height < 2 || points < 2) return Array.from({length: Math.max(0, height)}, () => fit('', width));
	const values = resample(series, points, options.merge);
	const top = Math.max(...values.filter(value => !Number.isNaN(value)), 0);
	return plotLines(values, {height, top: top > 0 ? top : 1, label: value => fit(options.format(value), labelWidth, 'right')}).map(line => fit(line, width));
}

/** A moment to mark under a chart's time axis, e.g. an alert firing (✗) or resolving (✓). */
export type ChartMark = {at: number; symbol: string};

/**
 * The row under a chart that marks moments on its time axis: `label` left of the axis, each mark at the column of
 * its time between `from` and `to` (the chart's first and last point); where two meet, the earlier listed wins.
 */
export function markLine(marks: ChartMark[], options: {width: number; from: number; to: number; label: string}): string {
	const points = options.width - labelWidth - 2;
	const cells = Array.from({length: Math.max(0, points + 1)}, () => ' ');
	const span = options.to - options.from;
	for (const mark of [...marks].reverse()) {
		if (span <= 0 || mark.at < options.from || mark.at > options.to) continue;
		cells[Math.round(((mark.at - options.from) / span) * points)] = mark.symbol;
	}

	return fit(`${fit(options.label, labelWidth, 'right')} ${cells.join('')}`, options.width);
}
