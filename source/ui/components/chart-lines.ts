// A per-second series drawn with asciichart into exactly `width` × `height` cells.
import asciichart from 'asciichart';
import {fit} from '../text/width.js';

/** How points are merged when a series has more points than the chart has columns. */
export type Merge = 'mean' | 'max';

/** Stretch or squeeze `series` to exactly `points` values (mean or max of each bucket when squeezing). */
export function resample(series: number[], points: number, merge: Merge): number[] {
	const clean = series.map(value => (Number.isFinite(value) ? value : 0));
	if (points <= 0 || clean.length === 0) return [];
	const out = new Array<number>(points);
	for (let i = 0; i < points; i++) {
		const from = Math.floor((i * clean.length) / points);
		const to = Math.max(from + 1, Math.floor(((i + 1) * clean.length) / points));
		let acc = merge === 'max' ? Number.NEGATIVE_INFINITY : 0;
		for (let j = from; j < to; j++) acc = merge === 'max' ? Math.max(acc, clean[j]!) : acc + clean[j]!;
		out[i] = merge === 'max' ? acc : acc / (to - from);
	}

	return out;
}

/** Label cells left of the axis. */
const labelWidth = 8;

/** The chart as `height` lines of `width` cells; y labels formatted with `format`, y axis from 0. */
export function chartLines(series: number[], options: {width: number; height: number; merge: Merge; format: (value: number) => string}): string[] {
	const {width, height} = options;
	// The plot area is the width minus the labels, one space and the axis.
	const points = width - labelWidth - 2;
	if (height < 2 || points < 2) return Array.from({length: Math.max(0, height)}, () => fit('', width));
	const values = resample(series.length > 0 ? series : [0], points, options.merge);
	const top = Math.max(...values, 0);
	const plot = asciichart.plot(values, {
		height: height - 1,
		min: 0,
		max: top > 0 ? top : 1,
		format: value => fit(options.format(value), labelWidth, 'right'),
	});
	const lines = plot.split('\n').map(line => fit(line, width));
	while (lines.length < height) lines.push(fit('', width));
	return lines.slice(0, height);
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
