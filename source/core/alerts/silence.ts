// silence — a topic that averaged at least `minRate` events/s (default 1) over the window (default 5 min) receives
// nothing for `threshold` ms (default 30 s). Per-topic overrides in `topics`. Severity warning.
//
// The alert fires at the moment the silence reached the threshold (last event + threshold) and holds until the topic
// speaks again; it resolves a full window after that. In event time, a silence is noticed while other topics move
// the clock, on live brokers while the wall clock runs on with nothing arriving (engine.ts quietAlertClock), or at
// the end of a finite input when an end time is given.
import * as v from 'valibot';
import {duration, positiveInteger, positiveNumber} from '../config-schema.js';
import {nodeNamed, nodeOf} from '../envelope.js';
import {BoundedKeys} from './bounded-keys.js';
import {BucketRing} from './bucket-ring.js';
import {eventTime} from './classify.js';
import {formatNumber, formatSpan} from '../units/format.js';
import {noReports, overrideOf, type AlertRule, type RuleContext, type RuleReport} from './rule.js';
import {ruleSettings, topicOverrides} from './settings.js';

/** silence's settings and their defaults (`alerts.rules.silence`): `threshold` is how long a quiet topic waits. */
export const silenceSettings = ruleSettings({severity: 'warning', windowMs: 5 * 60_000}, {
	threshold: v.optional(duration, 30_000),
	minRate: v.optional(positiveNumber, 1),
	maxKeys: v.optional(positiveInteger, 10_000),
	topics: topicOverrides(duration, {minRate: positiveNumber}),
});

/** The rate window is counted in this many steps (5 s steps for the default 5 min). */
const slots = 60;

type TopicState = {
	enabled: boolean;
	quietMs: number;
	minRate: number;
	/** Events over the window ending at the topic's own last event. */
	ring: BucketRing;
	lastSeen: number;
	lastId: string | undefined;
	/** The topic as messages name it (`topic orders`, `type OrderCreated` for events without a topic). */
	named: string;
	/** Silent now, with an alert raised. */
	silent: boolean;
	/** Quiet, but too slow before to count as silent: nothing to watch until it speaks again. */
	dormant: boolean;
};

/** The silence rule, keyed by topic (or type for events without one). */
export function createSilenceRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules.silence;
	const {windowMs} = settings;
	const windowSeconds = windowMs / 1000;
	const window = formatSpan(windowMs);
	const keys = new BoundedKeys<TopicState>(settings.maxKeys);
	// No topic can turn silent before this time: checking only then keeps the per-event cost to one comparison.
	let nextCheck = Number.POSITIVE_INFINITY;
	const create = (topic: string): TopicState => {
		const override = overrideOf(settings.topics, topic);
		return {
			enabled: override?.enabled ?? true,
			quietMs: override?.threshold ?? settings.threshold,
			minRate: override?.minRate ?? settings.minRate,
			ring: new BucketRing(windowMs, slots, 1),
			lastSeen: Number.NEGATIVE_INFINITY,
			lastId: undefined,
			named: '',
			silent: false,
			dormant: false,
		};
	};

	const scan = (now: number, reports: RuleReport[]) => {
		nextCheck = Number.POSITIVE_INFINITY;
		keys.each((topic, state, forget) => {
			if (!state.enabled || state.silent) return;
			const quiet = now - state.lastSeen;
			if (quiet < state.quietMs) {
				nextCheck = Math.min(nextCheck, state.lastSeen + state.quietMs);
			} else if (state.dormant) {
				if (state.ring.emptyAt(now)) forget();
			} else {
				const rate = state.ring.sums[0]! / windowSeconds;
				if (rate < state.minRate) {
					state.dormant = true;
					return;
				}

				state.silent = true;
				reports.push({
					kind: 'violation',
					key: topic,
					at: state.lastSeen + state.quietMs,
					until: Number.POSITIVE_INFINITY,
					value: quiet,
					threshold: state.quietMs,
					message: `${state.named} received nothing for ${formatSpan(quiet)} after ${formatNumber(rate)} events/s over ${window} (threshold ${formatSpan(state.quietMs)})`,
					exampleIds: state.lastId === undefined ? [] : [state.lastId],
				});
			}
		});
	};

	return {
		name: 'silence',
		severity: settings.severity,
		windowMs,
		settleMs: 0,
		observe({events, times, now}) {
			const reports: RuleReport[] = [];
			for (let i = 0; i < events.length; i++) {
				const env = events[i]!;
				const topic = nodeOf(env);
				const state = keys.touch(topic, create);
				if (!state.enabled) continue;
				if (state.named === '') state.named = nodeNamed(env);
				const at = times[i]!;
				if (state.silent) {
					state.silent = false;
					reports.push({kind: 'end', key: topic, at});
				}

				state.dormant = false;
				const time = eventTime(env);
				state.ring.add(time, 0);
				if (time >= state.lastSeen) {
					state.lastSeen = time;
					state.lastId = env.ids[0];
				}

				if (state.lastSeen + state.quietMs < nextCheck) nextCheck = state.lastSeen + state.quietMs;
				if (at >= nextCheck) scan(at, reports);
			}

			if (now >= nextCheck) scan(now, reports);
			return reports.length === 0 ? noReports : reports;
		},
		keys: () => keys.count(),
	};
}
