// fraud.velocity — more than `threshold` payment events for one customer within the window (default 5 in 60 s).
// Severity critical: card testing and account takeover show up as bursts of payments.
import {paymentKind} from './classify.js';
import {countPerParty, countRuleFromConfig} from './count-rule.js';
import type {AlertRule, RuleContext} from './rule.js';
import {counted} from '../units/format.js';
import {countRuleSettings} from './settings.js';

/** fraud.velocity's settings and their defaults (`alerts.rules.fraud.velocity`). */
export const fraudVelocitySettings = countRuleSettings({severity: 'critical', windowMs: 60_000, threshold: 5, maxKeys: 100_000});

/** The fraud.velocity rule; redeliveries (duplicates) are not counted. */
export function createFraudVelocityRule({config}: RuleContext): AlertRule {
	return countRuleFromConfig(config, 'fraud.velocity', {
		counts: 'more-than',
		select: countPerParty(config, config.fields.customer, paymentKind),
		describe: (key, count, window, threshold) => `customer ${key} made ${counted(count, 'payment')} in ${window} (threshold ${threshold})`,
	});
}
