// The shape shared by the rules that count events per key in a sliding window (velocity, blocked source, rate
// limit, duplicates): "at least `needed` events of one key within the window", built from the rule's settings.
import type {AlertRulesConfig, Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import {findString} from '../fields.js';
import {BoundedKeys} from './bounded-keys.js';
import {eventTime} from './classify.js';
import {formatDuration} from './format.js';
import {noReports, type AlertRule, type RuleInput, type RuleName, type RuleReport} from './rule.js';
import type {Severity} from './types.js';

/**
 * The newest `needed` event times of one key (oldest first) with the transaction id of each. Whether the key has
 * `needed` events within the window only depends on these, so a key's memory is bounded however busy it is.
 */
class RecentEvents {
	readonly times: number[] = [];
	readonly ids: Array<string | undefined> = [];

	/** Drop events at or before `cutoff` (outside the window). */
	prune(cutoff: number): void {
		const {times, ids} = this;
		let stale = 0;
		while (stale < times.length && times[stale]! <= cutoff) stale++;
		if (stale === 0) return;
		for (let i = stale; i < times.length; i++) {
			times[i - stale] = times[i]!;
			ids[i - stale] = ids[i];
		}

		times.length -= stale;
		ids.length = times.length;
	}

	/** Insert in time order (events arrive slightly out of order), keeping the newest `capacity`. */
	add(time: number, id: string | undefined, capacity: number): void {
		const {times, ids} = this;
		let at = times.length;
		times.push(time);
		ids.push(id);
		for (; at > 0 && times[at - 1]! > time; at--) {
			times[at] = times[at - 1]!;
			ids[at] = ids[at - 1];
		}

		times[at] = time;
		ids[at] = id;
		if (times.length > capacity) {
			times.shift();
			ids.shift();
		}
	}

	/** Distinct transaction ids, newest first, at most `limit`. */
	examples(limit: number): string[] {
		const found: string[] = [];
		for (let i = this.ids.length - 1; i >= 0 && found.length < limit; i--) {
			const id = this.ids[i];
			if (id !== undefined && !found.includes(id)) found.push(id);
		}

		return found;
	}
}

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
	/** The alert message for a key with `count` events in the window. */
	describe(key: string, count: number): string;
};

/** A rule that holds while some key has `needed` events within a sliding window of event time. */
function createCountRule(spec: CountRuleSpec): AlertRule {
	const {windowMs, needed, maxExamples} = spec;
	const keys = new BoundedKeys<RecentEvents>(spec.maxKeys);
	const create = () => new RecentEvents();
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
				const time = eventTime(env);
				if (time <= cutoff) continue;
				const recent = keys.touch(counted.key, create);
				recent.prune(cutoff);
				recent.add(time, counted.id, needed);
				if (recent.times.length < needed) continue;
				const count = recent.times.length;
				(reports ??= []).push({
					kind: 'violation',
					key: counted.key,
					at: now,
					// The condition lasts until the oldest of the `needed` newest events leaves the window.
					until: recent.times[0]! + windowMs,
					value: count,
					threshold: spec.threshold,
					message: spec.describe(counted.key, count),
					exampleIds: recent.examples(maxExamples),
				});
			}

			const cutoff = input.now - windowMs;
			keys.expire(recent => recent.times.length === 0 || recent.times.at(-1)! <= cutoff);
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
	/** The alert message; `window` is the window as words ("60 s"). */
	describe(key: string, count: number, window: string, threshold: number): string;
};

/** A counting rule built from its settings in `config` (severity, window, threshold, key cap, examples). */
export function countRuleFromConfig(config: Config, name: CountRuleName, parts: CountRuleParts): AlertRule {
	const settings: AlertRulesConfig[CountRuleName] = config.alerts.rules[name];
	const window = formatDuration(settings.windowMs);
	return createCountRule({
		name,
		severity: settings.severity,
		windowMs: settings.windowMs,
		threshold: settings.threshold,
		needed: parts.counts === 'more-than' ? settings.threshold + 1 : settings.threshold,
		maxKeys: settings.maxKeys,
		maxExamples: config.alerts.maxExamples,
		select: parts.select,
		describe: (key, count) => parts.describe(key, count, window, settings.threshold),
	});
}

/**
 * Counts events of a kind (`kindMask` bits) per party named by a field of `names` (customer, IP, recipient), each
 * linked to its transaction; redeliveries and events `also` rejects are not counted.
 */
export function countPerParty(config: Config, names: readonly string[], kindMask: number, also: (env: Envelope) => boolean = () => true): CountRuleSpec['select'] {
	const {containers} = config.fields;
	return (env, kind) => {
		if (env.duplicate || (kind & kindMask) === 0 || !also(env)) return undefined;
		const key = findString(env.value, env.headers, names, containers);
		return key === undefined ? undefined : {key, id: env.ids[0]};
	};
}
