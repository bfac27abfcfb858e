// Where the demo's incident alerts (error-rate, slo.latency) fired and resolved, measured against its phases.
import type {Alert} from '../../source/core/alerts/types.js';
import {incidentRules, PhaseTimeline, type PhaseSpec} from '../../source/core/sources/simulator/phases.js';

/** The keys the demo's incident raises, as `rule key`: the two topics with errors and the two slow edges. */
export const incidentKeys = [
	'error-rate inventory.updates',
	'error-rate payment.transactions',
	'slo.latency customer.notifications->shipping.events',
	'slo.latency orders.created->payment.transactions',
];

/** The alerts of the rules the incident trips. */
export function incidentAlerts(alerts: readonly Alert[]): Alert[] {
	return alerts.filter(alert => (incidentRules as readonly string[]).includes(alert.rule));
}

/**
 * What is wrong with the incident alerts of a run over `phases` from `startTime`: each must fire during an
 * incident and resolve during the recovery right after it, early enough that a live run, which decides a
 * resolution `settleMs` after it (hops wait for the watermark), still shows it before the recovery ends.
 */
export function incidentAlertProblems(alerts: readonly Alert[], phases: readonly PhaseSpec[], startTime: number, settleMs: number): string[] {
	const timeline = new PhaseTimeline(phases, startTime);
	const problems: string[] = [];
	for (const alert of incidentAlerts(alerts)) {
		const name = `${alert.rule} ${alert.key}`;
		const fired = timeline.at(alert.firedAt);
		if (fired.spec.name !== 'incident') problems.push(`${name} fired during ${fired.spec.name}`);
		if (alert.resolvedAt === undefined) {
			problems.push(`${name} never resolved`);
			continue;
		}

		const resolved = timeline.at(alert.resolvedAt);
		if (resolved.spec.name !== 'recovery' || resolved.cycle !== fired.cycle) problems.push(`${name} resolved during ${resolved.spec.name} of cycle ${resolved.cycle}`);
		else if (alert.resolvedAt + settleMs >= resolved.end) problems.push(`${name} resolved ${resolved.end - alert.resolvedAt} ms before the recovery ended, too late to be decided live`);
	}

	return problems;
}
