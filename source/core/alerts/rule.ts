// The one small interface every alert rule implements, and what rules report to the alert engine.
import type {AlertRulesConfig, Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import type {Hop} from '../metrics/types.js';
import type {SourceHealth} from '../sources/source.js';
import type {Severity} from './types.js';

/** Name of a rule as alerts and the configuration spell it. */
export type RuleName = keyof AlertRulesConfig;

/** One consumer-group lag reading from a live source. */
export type LagReport = NonNullable<SourceHealth['lag']>[number];

/** A key whose condition holds: fires an alert, or keeps the open one for (rule, key) firing. */
export type Violation = {
	kind: 'violation';
	key: string;
	/** Event time (ms) at which the condition was seen to hold; an alert fires at this time. */
	at: number;
	/** Event time up to which the condition holds if nothing else happens; Infinity until an `end` says otherwise. */
	until: number;
	value: number;
	threshold: number;
	/** Names the key and the value against the threshold. */
	message: string;
	/** Correlation ids of transactions that took part. */
	exampleIds: readonly string[];
	/** The key names a party, as a stage that raised it said (StageAlert `party`). */
	party?: true;
};

/** An open-ended condition (`until: Infinity`) stopped holding at `at`. */
export type ConditionEnd = {kind: 'end'; key: string; at: number};

/** What a rule tells the engine. */
export type RuleReport = Violation | ConditionEnd;

/** One batch as every rule sees it. */
export type RuleInput = {
	/** Stored events in arrival order; duplicates included (`env.duplicate`), each rule decides. */
	events: readonly Envelope[];
	/** `times[i]`: the engine's clock (largest event time seen) once `events[i]` is counted. */
	times: Float64Array;
	/** `kinds[i]`: `paymentKind` and `notificationKind` bits of `events[i]` (classify.ts). */
	kinds: Uint8Array;
	/** Hops made final by this batch (their `at` may be a few seconds behind the clock). */
	hops: readonly Hop[];
	/** The clock after the batch; at the end of a finite input, the end time. */
	now: number;
};

/** Events behind a rule's window that it counted in the windows of their own time, and those too late to count. */
export type LateCount = {late: number; tooLate: number};

/** Keys a rule holds state for, and keys it had to drop because it reached its cap. */
export type KeyCount = {tracked: number; dropped: number};

/** An alert rule: turns batches (and lag readings) into reports, keeping bounded state of its own. */
export type AlertRule = {
	readonly name: RuleName;
	/** Severity of the alerts it raises (configurable; each rule file says why its default). */
	readonly severity: Severity;
	/** An alert resolves once the condition has been false for this long. */
	readonly windowMs: number;
	/** How far behind the clock a report may still arrive (hops wait for the watermark); resolutions wait as long. */
	readonly settleMs: number;
	/** Reports for one batch, in time order. */
	observe(input: RuleInput): readonly RuleReport[];
	/** Reports for one round of lag readings taken at engine time `now`. */
	observeLag?(reports: readonly LagReport[], now: number): readonly RuleReport[];
	/** How many keys it holds state for now, and how many it dropped at its cap. */
	keys(): KeyCount;
	/** Its late events so far (rules whose windows are in event time). */
	lateness?(): LateCount;
};

/** The report list of a rule that found nothing (shared, never written to). */
export const noReports: readonly RuleReport[] = Object.freeze([]);

/** What a rule is built from. */
export type RuleContext = {config: Config};

/** The first per-topic override set for one of `names` (own keys only: a topic may be called "constructor"). */
export function overrideOf<Override>(topics: Readonly<Record<string, Override>>, ...names: string[]): Override | undefined {
	for (const name of names) if (Object.hasOwn(topics, name)) return topics[name];
	return undefined;
}
