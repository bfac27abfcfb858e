// A saga drawn as text: its steps top to bottom with the instances that got there on each arrow, failures,
// time-outs and compensations branching off the step after which they happened. Fits 80 columns.
import type {SagaReport, SagaCounts} from './tracker.js';

/** Two lines of counts under the saga's name (each well within 80 columns). */
function countsLines(name: string, counts: SagaCounts): string[] {
	const missing = counts.compensationMissing > 0 ? ` (${counts.compensationMissing} uncompensated)` : '';
	return [
		`${name} · ${counts.instances} instances · ${counts.completed} completed · ${counts.compensated} compensated`,
		`  ${counts.failed} failed${missing} · ${counts.timedOut} timed out · ${counts.inProgress} in progress`,
	];
}

/** The diagram's lines; `compact` puts each arrow on one line (for short terminals). Names come from the definition. */
export function diagramLines(report: SagaReport, compact = false): string[] {
	const {flow} = report;
	const lines = countsLines(report.name, report.counts);
	flow.steps.forEach((step, index) => {
		const compensations = flow.compensations.filter(compensation => compensation.step === index);
		const undo = compensations.map(compensation => `${compensation.event} ${compensation.done}${compensation.missing > 0 ? `, ${compensation.missing} MISSING` : ''}`);
		lines.push(`  ${step.event}${undo.length > 0 ? `   ↺ ${undo.join(' · ')}` : ''}`);
		const failures = flow.failures.filter(failure => failure.afterStep === index);
		const timedOut = flow.timedOutAfter[index] ?? 0;
		const next = flow.steps[index + 1] ?? flow.success;
		if (!compact && (failures.length > 0 || timedOut > 0)) lines.push('    │');
		for (const failure of failures) lines.push(`    ├──✗ ${failure.count} ${failure.event}`);
		if (timedOut > 0) lines.push(`    ├──⏱ ${timedOut} timed out waiting for ${next.event}`);
		if (compact) lines.push(`    ↓ ${next.reached}`);
		else lines.push(`    │ ${next.reached}`, '    ▼');
	});
	lines.push(`  ✓ ${flow.success.event} ${flow.success.reached}`);
	return lines;
}
