// rate-limit — more than `threshold` notifications for one recipient within the window (default 10 in 60 min).
// Severity warning: a notification loop annoys a customer but loses no money.
import {findString} from '../fields.js';
import {notificationKind} from './classify.js';
import {createCountRule} from './count-rule.js';
import {formatDuration} from './format.js';
import type {AlertRule, RuleContext} from './rule.js';

/** The rate-limit rule; redeliveries (duplicates) are not counted. */
export function createRateLimitRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['rate-limit'];
	const {recipient, containers} = config.fields;
	const window = formatDuration(settings.windowMs);
	return createCountRule({
		name: 'rate-limit',
		severity: settings.severity,
		windowMs: settings.windowMs,
		threshold: settings.threshold,
		needed: settings.threshold + 1,
		maxKeys: settings.maxKeys,
		maxExamples: config.alerts.maxExamples,
		select(env, kind) {
			if (env.duplicate || (kind & notificationKind) === 0) return undefined;
			const key = findString(env.value, env.headers, recipient, containers);
			return key === undefined ? undefined : {key, id: env.ids[0]};
		},
		describe: (key, count) => `recipient ${key} got ${count} notifications in ${window} (threshold ${settings.threshold})`,
	});
}
