// The Overview's word on why it has no hops: how many events carry no correlation id and the fields that may be one
// (what `metrics` and the Flow pane say, correlationNotes), shortened to a line each so 80×24 keeps its charts.
import type {CorrelationSummary} from '../../core/metrics/id-coverage.js';
import {correlationNotes} from '../../core/metrics/id-coverage.js';
import type {Segment} from '../components/line.js';
import {formatCount} from '../../core/units/format.js';
import {sanitize} from '../../core/sanitize.js';
import {giveWay, type Piece} from '../text/give-way.js';

type Part = Segment & Piece;

/** The fields that may be ids as names that give way, comma-separated (their figures only in the fullest form). */
function candidateParts(candidates: CorrelationSummary['candidates'], figures: boolean): Part[] {
	const names = candidates.map(({field}) => sanitize(field));
	return candidates.flatMap(({values, linkedValues}, index): Part[] => [
		...(index > 0 ? [{text: ', '}] : []),
		{text: names[index]!, name: 'start', together: names},
		...(figures ? [{text: ` (${formatCount(linkedValues)} of ${formatCount(values)} values)`}] : []),
	]);
}

/**
 * The `Hops` lines for `width` columns while the window has no hops (`hasHops` false) and some events carry no
 * correlation id: the count, then the fields that may be ids. None otherwise. Hops are said to be coming (`none
 * yet`) only while more input may come (`more`) and some events carry an id: a stream whose events carry none
 * (readings, logs) has no transactions to measure.
 */
export function correlationLines(correlation: CorrelationSummary, hasHops: boolean, more: boolean, width: number): Array<{key: string; parts: Segment[]}> {
	if (hasHops || correlation.withoutId === 0) return [];
	const [count = '', maybe] = correlationNotes(correlation, formatCount).map(note => sanitize(note));
	const counted = `${formatCount(correlation.withoutId)} of ${formatCount(correlation.events)} events`;
	const none = more && correlation.withoutId < correlation.events ? 'none yet' : 'none';
	const label: Part = {text: 'Hops  ', bold: true};
	const lines = [{key: 'correlation', parts: giveWay<Part>([
		[label, {text: `${none}: ${count}`}],
		[label, {text: `${none}: ${counted} carry no correlation id`}],
		[label, {text: `${none}: ${counted} have no id (fields.ids)`}],
	], width)}];
	if (maybe === undefined) return lines;
	lines.push({key: 'correlation-candidates', parts: giveWay<Part>([
		[{text: `  ${maybe}`}],
		[{text: '  may be ids: '}, ...candidateParts(correlation.candidates, true), {text: '; add them to fields.ids'}],
		[{text: '  may be ids: '}, ...candidateParts(correlation.candidates, false), {text: '; add them to fields.ids'}],
		[{text: '  may be ids: '}, ...candidateParts(correlation.candidates, false), {text: '; add to fields.ids'}],
	], width)});
	return lines;
}
