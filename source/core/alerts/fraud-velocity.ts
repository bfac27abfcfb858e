// fraud.velocity — more than `threshold` payment events for one customer within the window (default 5 in 60 s).
// Severity critical: card testing and account takeover show up as bursts of payments.
import {findString} from '../fields.js';
import {paymentKind} from './classify.js';
import {createCountRule} from './count-rule.js';
import {formatDuration} from './format.js';
import type {AlertRule, RuleContext} from './rule.js';

/** The fraud.velocity rule; redeliveries (duplicates) are not counted. */
export function createFraudVelocityRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['fraud.velocity'];
	const {customer, containers} = config.fields;
	const window = formatDuration(settings.windowMs);
	return createCountRule({
		name: 'fraud.velocity',
		severity: settings.severity,
		windowMs: settings.windowMs,
		threshold: settings.threshold,
		needed: settings.threshold + 1,
		maxKeys: settings.maxKeys,
		maxExamples: config.alerts.maxExamples,
		select(env, kind) {
			if (env.duplicate || (kind & paymentKind) === 0) return undefined;
			const key = findString(env.value, env.headers, customer, containers);
			return key === undefined ? undefined : {key, id: env.ids[0]};
		},
		describe: (key, count) => `customer ${key} made ${count} payments in ${window} (threshold ${settings.threshold})`,
	});
}
