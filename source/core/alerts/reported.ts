// Rules whose conditions are reported by engine stages (a plugin's sagas, say) instead of read from events.
// A name in the configuration (saga.failed: critical, saga.timeout: warning) takes its settings from there; any other
// name is a plugin's own rule with the severity and window it reports. Like fraud.amount the condition is an instant;
// the alert resolves after a window without another report.
import type {RuleSettings} from '../config.js';
import type {StageAlert} from '../stages/stage.js';
import {noReports, type AlertRule, type Violation} from './rule.js';
import {ruleSettings} from './settings.js';

/** The configured rules that only stages raise, with their settings and defaults (`alerts.rules.saga.failed`, …). */
export const reportedRuleSettings = {
	'saga.failed': ruleSettings({severity: 'critical', windowMs: 5 * 60_000}, {}),
	'saga.timeout': ruleSettings({severity: 'warning', windowMs: 5 * 60_000}, {}),
};

/** Names of the configured rules that only stages raise. */
export type ReportedRuleName = keyof typeof reportedRuleSettings;

/** The names in ReportedRuleName, for the rule set. */
export const reportedRuleNames = Object.keys(reportedRuleSettings) as ReportedRuleName[];

/** A reported rule: reads no events, turns stage reports into violations. */
export type ReportedRule = AlertRule & {raise(condition: StageAlert): Violation};

/** Default window of a plugin's own rule (not in the configuration). */
export const reportedWindowMs = 60_000;

/** A reported rule with these settings; `maxExamples` caps the transactions it links to. */
export function createReportedRule(name: string, settings: Pick<RuleSettings, 'severity' | 'windowMs'>, maxExamples: number): ReportedRule {
	return {
		name: name as AlertRule['name'],
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
			...(condition.party === true ? {party: true} : {}),
		}),
	};
}
