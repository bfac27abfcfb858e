// Builders for alert tests: real envelopes (normalize + the duplicate tracker), a config to tweak, and a runner
// that feeds the alert engine in batches of a chosen size.
import {defaultConfig, type Config} from '../../../source/core/config.js';
import {DuplicateTracker} from '../../../source/core/duplicates.js';
import {normalize, type Envelope} from '../../../source/core/envelope.js';
import {createAlertEngine, type AlertEngine, type AlertTransition} from '../../../source/core/alerts/engine.js';
import type {RuleName} from '../../../source/core/alerts/rule.js';
import type {Hop} from '../../../source/core/metrics/types.js';

/** Start of every scenario: 2024-01-01T00:00:00Z (a whole minute, so bucket edges fall on whole seconds). */
export const t0 = Date.UTC(2024, 0, 1);

/** Milliseconds after t0 for a number of seconds. */
export const at = (seconds: number) => t0 + seconds * 1000;

/** The default configuration, changed by `change`. */
export function configWith(change: (config: Config) => void = () => undefined): Config {
	const config = structuredClone(defaultConfig);
	change(config);
	return config;
}

/** The default configuration with only the named rules enabled, changed by `change`. */
export function only(names: RuleName[], change: (config: Config) => void = () => undefined): Config {
	return configWith(config => {
		for (const [name, rule] of Object.entries(config.alerts.rules)) rule.enabled = names.includes(name as RuleName);
		change(config);
	});
}

/** A normalized event of `topic` whose value is `value` with `timestamp` set to `time`; arrives 20 ms later. */
export function event(topic: string, time: number, value: Record<string, unknown>): Envelope {
	return normalize(
		{source: 'recording', topic, value: {timestamp: new Date(time).toISOString(), ...value}, receivedAt: time + 20},
		defaultConfig.fields,
	);
}

/** Events in the order given, with redeliveries flagged by the real duplicate tracker. */
export function flagged(events: Envelope[]): Envelope[] {
	const tracker = new DuplicateTracker(defaultConfig.duplicates.windowMs, defaultConfig.duplicates.maxTracked);
	for (const env of events) env.duplicate = tracker.check(env);
	return events;
}

/** Events sorted by event time (stable), with redeliveries flagged. */
export function inOrder(events: Envelope[]): Envelope[] {
	return flagged(events.map((env, index) => ({env, index}))
		.sort((a, b) => a.env.timestamp! - b.env.timestamp! || a.index - b.index)
		.map(({env}) => env));
}

/** Hops of a batch: with the events up to some time, the hops the watermark made final by then. */
export type Step = {events: Envelope[]; hops?: Hop[]};

/** Feed events in batches of `batchSize` (then flush) and return every transition. */
export function run(engine: AlertEngine, events: Envelope[], batchSize = 500, endTime?: number): AlertTransition[] {
	const transitions: AlertTransition[] = [];
	for (let i = 0; i < events.length; i += batchSize) transitions.push(...engine.onBatch(events.slice(i, i + batchSize), []));
	transitions.push(...engine.flush(endTime));
	return transitions;
}

/** Feed steps (events with the hops made final alongside), then flush. */
export function runSteps(engine: AlertEngine, steps: Step[], endTime?: number): AlertTransition[] {
	const transitions: AlertTransition[] = [];
	for (const step of steps) transitions.push(...engine.onBatch(step.events, step.hops ?? []));
	transitions.push(...engine.flush(endTime));
	return transitions;
}

/** The engine for a configuration. */
export function engineFor(config: Config = configWith()): AlertEngine {
	return createAlertEngine(config);
}

/** Transitions as compact lines: "fired fraud.velocity C-7 @150" / "resolved … @220" (seconds after t0). */
export function timeline(transitions: AlertTransition[]): string[] {
	return transitions.map(({kind, alert}) => {
		const time = kind === 'fired' ? alert.firedAt : alert.resolvedAt!;
		return `${kind} ${alert.rule} ${alert.key} @${(time - t0) / 1000}`;
	});
}
