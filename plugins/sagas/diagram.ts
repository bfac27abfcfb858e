// A saga drawn as text: its steps top to bottom with the instances that got there on each arrow, failures,
// time-outs and compensations branching off the step after which they happened. Fits 80 columns.
import {formatCount as n} from '../../source/plugin-api/index.js';
import type {SagaReport} from './tracker.js';

/** What the tracker's caps let go, said when anything was (undefined: nothing). */
export function capsLine(report: Pick<SagaReport, 'counts' | 'caps'>): string | undefined {
	const {counts, caps} = report;
	const said = [
		counts.evicted > 0 ? `${n(counts.evicted)} evicted undecided (open cap ${n(caps.open)})` : '',
		counts.heldDropped > 0 ? `${n(counts.heldDropped)} early events dropped (held cap ${n(caps.held)})` : '',
	].filter(Boolean);
	return said.length === 0 ? undefined : `  ${said.join(' · ')}`;
}

/** Two lines of counts under the saga's name (each well within 80 columns), and what the caps let go. */
function countsLines(name: string, report: SagaReport): string[] {
	const {counts} = report;
	const missing = counts.compensationMissing > 0 ? ` (${n(counts.compensationMissing)} uncompensated)` : '';
	const caps = capsLine(report);
	return [
		`${name} · ${n(counts.instances)} instances · ${n(counts.completed)} completed · ${n(counts.compensated)} compensated`,
		`  ${n(counts.failed)} failed${missing} · ${n(counts.timedOut)} timed out · ${n(counts.inProgress)} in progress`,
		...(caps === undefined ? [] : [caps]),
	];
}

/**
 * The diagram's lines; `compact` (for short terminals) draws no arrows: each step says how many reached it, as the
 * success line does. Names come from the definition.
 */
export function diagramLines(report: SagaReport, compact = false): string[] {
	const {flow} = report;
	const lines = countsLines(report.name, report);
	flow.steps.forEach((step, index) => {
		const compensations = flow.compensations.filter(compensation => compensation.step === index);
		const undo = compensations.map(compensation => `${compensation.event} ${n(compensation.done)}${compensation.missing > 0 ? `, ${n(compensation.missing)} MISSING` : ''}`);
		lines.push(`  ${step.event}${compact ? ` ${n(step.reached)}` : ''}${undo.length > 0 ? `   ↺ ${undo.join(' · ')}` : ''}`);
		const failures = flow.failures.filter(failure => failure.afterStep === index);
		const timedOut = flow.timedOutAfter[index] ?? 0;
		const next = flow.steps[index + 1] ?? flow.success;
		if (!compact && (failures.length > 0 || timedOut > 0)) lines.push('    │');
		for (const failure of failures) lines.push(`    ├──✗ ${n(failure.count)} ${failure.event}`);
		if (timedOut > 0) lines.push(`    ├──⏱ ${n(timedOut)} timed out waiting for ${next.event}`);
		if (!compact) lines.push(`    │ ${n(next.reached)}`, '    ▼');
	});
	lines.push(`  ✓ ${flow.success.event} ${n(flow.success.reached)}`);
	return lines;
}
