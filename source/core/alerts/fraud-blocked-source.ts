// fraud.blocked-source — `threshold` or more blocked payment events from one source IP within the window
// (default 10 in 5 min). Severity critical: one address hammering payments that keep being blocked.
import {findString} from '../fields.js';
import {paymentKind} from './classify.js';
import {createCountRule} from './count-rule.js';
import {formatDuration} from './format.js';
import type {AlertRule, RuleContext} from './rule.js';

/** The fraud.blocked-source rule; redeliveries (duplicates) are not counted. */
export function createFraudBlockedSourceRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['fraud.blocked-source'];
	const {ip, containers} = config.fields;
	const window = formatDuration(settings.windowMs);
	return createCountRule({
		name: 'fraud.blocked-source',
		severity: settings.severity,
		windowMs: settings.windowMs,
		threshold: settings.threshold,
		needed: settings.threshold,
		maxKeys: settings.maxKeys,
		maxExamples: config.alerts.maxExamples,
		select(env, kind) {
			if (env.duplicate || env.status !== 'blocked' || (kind & paymentKind) === 0) return undefined;
			const key = findString(env.value, env.headers, ip, containers);
			return key === undefined ? undefined : {key, id: env.ids[0]};
		},
		describe: (key, count) => `IP ${key} sent ${count} blocked payments in ${window} (threshold ${settings.threshold})`,
	});
}
