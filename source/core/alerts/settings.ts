// The settings shapes alert rules share, in the config schema's words: each rule's file declares its own
// settings and their defaults with these, and the rule list (rules.ts) gathers them into `alerts.rules`.
import * as v from 'valibot';
import {boolean, duration, map, positiveInteger, section, severity, type Setting} from '../config-schema.js';
import type {Severity} from './types.js';

/** The defaults every rule has: its severity and window (it is on unless the file turns it off). */
export type RuleDefaults = {severity: Severity; windowMs: number};

/**
 * A rule's settings: on or off, severity, window (also how long a false condition waits to resolve), then `entries`;
 * each key that the file leaves out (or the whole rule) has its default.
 */
export function ruleSettings<const Entries extends v.ObjectEntries>(defaults: RuleDefaults, entries: Entries) {
	return v.optional(section({
		enabled: v.optional(boolean, true),
		severity: v.optional(severity, defaults.severity),
		windowMs: v.optional(duration, defaults.windowMs),
		...entries,
	}), {});
}

/** A counting rule's settings: a whole-number threshold and at most `maxKeys` keys (customers, IPs, topics) at once. */
export function countRuleSettings(defaults: RuleDefaults & {threshold: number; maxKeys: number}) {
	return ruleSettings(defaults, {
		threshold: v.optional(positiveInteger, defaults.threshold),
		maxKeys: v.optional(positiveInteger, defaults.maxKeys),
	});
}

/** Per-topic changes to a topic-keyed rule: `enabled`, `threshold` and the rule's `entries`, each optional; none by default. */
export function topicOverrides<const Entries extends Record<string, Setting>>(threshold: Setting<number>, entries: Entries) {
	const optional = Object.fromEntries(Object.entries(entries).map(([name, setting]) => [name, v.optional(setting)])) as
		{[Name in keyof Entries]: v.OptionalSchema<Entries[Name], undefined>};
	return v.optional(map(section({enabled: v.optional(boolean), threshold: v.optional(threshold), ...optional})), {});
}
