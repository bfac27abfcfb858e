// The rule list: every rule with its settings (each declared in the rule's own file), built once per engine; the
// engine runs those the configuration enables at each call. A new rule is its file and one line here.
import * as v from 'valibot';
import {section} from '../config-schema.js';
import {createDuplicateRule, duplicateSettings} from './duplicate.js';
import {createErrorRateRule, errorRateSettings} from './error-rate.js';
import {createFraudAmountRule, fraudAmountSettings} from './fraud-amount.js';
import {createFraudBlockedSourceRule, fraudBlockedSourceSettings} from './fraud-blocked-source.js';
import {createFraudVelocityRule, fraudVelocitySettings} from './fraud-velocity.js';
import {createLagRule, lagSettings} from './lag.js';
import {createRateLimitRule, rateLimitSettings} from './rate-limit.js';
import type {AlertRule, RuleContext} from './rule.js';
import type {Alert} from './types.js';
import {createReportedRule, reportedRuleNames, reportedRuleSettings, type ReportedRule} from './reported.js';
import {createSilenceRule, silenceSettings} from './silence.js';
import {createSloLatencyRule, sloLatencySettings} from './slo-latency.js';

/**
 * The rules that watch events, hops and lag readings, in the order their reports are applied on ties; `party`: the
 * rule's key is a party (a customer, an IP, a recipient), personal data.
 */
const watching = {
	'fraud.velocity': {settings: fraudVelocitySettings, create: createFraudVelocityRule, party: true},
	'fraud.blocked-source': {settings: fraudBlockedSourceSettings, create: createFraudBlockedSourceRule, party: true},
	'fraud.amount': {settings: fraudAmountSettings, create: createFraudAmountRule},
	'rate-limit': {settings: rateLimitSettings, create: createRateLimitRule, party: true},
	'slo.latency': {settings: sloLatencySettings, create: createSloLatencyRule},
	'error-rate': {settings: errorRateSettings, create: createErrorRateRule},
	duplicate: {settings: duplicateSettings, create: createDuplicateRule},
	silence: {settings: silenceSettings, create: createSilenceRule},
	lag: {settings: lagSettings, create: createLagRule},
};

/** The settings schema of each rule in `list`, by name. */
const settingsOf = <List extends Record<string, {settings: v.GenericSchema}>>(list: List) =>
	Object.fromEntries(Object.entries(list).map(([name, rule]) => [name, rule.settings])) as {[Name in keyof List]: List[Name]['settings']};

/** The settings of every rule, by name (`alerts.rules` in the configuration). */
export const alertRulesSettings = section({...settingsOf(watching), ...reportedRuleSettings});

/** The rules whose alerts are keyed by a party (customer, IP, recipient). */
const partyKeyedRules: ReadonlySet<string> = new Set(Object.entries(watching).filter(([, rule]) => 'party' in rule).map(([name]) => name));

/**
 * Whether an alert's key names a party (customer, IP, recipient): a built-in rule keyed so, or a plugin's alert
 * raised with `party: true`. Outputs that mask personal data mask such a key as a personal value.
 */
export const keyNamesParty = (alert: Pick<Alert, 'rule' | 'party'>): boolean => partyKeyedRules.has(alert.rule) || alert.party === true;

/** Every rule's name, as the configuration spells it. */
export const ruleNames = [...Object.keys(watching), ...reportedRuleNames];

/** Every rule: those that watch the streams, and the configured rules stages report (saga.failed, saga.timeout). */
export function createRules(context: RuleContext): {watching: AlertRule[]; reported: Map<string, ReportedRule>} {
	const {rules, maxExamples} = context.config.alerts;
	return {
		watching: Object.values(watching).map(rule => rule.create(context)),
		reported: new Map(reportedRuleNames.map(name => [name, createReportedRule(name, rules[name], maxExamples)])),
	};
}
