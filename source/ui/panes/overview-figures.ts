// The Overview's lines of figures (Events, Delivery, Dropped), each written in forms from the fullest to the shortest:
// a narrow terminal gets shorter words and separators, never fewer figures.
import type {PaneProps} from '../../plugin-api/index.js';
import type {Segment} from '../components/line.js';
import {formatCount, formatMs, formatPercent, formatRate, formatSpan} from '../../core/units/format.js';
import {currentRate, overallStats} from '../snapshot-view.js';
import {giveWay} from '../text/give-way.js';
import type {Theme} from '../theme.js';

/** A bold label and its forms of figures, fullest first, as the line that fits `width` (the shortest cut at its end). */
function figureLine(label: string, forms: Segment[][], width: number): Segment[] {
	return giveWay(forms.map(form => [{text: label, bold: true}, ...form]), width);
}

/** The Events, Delivery and Dropped lines for `width` columns, keyed. */
export function figureLines(snapshot: PaneProps['snapshot'], width: number, theme: Theme): Array<{key: string; parts: Segment[]}> {
	const stats = overallStats(snapshot);
	const {totals} = snapshot;
	// A run younger than the window has watched only part of it: the average is over that part.
	const {seenMs} = snapshot.view;
	const total = formatCount(totals.events);
	const now = formatRate(currentRate(snapshot));
	const average = formatRate(stats.count / (seenMs / 1000));
	const peak = formatRate(stats.peak);
	const seen = formatSpan(seenMs);
	const [p50, p95, p99] = [stats.delivery.p50, stats.delivery.p95, stats.delivery.p99].map(value => formatMs(value));
	// The shortest form writes each unit against its figure (`293ms`, `2.59%`): with seconds-long latencies and a
	// three-digit error count the spaced form is wider than 60 columns, and a cut end would cut the count.
	const tight = (figure = '') => figure.replaceAll(' ', '');
	const errors = (word: string, form = (figure: string) => figure): Segment => ({text: `${word} ${form(formatPercent(stats.errorRate))} (${formatCount(stats.errors)})`, color: stats.errors > 0 ? theme.error : undefined});
	const dropped = [totals.malformed, totals.duplicates, totals.skewed, totals.readTwice].map(count => formatCount(count));
	return [
		{key: 'events', parts: figureLine('Events  ', [
			[{text: `${total} total · ${now} ev/s now · ${average} ev/s avg, peak ${peak} over ${seen}`}],
			[{text: `${total} · ${now} ev/s now · ${average} avg, peak ${peak} over ${seen}`}],
			[{text: `${total} · ${now}/s now · ${average} avg, peak ${peak} in ${seen}`}],
		], width)},
		{key: 'latency', parts: figureLine('Delivery  ', [
			[{text: `p50 ${p50} · p95 ${p95} · p99 ${p99} · `}, errors('errors')],
			[{text: `p50 ${p50} · p95 ${p95} · p99 ${p99} · `}, errors('err')],
			[{text: `p50 ${p50}  p95 ${p95}  p99 ${p99}  `}, errors('err')],
			[{text: `p50 ${tight(p50)} p95 ${tight(p95)} p99 ${tight(p99)} `}, errors('err', tight)],
		], width)},
		{key: 'dropped', parts: figureLine('Dropped  ', [
			[{text: `${dropped[0]} malformed · ${dropped[1]} duplicates · ${dropped[2]} clock-skewed · ${dropped[3]} read twice`}],
			[{text: `${dropped[0]} malformed · ${dropped[1]} dupes · ${dropped[2]} skewed · ${dropped[3]} read twice`}],
			[{text: `${dropped[0]} malformed  ${dropped[1]} dupes  ${dropped[2]} skewed  ${dropped[3]} read twice`}],
		], width)},
	];
}
