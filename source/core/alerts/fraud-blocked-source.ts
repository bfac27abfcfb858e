// fraud.blocked-source — `threshold` or more blocked payment events from one source IP within the window
// (default 10 in 5 min). Severity critical: one address hammering payments that keep being blocked.
import {paymentKind} from './classify.js';
import {countPerParty, countRuleFromConfig} from './count-rule.js';
import type {AlertRule, RuleContext} from './rule.js';
import {counted} from '../units/format.js';
import {countRuleSettings} from './settings.js';

/** fraud.blocked-source's settings and their defaults (`alerts.rules.fraud.blocked-source`). */
export const fraudBlockedSourceSettings = countRuleSettings({severity: 'critical', windowMs: 5 * 60_000, threshold: 10, maxKeys: 100_000});

/** The fraud.blocked-source rule; redeliveries (duplicates) are not counted. */
export function createFraudBlockedSourceRule({config}: RuleContext): AlertRule {
	return countRuleFromConfig(config, 'fraud.blocked-source', {
		counts: 'at-least',
		select: countPerParty(config, config.fields.ip, paymentKind, env => env.status === 'blocked'),
		describe: (key, count, window, threshold) => `IP ${key} sent ${counted(count, 'blocked payment')} in ${window} (threshold ${threshold})`,
	});
}
