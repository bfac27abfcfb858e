// A transaction's steps as timeline lines: time, hop latency, node, type, status, slow and error marks in words.
import {stepHop, totalText, type TimelineStep, type TransactionIssue, type TransactionView} from '../../core/queries/transaction.js';
import {formatTime} from '../format.js';
import {counted, formatMs} from '../../core/units/format.js';
import {statusText} from '../panes/messages.js';
import {displayWidth, fit} from '../text/width.js';
import {giveWay, type Piece} from '../text/give-way.js';
import {distinctCut} from '../text/distinct-names.js';
import type {Segment} from '../components/line.js';
import {sanitize} from '../../core/sanitize.js';

/**
 * Marks of a step in words and symbols, never colour alone; `words` false gives the symbols only (`⚠ ✗ ↻2`), for a
 * timeline too narrow for the words (the issue lines above it say them, the selected event's JSON shows them).
 */
export function stepMarks(step: TimelineStep, words = true): string {
	const marks: string[] = [];
	if (step.slow) marks.push(words ? '⚠ SLOW' : '⚠');
	if (step.error) marks.push(words ? '✗ ERROR' : '✗');
	if (step.event.status === 'blocked') marks.push(words ? '⊘ BLOCKED' : '⊘');
	if (step.state?.applied === false) marks.push(words ? '✗ BREAKS ITS STATE MACHINE' : '✗ state');
	// The Line component that prints this sanitizes the topic names.
	if (step.alsoOn) marks.push(words ? `⧉ also on ${step.alsoOn.join(', ')}` : '⧉');
	if (step.redelivered) marks.push(words ? `↻ redelivered ${counted(step.redelivered, 'time')}` : `↻${step.redelivered}`);
	return marks.join(' ');
}

/** The hop into a step: `+120 ms`, `start` for the first, `no time` without event time, `unknown` after untimed steps only. */
export function hopText(step: TimelineStep, index: number): string {
	const hop = stepHop(step, index);
	return typeof hop === 'string' ? hop : `+${formatMs(hop.ms)}`;
}

/**
 * How the timeline's columns are laid out: cells of the hop, node, type and marks columns, and whether the status
 * column shows.
 */
export type TimelineColumns = {hop: number; node: number; type: number; marks: number; status: boolean; cutNode: (name: string) => string; cutType: (name: string) => string};

/** Fewest cells the node column is cut to (the selected event's JSON names its topic in full). */
const nodeFloor = 8;
/** Fewest cells the type column is cut to when even the node's floor leaves it too little. */
const typeFloor = 10;
/** The marks column's heading (without the status column). */
const markHeading = 'marks';
/** Cells a type keeps whole before the marks (the longest event types of real systems, `StockReservationFailed`, fit). */
const typeWhole = 24;

/**
 * Columns for `steps` in a timeline `width` cells wide: the hop as wide as its longest value; below 100 cells the
 * status column goes (an error or a block is in the marks, a step without marks is ok). What is left goes first to
 * the type, whole, then to the marks (⚠ SLOW ↻ redelivered 2 times), whole, and last to the node, which gives way
 * down to its floor: a long topic name is cut before what happened to the step. A type longer than typeWhole (a
 * producer's 200-character type) gives way too, down to typeWhole, so that it does not push ✗ ERROR or ⚠ SLOW off
 * the line. When the words do not fit beside the whole type and the node's floor (a 60-column terminal), the marks
 * column takes what they leave, at least the symbols' room (⚠ ✗), before the type, which is cut instead: the hop and
 * the marks are what a person looks for. A step whose words do not fit there shows its symbols.
 */
export function timelineColumns(width: number, steps: TimelineStep[]): TimelineColumns {
	const status = width >= 100;
	const longest = (values: string[], floor: number) => Math.max(floor, ...values.map(value => displayWidth(sanitize(value))));
	const hop = longest(steps.map((step, index) => hopText(step, index)), 3);
	const node = longest(steps.map(step => step.node), 4);
	const type = longest(steps.map(step => step.event.type), 4);
	// The time, the hop, the spaces between columns and the status; the rest goes to node, type and marks.
	const room = width - 12 - hop - 4 - (status ? 10 : 0);
	const least = Math.min(node, nodeFloor);
	const words = longest(steps.map(step => stepMarks(step)), 0);
	const symbols = longest(steps.map(step => stepMarks(step, false)), 0);
	// No narrower than its heading, which would run off the line's end.
	const marks = Math.max(markHeading.length, Math.min(words, Math.max(symbols, room - least - Math.min(type, typeWhole))));
	const typeCells = Math.min(type, Math.max(typeFloor, room - least - marks, marks >= words ? Math.min(typeWhole, room - least) : 0));
	const nodeCells = Math.max(least, Math.min(node, room - typeCells - marks));
	// Nodes and types alike at both ends (`prod.eu-west-1.commerce.orders.v2-events`) are cut where they differ.
	const cutNode = distinctCut(steps.map(step => step.node), nodeCells);
	const cutType = distinctCut(steps.map(step => step.event.type), typeCells);
	return {hop, node: nodeCells, type: typeCells, marks, status, cutNode, cutType};
}

/** A step's marks as they fit the marks column: in words, or symbols when the words are wider. */
function marksFitting(step: TimelineStep, columns: TimelineColumns): string {
	const words = stepMarks(step);
	return displayWidth(sanitize(words)) <= columns.marks ? words : stepMarks(step, false);
}

/** The column headings of the timeline. */
export function timelineHeader(columns: TimelineColumns): string {
	return [`${'time (UTC)'.padEnd(12)} ${'hop'.padStart(columns.hop)} ${'node'.padEnd(columns.node)} ${'type'.padEnd(columns.type)}`, columns.status ? 'status' : markHeading].join(' ');
}

