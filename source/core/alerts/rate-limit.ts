// rate-limit — more than `threshold` notifications for one recipient within the window (default 10 in 60 min).
// Severity warning: a notification loop annoys a customer but loses no money.
import {notificationKind} from './classify.js';
import {countPerParty, countRuleFromConfig} from './count-rule.js';
import type {AlertRule, RuleContext} from './rule.js';
import {counted} from '../units/format.js';
import {countRuleSettings} from './settings.js';

/** rate-limit's settings and their defaults (`alerts.rules.rate-limit`). */
export const rateLimitSettings = countRuleSettings({severity: 'warning', windowMs: 60 * 60_000, threshold: 10, maxKeys: 100_000});

/** The rate-limit rule; redeliveries (duplicates) are not counted. */
export function createRateLimitRule({config}: RuleContext): AlertRule {
	return countRuleFromConfig(config, 'rate-limit', {
		counts: 'more-than',
		select: countPerParty(config, config.fields.recipient, notificationKind),
		describe: (key, count, window, threshold) => `recipient ${key} got ${counted(count, 'notification')} in ${window} (threshold ${threshold})`,
	});
}
