// An instance in words, the same in the pane, the transaction view and `saga --list`.
import type {InstanceSummary, SagaState} from './tracker.js';

/** The state as people write it. */
export const stateLabels: Record<SagaState, string> = {
	inProgress: 'in progress',
	completed: 'completed',
	failed: 'failed',
	compensated: 'compensated',
	timedOut: 'timed out',
};

/** The outcome the transaction view's header shows for an instance in each state, listed worst first. */
export const stateOutcomes: Record<SagaState, string> = {
	failed: '✗ failed',
	timedOut: '⏱ timed out',
	inProgress: '◷ in progress',
	compensated: '↺ compensated',
	completed: '✓ completed',
};

/** What is known of the instance after its state: step, what it waits for, reason, compensations (not sanitized). */
export function instanceDetail(instance: InstanceSummary): string {
	const parts = [`at ${instance.step}`];
	if (instance.waitingFor !== undefined) parts.push(`waiting for ${instance.waitingFor}`);
	if (instance.reason !== undefined) parts.push(`reason ${instance.reason}`);
	if (instance.compensationsDone.length > 0) parts.push(`compensated by ${instance.compensationsDone.join(', ')}`);
	if (instance.compensationsMissing.length > 0) {
		parts.push(`${instance.open ? 'compensation pending' : 'COMPENSATION MISSING'}: ${instance.compensationsMissing.join(', ')}`);
	}

	if (instance.outOfOrder) parts.push('events arrived out of order');
	return parts.join(' · ');
}

/** One line: saga, id, state and detail (not sanitized: the caller draws it through Line or sanitize). */
export function instanceLine(instance: InstanceSummary): string {
	return `${instance.saga} ${instance.id} ${stateLabels[instance.state]} · ${instanceDetail(instance)}`;
}