/**
 * The timeline's heading line, saying which steps are out of sight when the timeline cannot show them all
 * (`↑ 2 above · ↓ 3 more (j k)`, or `↑2 ↓3` where that does not fit): a step below the last row must not pass for no
 * step. The column headings give way before it.
 */
export function timelineHeading(columns: TimelineColumns, [from, to]: [number, number], total: number, width: number): string {
	const heading = `  ${timelineHeader(columns)}`;
	const above = from;
	const below = total - to;
	if (above <= 0 && below <= 0) return heading;
	const long = [above > 0 ? `↑ ${above} above` : '', below > 0 ? `↓ ${below} more` : ''].filter(Boolean).join(' · ') + ' (j k)';
	const short = [above > 0 ? `↑${above}` : '', below > 0 ? `↓${below}` : ''].filter(Boolean).join(' ');
	for (const hint of [long, short]) {
		if (displayWidth(heading) + 2 + displayWidth(hint) <= width) return `${heading}  ${hint}`;
	}

	return `${fit(heading, Math.max(0, width - displayWidth(short) - 1))} ${short}`;
}

/** One step on one line. */
export function stepLine(step: TimelineStep, index: number, columns: TimelineColumns): string {
	return [
		fit(formatTime(step.event.timestamp), 12),
		fit(hopText(step, index), columns.hop, 'right'),
		fit(columns.cutNode(step.node), columns.node),
		fit(columns.cutType(step.event.type), columns.type),
		columns.status ? fit(statusText(step.event), 9) : undefined,
		marksFitting(step, columns),
	].filter(part => part !== undefined).join(' ').trimEnd();
}

/** The selected step's aggregate state line: `aggregate claim_1 (claims) · after this event: EnCours · version 3`. */
export function stateLine(step: TimelineStep): string | undefined {
	const {state} = step;
	if (!state?.machine) return undefined;
	const head = `aggregate ${state.aggregate} (${state.machine}) · `;
	if (!state.applied) return `${head}✗ not applied, still ${state.state ?? '-'} · version ${state.version} · ${state.violation}`;
	return `${head}after this event: ${state.state ?? '-'} · version ${state.version} · ↑ ↓ step through its events`;
}

/**
 * The one-line summary of a transaction; `told` is the outcome a plugin's line tells (`⏱ timed out` from a saga),
 * shown when the events themselves show no error or block: events that are all fine do not make a saga that never
 * finished `✓ ok`. `short` drops the labels (`4 events · 4,172 ms · ✗ error · ⚠ 1 slow`) for a narrow terminal.
 */
export function transactionSummary(view: TransactionView, told?: string, short = false): string {
	const outcome = view.outcome === 'error' ? '✗ error' : view.outcome === 'blocked' ? '⊘ blocked' : told ?? '✓ ok';
	const slow = view.steps.filter(step => step.slow).length;
	// An unknown total keeps its words: they say why it is unknown.
	const total = short && view.totalMs !== undefined ? formatMs(view.totalMs) : totalText(view);
	return [
		counted(view.steps.length, 'event'),
		total,
		short ? outcome : `outcome ${outcome}`,
		slow > 0 ? `⚠ ${short ? `${slow} slow` : counted(slow, 'slow hop')}` : undefined,
		view.capped ? '⚠ capped' : undefined,
	].filter(Boolean).join(' · ');
}

/**
 * The transaction view's top line: `Transaction ID · summary · Esc back`; where it is too wide the hint goes, then
 * the labels, `Transaction` becomes `Tx`, then the id is cut keeping its end (the ids line below has it whole): the
 * outcome and figures stay.
 */
export function summaryLine(id: string, view: TransactionView, told: string | undefined, width: number): Array<Segment & Piece> {
	const head = [{text: 'Transaction ', bold: true}, {text: sanitize(id), bold: true, name: 'end' as const}];
	return giveWay([
		[...head, {text: ` · ${transactionSummary(view, told)} · Esc back`}],
		[...head, {text: ` · ${transactionSummary(view, told)}`}],
		[...head, {text: ` · ${transactionSummary(view, told, true)}`}],
		[{text: 'Tx ', bold: true}, head[1]!, {text: ` · ${transactionSummary(view, told, true)}`}],
	], width);
}

/** The names a transaction view shows (its steps' nodes and event types, and those its issues say): what an issue's names are told apart from. */
export function viewNames(steps: ReadonlyArray<{node: string; event: {type: string}}>, issues: readonly TransactionIssue[]): string[] {
	const said = issues.flatMap(issue => issue.parts.flatMap(part => (typeof part === 'object' && 'name' in part ? [part.name] : [])));
	return [...steps.flatMap(step => [step.node, step.event.type]), ...said];
}

/**
 * An issue's line, `✗` or `⚠` and its words; where it is too wide the words only a wide line has go, then its names
 * are cut where they differ from the view's other names `together` (see viewNames): never its figures or outcome.
 */
export function issueLine(issue: TransactionIssue, width: number, together: readonly string[]): Piece[] {
	const mark = {text: issue.kind === 'error' ? '✗ ' : '⚠ '};
	const words = (wide: boolean) => issue.parts.flatMap((part): Piece[] => {
		if (typeof part === 'string') return [{text: part}];
		if ('name' in part) return [{text: sanitize(part.name), name: 'start', together}];
		return wide ? [{text: part.wide}] : [];
	});
	return giveWay([[mark, ...words(true)], [mark, ...words(false)]], width);
}
