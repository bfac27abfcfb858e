// error-rate — more than `threshold` (a fraction, default 5 %) of a topic's events are `error` over the window
// (default 1 min), once the window holds at least `minEvents` (default 20). Per-topic overrides in `topics`.
// Events without a topic (bare payload lines) are one topic, `(none)`, as `metrics` counts their errors: keyed by
// type, a failure type (PaymentFailed) would be a key of its own at 100 % and its successes one at 0 %.
// Severity warning. Redeliveries are not counted: they repeat an outcome, they are not a new one. A late event counts
// in the minutes of its own time (up to alerts.allowedLatenessMs behind: docs/event-model.md, "Late events").
import * as v from 'valibot';
import {fraction, positiveInteger} from '../config-schema.js';
import {BoundedKeys} from './bounded-keys.js';
import {BucketRing} from './bucket-ring.js';
import {noTopic} from '../metrics/metrics.js';
import {eventTime} from './classify.js';
import {formatPercent, formatSpan} from '../units/format.js';
import {heldWindows} from './late-windows.js';
import {LateEvents} from './lateness.js';
import {noReports, overrideOf, type AlertRule, type RuleContext, type RuleReport} from './rule.js';
import {formatCount} from '../units/format.js';
import {ruleSettings, topicOverrides} from './settings.js';

/** error-rate's settings and their defaults (`alerts.rules.error-rate`). */
export const errorRateSettings = ruleSettings({severity: 'warning', windowMs: 60_000}, {
	threshold: v.optional(fraction, 0.05),
	minEvents: v.optional(positiveInteger, 20),
	maxKeys: v.optional(positiveInteger, 10_000),
	topics: topicOverrides(fraction, {minEvents: positiveInteger}),
});

/** The window is counted in this many steps (1 s steps for the default minute). */
const slots = 60;
const total = 0;
const errors = 1;

type TopicState = {
	enabled: boolean;
	threshold: number;
	ring: BucketRing;
	/** Whether a window's sums (events, errors) hold the condition. */
	holds: (sums: readonly number[]) => boolean;
	/** Transaction ids of the latest errors, newest last. */
	examples: string[];
	/** The same, newest first, as reports carry them: a new array when they change, shared by the reports between. */
	newestFirst: readonly string[];
};

/** The error-rate rule, keyed by topic (`(none)` for events without one). */
export function createErrorRateRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['error-rate'];
	const {windowMs} = settings;
	const {maxExamples} = config.alerts;
	const window = formatSpan(windowMs);
	// The engine's clock at the event being counted.
	let clock = Number.NEGATIVE_INFINITY;
	// A topic whose minute ending at the clock is empty is kept only for late events: dropping it is no loss.
	const keys = new BoundedKeys<TopicState>(settings.maxKeys, state => state.ring.countsWithin(clock));
	// A late event counts in the minutes of its own time, which the rings keep for the allowed lateness.
	const lateness = new LateEvents(windowMs, config.alerts.allowedLatenessMs);
	const create = (topic: string): TopicState => {
		const override = overrideOf(settings.topics, topic);
		const threshold = override?.threshold ?? settings.threshold;
		const minEvents = override?.minEvents ?? settings.minEvents;
		return {
			enabled: override?.enabled ?? true,
			threshold,
			ring: new BucketRing(windowMs, slots, 2, lateness.latenessMs),
			holds: sums => sums[total]! >= minEvents && sums[errors]! > threshold * sums[total]!,
			examples: [],
			newestFirst: [],
		};
	};

	return {
		name: 'error-rate',
		severity: settings.severity,
		windowMs,
		settleMs: lateness.settleMs,
		observe({events, times, now}) {
			let reports: RuleReport[] | undefined;
			for (let i = 0; i < events.length; i++) {
				const env = events[i]!;
				if (env.duplicate) continue;
				const topic = env.topic ?? noTopic;
				clock = times[i]!;
				const state = keys.touch(topic, create);
				if (!state.enabled) continue;
				const {ring} = state;
				ring.advance(clock);
				const time = eventTime(env);
				if (lateness.refuses(time, clock)) continue;
				if (!ring.add(time, total)) {
					lateness.lost();
					continue;
				}

				lateness.counted(time, clock);
				if (env.status === 'error') {
					ring.add(time, errors);
					if (env.ids.length > 0) {
						state.examples.push(env.ids[0]!);
						if (state.examples.length > maxExamples) state.examples.shift();
						state.newestFirst = [...state.examples].reverse();
					}
				}

				const held = heldWindows(ring, time, clock, lateness.earliest(clock), state.holds);
				if (held === undefined) continue;
				const seen = held.sums[total]!;
				const failed = held.sums[errors]!;
				const rate = failed / seen;
				(reports ??= []).push({
					kind: 'violation',
					key: topic,
					at: held.at,
					until: held.until,
					value: rate,
					threshold: state.threshold,
					message: `topic ${topic} had ${formatPercent(rate)} errors (${formatCount(failed)} of ${formatCount(seen)}) in ${window} (threshold ${formatPercent(state.threshold)})`,
					exampleIds: state.newestFirst,
				});
			}

			keys.expire(state => state.ring.emptyAt(now));
			return reports ?? noReports;
		},
		keys: () => keys.count(),
		lateness: () => lateness.count(),
	};
}
