// A transaction's steps as timeline lines: time, hop latency, node, type, status, slow and error marks in words.
import type {TimelineStep, TransactionView} from '../../core/queries/transaction.js';
import {formatTime} from '../format.js';
import {counted, formatMs} from '../../core/units/format.js';
import {statusText} from '../panes/messages.js';
import {fit} from '../text/width.js';

/** Marks of a step in words and symbols, never colour alone. */
export function stepMarks(step: TimelineStep): string {
	const marks: string[] = [];
	if (step.slow) marks.push('⚠ SLOW');
	if (step.error) marks.push('✗ ERROR');
	if (step.event.status === 'blocked') marks.push('⊘ BLOCKED');
	// The Line component that prints this sanitizes the topic names.
	if (step.alsoOn) marks.push(`⧉ also on ${step.alsoOn.join(', ')}`);
	return marks.join(' ');
}

/** The hop into a step: `+120 ms`, `start` for the first, `no time` without event time. */
export function hopText(step: TimelineStep, index: number): string {
	if (step.latencyMs !== undefined) return `+${formatMs(step.latencyMs)}`;
	if (step.event.timestamp === undefined) return 'no time';
	return index === 0 ? 'start' : '+0 ms';
}

/** Cells of the node and type columns for a timeline `width` cells wide. */
export function timelineColumns(width: number): {node: number; type: number} {
	if (width >= 130) return {node: 28, type: 26};
	if (width >= 95) return {node: 22, type: 20};
	return {node: 18, type: 16};
}

/** The column headings of the timeline. */
export function timelineHeader(width: number): string {
	const columns = timelineColumns(width);
	return `${'time (UTC)'.padEnd(12)} ${'hop'.padStart(10)} ${'node'.padEnd(columns.node)} ${'type'.padEnd(columns.type)} status`;
}

/** One step on one line. */
export function stepLine(step: TimelineStep, index: number, width: number): string {
	const columns = timelineColumns(width);
	return [
		fit(formatTime(step.event.timestamp), 12),
		fit(hopText(step, index), 10, 'right'),
		fit(step.node, columns.node),
		fit(step.event.type, columns.type),
		fit(statusText(step.event), 9),
		stepMarks(step),
	].join(' ').trimEnd();
}

/** The one-line summary of a transaction. */
export function transactionSummary(view: TransactionView): string {
	const outcome = view.outcome === 'ok' ? '✓ ok' : view.outcome === 'error' ? '✗ error' : '⊘ blocked';
	const slow = view.steps.filter(step => step.slow).length;
	return [
		counted(view.steps.length, 'event'),
		view.totalMs === undefined ? undefined : `total ${formatMs(view.totalMs)}`,
		`outcome ${outcome}`,
		slow > 0 ? `⚠ ${slow} slow hop${slow === 1 ? '' : 's'}` : undefined,
		view.capped ? '⚠ capped' : undefined,
	].filter(Boolean).join(' · ');
}
