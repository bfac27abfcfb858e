// duplicate — `threshold` or more redeliveries (same event id or content hash on the same topic) within the window
// (default 1 in 10 min), keyed by topic. Severity info: consumers should be idempotent; this says they are tested.
import {nodeNamed, nodeOf} from '../envelope.js';
import {counted} from '../units/format.js';
import {countRuleFromConfig} from './count-rule.js';
import type {AlertRule, RuleContext} from './rule.js';
import {countRuleSettings} from './settings.js';

/** duplicate's settings and their defaults (`alerts.rules.duplicate`). */
export const duplicateSettings = countRuleSettings({severity: 'info', windowMs: 10 * 60_000, threshold: 1, maxKeys: 10_000});

/** The duplicate rule: counts the events the duplicate tracker flagged. */
export function createDuplicateRule({config}: RuleContext): AlertRule {
	return countRuleFromConfig(config, 'duplicate', {
		counts: 'at-least',
		select: env => (env.duplicate ? {key: nodeOf(env), id: env.ids[0], named: nodeNamed(env)} : undefined),
		// Whenever it came, a redelivery keeps its original's event time: it counts at the moment it was read.
		whenSeen: true,
		describe: (named, count, window, threshold) => `${named} redelivered ${counted(count, 'event')} in ${window} (threshold ${threshold})`,
	});
}
