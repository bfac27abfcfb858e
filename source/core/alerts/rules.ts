// The rule set: every rule, built once per engine; the engine runs those the configuration enables at each call.
import {createDuplicateRule} from './duplicate.js';
import {createErrorRateRule} from './error-rate.js';
import {createFraudAmountRule} from './fraud-amount.js';
import {createFraudBlockedSourceRule} from './fraud-blocked-source.js';
import {createFraudVelocityRule} from './fraud-velocity.js';
import {createLagRule} from './lag.js';
import {createRateLimitRule} from './rate-limit.js';
import type {AlertRule, RuleContext, RuleName} from './rule.js';
import {createReportedRule, reportedRuleNames, type ReportedRule, type ReportedRuleName} from './reported.js';
import {createSilenceRule} from './silence.js';
import {createSloLatencyRule} from './slo-latency.js';

/** The rules that watch events, hops and lag readings, in the order their reports are applied on ties. */
const watching: Record<Exclude<RuleName, ReportedRuleName>, (context: RuleContext) => AlertRule> = {
	'fraud.velocity': createFraudVelocityRule,
	'fraud.blocked-source': createFraudBlockedSourceRule,
	'fraud.amount': createFraudAmountRule,
	'rate-limit': createRateLimitRule,
	'slo.latency': createSloLatencyRule,
	'error-rate': createErrorRateRule,
	duplicate: createDuplicateRule,
	silence: createSilenceRule,
	lag: createLagRule,
};

/** Every rule: those that watch the streams, and the configured rules stages report (saga.failed, saga.timeout). */
export function createRules(context: RuleContext): {watching: AlertRule[]; reported: Map<string, ReportedRule>} {
	const {rules, maxExamples} = context.config.alerts;
	return {
		watching: (Object.keys(watching) as Array<keyof typeof watching>).map(name => watching[name](context)),
		reported: new Map(reportedRuleNames.map(name => [name, createReportedRule(name, rules[name], maxExamples)])),
	};
}
