// The shape shared by the rules that count events per key in a sliding window (velocity, blocked source, rate
// limit, duplicates): "at least `needed` events of one key within the window", built from the rule's settings.
import type {AlertRulesConfig, Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import {findExactString} from '../exact-integer.js';
import {eventTime} from './classify.js';
import {formatSpan} from '../units/format.js';
import {KeyWindows} from './key-windows.js';
import {LateEvents} from './lateness.js';
import {noReports, type AlertRule, type RuleInput, type RuleName, type RuleReport} from './rule.js';
import type {Severity} from './types.js';

/**
 * What one event counts for: the key it is counted under, the transaction id it links to, and how the message names
 * the key when not as it is (`named`: `type OrderCreated` for a duplicate keyed by an event type).
 */
export type Counted = {key: string; id: string | undefined; named?: string};

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
	/** How far behind the clock an event may be and still count in the windows of its own time. */
	allowedLatenessMs: number;
	/** The alert message for a key (as `Counted.named` names it) with `count` events in the window. */
	describe(key: string, count: number): string;
};

/** Times a key keeps beyond the `needed` newest, for late events to be counted among (a busy key keeps the newest). */
const lateDepth = 64;

/**
 * A rule that holds while some key has `needed` events within a sliding window of event time. An event counts in
 * the windows of its own time if it is at most the allowed lateness, or the window if longer, behind the clock:
 * keys keep their times that much longer. A condition it completes holds from its time, but no earlier than the
 * allowed lateness behind the clock, which is how long the rule's resolutions wait: a late event never finds its
 * condition inside an alert already resolved (one that had ended before then raises nothing).
 */
function createCountRule(spec: CountRuleSpec): AlertRule {
	const {windowMs, needed, maxExamples} = spec;
	// Counted at the clock, an event is never late.
	const lateness = new LateEvents(windowMs, spec.allowedLatenessMs, spec.whenSeen);
	const {settleMs, latenessMs} = lateness;
	// A key's newest times decide whether it has `needed` within a window ending at any time since `latenessMs`
	// ago; a key's memory is bounded however busy it is.
	const keys = new KeyWindows(spec.whenSeen ? needed : needed + lateDepth, spec.maxKeys);
	return {
		name: spec.name,
		severity: spec.severity,
		windowMs,
		settleMs,
		observe(input: RuleInput) {
			const {events, times, kinds} = input;
			let reports: RuleReport[] | undefined;
			for (let i = 0; i < events.length; i++) {
				const env = events[i]!;
				const counted = spec.select(env, kinds[i]!);
				if (counted === undefined) continue;
				const now = times[i]!;
				const time = spec.whenSeen ? now : eventTime(env);
				if (lateness.refuses(time, now)) continue;
				const slot = keys.touch(counted.key);
				const count = keys.add(slot, time, counted.id, now - windowMs - latenessMs);
				if (keys.index < 0) {
					lateness.lost();
					continue;
				}

				lateness.counted(time, now);
				if (count < needed) continue;
				// Every run of `needed` consecutive times that holds this one and fits in the window.
				const last = Math.min(keys.index, count - needed);
				for (let first = Math.max(0, keys.index - needed + 1); first <= last; first++) {
					const oldest = keys.timeAt(slot, first);
					const newest = keys.timeAt(slot, first + needed - 1);
					// The window first held them all at the newest one's time.
					const at = Math.max(newest, lateness.earliest(now));
					if (newest - oldest >= windowMs || oldest + windowMs <= at) continue;
					(reports ??= []).push({
						kind: 'violation',
						key: counted.key,
						at,
						// The condition lasts until the oldest of them leaves the window.
						until: oldest + windowMs,
						value: needed,
						threshold: spec.threshold,
						message: spec.describe(counted.named ?? counted.key, needed),
						exampleIds: keys.examples(slot, maxExamples, first, first + needed),
					});
				}
			}

			keys.liveAfter = input.now - windowMs;
			keys.expire(input.now - windowMs - latenessMs);
			return reports ?? noReports;
		},
		keys: () => keys.count(),
		lateness: () => lateness.count(),
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
		allowedLatenessMs: config.alerts.allowedLatenessMs,
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
