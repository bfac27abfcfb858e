// saga.failed and saga.timeout — raised by saga plugins (through the engine's `raise`), keyed by transaction.
// Severity: saga.failed critical (an order or payment is stuck half-done), saga.timeout warning (it may still finish).
// Like fraud.amount the condition is an instant; the alert resolves after a window without another report.
import {noReports, type AlertRule, type RuleContext, type Violation} from './rule.js';

/** Names of the rules plugins raise. */
export type SagaRuleName = 'saga.failed' | 'saga.timeout';

/** A saga instance that failed or timed out, as a plugin reports it. */
export type SagaCondition = {
	rule: SagaRuleName;
	/** The saga instance's transaction: one of its correlation ids. */
	key: string;
	/** Event time (ms) the plugin saw it at. */
	at: number;
	/** What happened, naming the transaction. */
	message: string;
	/** E.g. the time the saga took; defaults to 1 (it happened). */
	value?: number;
	/** E.g. the saga's time limit; defaults to 1. */
	threshold?: number;
	/** Transactions to link to; defaults to the key. */
	exampleIds?: string[];
};

/** A saga rule: reads no events, turns plugin reports into violations. */
export type SagaRule = AlertRule & {raise(condition: SagaCondition): Violation};

/** The saga.failed or saga.timeout rule. */
export function createSagaRule(name: SagaRuleName, {config}: RuleContext): SagaRule {
	const settings = config.alerts.rules[name];
	const {maxExamples} = config.alerts;
	return {
		name,
		severity: settings.severity,
		windowMs: settings.windowMs,
		settleMs: 0,
		observe: () => noReports,
		keys: () => ({tracked: 0, dropped: 0}),
		raise: condition => ({
			kind: 'violation',
			key: condition.key,
			at: condition.at,
			until: condition.at,
			value: condition.value ?? 1,
			threshold: condition.threshold ?? 1,
			message: condition.message,
			exampleIds: (condition.exampleIds ?? [condition.key]).slice(0, maxExamples),
		}),
	};
}
