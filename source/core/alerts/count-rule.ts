// The shape shared by the rules that count events per key in a sliding window (velocity, blocked source, rate
// limit, duplicates): "at least `needed` events of one key within the window", built from the rule's settings.
import type {AlertRulesConfig, Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import {findExactString} from '../exact-integer.js';
import {eventTime} from './classify.js';
import {formatSpan} from '../units/format.js';
import {KeyWindows} from './key-windows.js';
import {noReports, type AlertRule, type RuleInput, type RuleName, type RuleReport} from './rule.js';
import type {Severity} from './types.js';

/** What one event counts for: the key it is counted under and the transaction id it links to. */
export type Counted = {key: string; id: string | undefined};

/** A counting rule as its file describes it. */
export type CountRuleSpec = {
	name: RuleName;
	severity: Severity;
	windowMs: number;
	/** The configured threshold, shown in messages. */
	threshold: number;
	/** Events of one key within the window that make the condition hold (threshold + 1 for "more than"). */
	needed: number;
	maxKeys: number;
	maxExamples: number;
	/** The key an event is counted under, or undefined when the rule does not count it; `kind`: its kind bits. */
	select(env: Envelope, kind: number): Counted | undefined;
	/** Count each event when it was seen (the clock), not at its event time: a redelivery carries its original's time. */
	whenSeen?: boolean;
	/** The alert message for a key with `count` events in the window. */
	describe(key: string, count: number): string;
};

/** A rule that holds while some key has `needed` events within a sliding window of event time. */
function createCountRule(spec: CountRuleSpec): AlertRule {
	const {windowMs, needed, maxExamples} = spec;
	// The newest `needed` event times of a key decide whether it has `needed` within the window, so a key's
	// memory is bounded however busy it is.
	const keys = new KeyWindows(needed, spec.maxKeys);
	return {
		name: spec.name,
		severity: spec.severity,
		windowMs,
		settleMs: 0,
		observe(input: RuleInput) {
			const {events, times, kinds} = input;
			let reports: RuleReport[] | undefined;
			for (let i = 0; i < events.length; i++) {
				const env = events[i]!;
				const counted = spec.select(env, kinds[i]!);
				if (counted === undefined) continue;
				const now = times[i]!;
				const cutoff = now - windowMs;
				const time = spec.whenSeen ? now : eventTime(env);
				if (time <= cutoff) continue;
				const slot = keys.touch(counted.key);
				const count = keys.add(slot, time, counted.id, cutoff);
				if (count < needed) continue;
				(reports ??= []).push({
					kind: 'violation',
					key: counted.key,
					at: now,
					// The condition lasts until the oldest of the `needed` newest events leaves the window.
					until: keys.oldestTime(slot) + windowMs,
					value: count,
					threshold: spec.threshold,
					message: spec.describe(counted.key, count),
					exampleIds: keys.examples(slot, maxExamples),
				});
			}

			keys.expire(input.now - windowMs);
			return reports ?? noReports;
		},
		keys: () => keys.count(),
	};
}

/** The counting rules, each with threshold settings of its own. */
export type CountRuleName = 'fraud.velocity' | 'fraud.blocked-source' | 'rate-limit' | 'duplicate';

/** What a counting rule's file adds to its settings. */
export type CountRuleParts = {
	/** Whether the condition is "more than `threshold`" events or "`threshold` or more". */
	counts: 'more-than' | 'at-least';
	select: CountRuleSpec['select'];
	whenSeen?: boolean;
	/** The alert message; `window` is the window as words ("60 s"). */
	describe(key: string, count: number, window: string, threshold: number): string;
};

/** A counting rule built from its settings in `config` (severity, window, threshold, key cap, examples). */
export function countRuleFromConfig(config: Config, name: CountRuleName, parts: CountRuleParts): AlertRule {
	const settings: AlertRulesConfig[CountRuleName] = config.alerts.rules[name];
	const window = formatSpan(settings.windowMs);
	return createCountRule({
		name,
		severity: settings.severity,
		windowMs: settings.windowMs,
		threshold: settings.threshold,
		needed: parts.counts === 'more-than' ? settings.threshold + 1 : settings.threshold,
		maxKeys: settings.maxKeys,
		maxExamples: config.alerts.maxExamples,
		select: parts.select,
		whenSeen: parts.whenSeen,
		describe: (key, count) => parts.describe(key, count, window, settings.threshold),
	});
}

/**
 * Counts events of a kind (`kindMask` bits) per party named by a field of `names` (customer, IP, recipient), each
 * linked to its transaction; redeliveries, copies read on a second topic and events `also` rejects are not counted.
 */
export function countPerParty(config: Config, names: readonly string[], kindMask: number, also: (env: Envelope) => boolean = () => true): CountRuleSpec['select'] {
	const {containers} = config.fields;
	return (env, kind) => {
		if (env.duplicate || env.copy || (kind & kindMask) === 0 || !also(env)) return undefined;
		const key = findExactString(env, names, containers);
		return key === undefined ? undefined : {key, id: env.ids[0]};
	};
}
