// The alert engine: runs the rules on each batch, hop list and lag round, and turns their reports into alerts that
// go firing → resolved, one open alert per (rule, key), all in event time.
//
// Event time: the clock is the largest event time seen (`eventTime`), advanced event by event, and every report
// carries its own time, so the same input gives the same alerts however it is cut into batches (a replay raises
// what the live run raised). An alert fires at the time of the first report; it resolves once its condition has
// been false for one full window of its rule, at the time that window ended. At the end of a finite input
// (`flush`), alerts whose condition ended a full window of event time before the end resolve; the others (the
// condition still holds, or the window after it had not passed yet) stay firing.
import type {Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import type {Hop} from '../metrics/types.js';
import {createClassifier, eventTime} from './classify.js';
import {DueHeap} from './due-heap.js';
import type {AlertRule, KeyCount, LagReport, LateCount, RuleInput, RuleName, RuleReport} from './rule.js';
import {createRules} from './rules.js';
import type {StageAlert, StageRule} from '../stages/stage.js';
import {createReportedRule, reportedWindowMs} from './reported.js';
import type {Alert} from './types.js';

/** An alert that fired or resolved; `alert` is a copy taken at that moment. */
export type AlertTransition = {kind: 'fired' | 'resolved'; alert: Alert};

/** The engine-facing API of the alert rules. */
export type AlertEngine = {
	/** Run the rules on a stored batch and the hops it made final; transitions in time order. */
	onBatch(batch: readonly Envelope[], hops: readonly Hop[]): AlertTransition[];
	/** Run the lag rule on one round of lag readings from the live sources. */
	onLag(readings: readonly LagReport[]): AlertTransition[];
	/** A stage reports a condition (a failed saga, an overdue step): configured rule or the stage's own. */
	onExternal(condition: StageAlert): AlertTransition[];
	/** End of a finite input: move the clock to `endTime` (default: the largest event time seen) and resolve what is due. */
	flush(endTime?: number): AlertTransition[];
	/** Time passed with no event (a live system gone quiet): move the clock to `time` if later; rules see it pass. */
	advanceTo(time: number): AlertTransition[];
	/** Its clock: the largest event time seen (−∞ before any event); the engine's stages share it. */
	clock(): number;
	/** Alerts firing now, in firing order. */
	firing(): Alert[];
	/** Firing alerts whose value, message or examples changed since they fired or since the last call (copies). */
	changed(): Alert[];
	/** The latest alerts, firing or resolved, in firing order (at most `historyLimit`). */
	all(): Alert[];
	/** The rules that watch events, lag and hops and are switched on now, with their severity. */
	watchingRules(): Array<{rule: RuleName; severity: AlertRule['severity']}>;
	/** The rules stages said they raise, made now (configured, or their own), those switched on with their severity. */
	stageRules(rules: readonly StageRule[]): Array<{rule: string; severity: AlertRule['severity']}>;
	/** Per rule: keys it holds state for, and keys it dropped at its cap. */
	keyCounts(): Partial<Record<RuleName, KeyCount>>;
	/** Per rule in event time: late events it counted in their own windows, and those too late to count. */
	lateness(): Partial<Record<RuleName, LateCount>>;
};

/** What `all()` remembers at most; the store keeps every alert. */
export const historyLimit = 10_000;

/** An open alert; `reported`: the examples of the last report applied to it, as the rule gave them. */
type Open = {id: string; alert: Alert; rule: AlertRule; trueUntil: number; closed: boolean; reported: readonly string[]};
type Tagged = {rule: AlertRule; report: RuleReport};

/** When a transition happened on the alerts' clock (event time): its alert's firedAt or resolvedAt. */
export const transitionTime = (transition: AlertTransition) =>
	transition.kind === 'fired' ? transition.alert.firedAt : transition.alert.resolvedAt!;

const copy = (alert: Alert): Alert => ({...alert, exampleIds: [...alert.exampleIds]});

/** At most `limit` distinct example ids, newest first: a report's (newest first) ahead of those an alert kept. */
function newestExamples(reported: readonly string[], kept: readonly string[], limit: number): string[] {
	return [...new Set([...reported, ...kept])].slice(0, limit);
}

/** Build the alert engine for a configuration; `wallClock` dates lag readings taken before any event was seen. */
export function createAlertEngine(config: Config, wallClock: () => number = Date.now): AlertEngine {
	const {maxExamples} = config.alerts;
	const {watching, reported} = createRules({config});
	// Read at each call, so a rule can be switched on or off while the engine runs (benchmarks, the TUI); a stage's
	// own rule (not in the configuration) is always on.
	const enabled = (rule: AlertRule) => (config.alerts.rules as Partial<Record<string, {enabled: boolean}>>)[rule.name]?.enabled ?? true;
	/** The rule a stage's report goes to: configured, or its own, created when the stage says it or at its first report. */
	const reportedRule = (condition: StageRule) => {
		let rule = reported.get(condition.rule);
		if (rule === undefined) {
			rule = createReportedRule(condition.rule, {severity: condition.severity ?? 'warning', windowMs: condition.windowMs ?? reportedWindowMs}, maxExamples);
			reported.set(condition.rule, rule);
		}

		return rule;
	};
	const classify = createClassifier(config.alerts);
	const open = new Map<string, Open>();
	// Open alerts by when they could resolve; a refresh only moves that later, so an entry popped early is pushed back.
	const due = new DueHeap<Open>();
	const history: Alert[] = [];
	/** Open alerts a later report changed (a resolved one leaves: its resolution carries what it said last). */
	const changed = new Set<Open>();
	let now = Number.NEGATIVE_INFINITY;

	const deadline = (entry: Open) => entry.trueUntil + entry.rule.windowMs;
	// Reports of a rule may come up to `settleMs` behind the clock (hops): wait that long before deciding.
	const schedule = (entry: Open) => {
		const at = deadline(entry) + entry.rule.settleMs;
		if (at !== Number.POSITIVE_INFINITY) due.push(at, entry);
	};

	const resolve = (entry: Open, out: AlertTransition[]) => {
		entry.closed = true;
		entry.alert.resolvedAt = deadline(entry);
		open.delete(entry.id);
		changed.delete(entry);
		out.push({kind: 'resolved', alert: copy(entry.alert)});
	};

	/** Resolve, in deadline order, every alert whose decision time has come by `time`. */
	const resolveDue = (time: number, out: AlertTransition[]) => {
		if (due.peek() > time) return;
		const ready: Open[] = [];
		while (due.peek() <= time) {
			const entry = due.pop()!;
			if (entry.closed) continue;
			if (deadline(entry) + entry.rule.settleMs > time) {
				schedule(entry);
				continue;
			}

			entry.closed = true;
			ready.push(entry);
		}

		ready.sort((a, b) => deadline(a) - deadline(b));
		for (const entry of ready) resolve(entry, out);
	};

	const apply = ({rule, report}: Tagged, out: AlertTransition[]) => {
		const id = `${rule.name}\n${report.key}`;
		let entry = open.get(id);
		if (report.kind === 'end') {
			if (entry !== undefined && entry.trueUntil === Number.POSITIVE_INFINITY) {
				entry.trueUntil = report.at;
				schedule(entry);
			}

			return;
		}

		// False for a full window before this report: the old alert is over, a new one starts.
		if (entry !== undefined && report.at >= deadline(entry)) {
			resolve(entry, out);
			entry = undefined;
		}

		if (entry !== undefined) {
			if (report.until > entry.trueUntil) entry.trueUntil = report.until;
			// A firing alert says what its condition measures now (a saga's failures in the window), not only what it
			// measured when it fired.
			// Its examples are the newest ones (a report's, newest first, ahead of those kept), so that the first is
			// what it is firing for now, not what it fired for hours ago.
			const {alert} = entry;
			if (alert.value !== report.value || alert.message !== report.message) changed.add(entry);
			alert.value = report.value;
			alert.message = report.message;
			// The same examples as the last report (a rule shares them until they change) merge to what the alert has.
			if (report.exampleIds === entry.reported) return;
			entry.reported = report.exampleIds;
			const examples = newestExamples(report.exampleIds, alert.exampleIds, maxExamples);
			if (examples.join('\n') !== alert.exampleIds.join('\n')) changed.add(entry);
			alert.exampleIds = examples;

			return;
		}

		const alert: Alert = {
			id: `${rule.name}:${report.key}:${report.at}`,
			rule: rule.name,
			key: report.key,
			severity: rule.severity,
			firedAt: report.at,
			value: report.value,
			threshold: report.threshold,
			message: report.message,
			exampleIds: newestExamples(report.exampleIds, [], maxExamples),
			...(report.party ? {party: true} : {}),
		};
		entry = {id, alert, rule, trueUntil: report.until, closed: false, reported: report.exampleIds};
		open.set(id, entry);
		schedule(entry);
		history.push(alert);
		// Trimmed in halves: dropping one alert per firing would move the whole list each time.
		if (history.length >= 2 * historyLimit) history.splice(0, historyLimit);
		out.push({kind: 'fired', alert: copy(alert)});
	};

	const collect = (rules: readonly AlertRule[], run: (rule: AlertRule) => readonly RuleReport[]): Tagged[] => {
		const tagged: Tagged[] = [];
		for (const rule of rules) for (const report of run(rule)) tagged.push({rule, report});
		// Stable: equal times keep rule order, then the rule's own order.
		return tagged.sort((a, b) => a.report.at - b.report.at);
	};

	// Apply reports in time order, resolving what fell due before each; then what is due at the clock.
	const process = (tagged: readonly Tagged[]): AlertTransition[] => {
		const out: AlertTransition[] = [];
		for (const item of tagged) {
			resolveDue(item.report.at, out);
			apply(item, out);
		}

		resolveDue(now, out);
		// Resolutions decided late (settling) can date from before a firing applied earlier.
		return out.sort((a, b) => transitionTime(a) - transitionTime(b));
	};

	const observe = (input: RuleInput) => collect(watching.filter(enabled), rule => rule.observe(input));
	/** The rules at the clock with no new event. */
	const observeNothing = () => observe({events: [], times: new Float64Array(0), kinds: new Uint8Array(0), hops: [], now});

	return {
		onBatch(batch, hops) {
			const times = new Float64Array(batch.length);
			for (let i = 0; i < batch.length; i++) {
				const time = eventTime(batch[i]!);
				if (time > now) now = time;
				times[i] = now;
			}

			return process(observe({events: batch, times, kinds: classify(batch), hops, now}));
		},
		onLag(readings) {
			const at = now === Number.NEGATIVE_INFINITY ? wallClock() : now;
			return process(collect(watching.filter(rule => rule.observeLag !== undefined && enabled(rule)), rule => rule.observeLag!(readings, at)));
		},
		onExternal(condition) {
			const rule = reportedRule(condition);
			if (!enabled(rule)) return [];
			return process([{rule, report: rule.raise(condition)}]);
		},
		flush(endTime = now) {
			if (endTime > now) now = endTime;
			const out = process(observeNothing());
			// Nothing more will come: no need to wait for late reports (hops were flushed before this).
			const ended = [...open.values()].filter(entry => deadline(entry) <= now).sort((a, b) => deadline(a) - deadline(b));
			for (const entry of ended) resolve(entry, out);
			return out.sort((a, b) => transitionTime(a) - transitionTime(b));
		},
		advanceTo(time) {
			if (time <= now) return [];
			now = time;
			return process(observeNothing());
		},
		clock: () => now,
		firing: () => [...open.values()].map(entry => copy(entry.alert)).sort((a, b) => a.firedAt - b.firedAt),
		changed() {
			const alerts = [...changed].map(entry => copy(entry.alert));
			changed.clear();
			return alerts;
		},
		all: () => history.slice(-historyLimit).map(copy),
		watchingRules: () => watching.filter(enabled).map(rule => ({rule: rule.name, severity: rule.severity})),
		stageRules: rules => rules.map(reportedRule).filter(enabled).map(rule => ({rule: rule.name, severity: rule.severity})),
		keyCounts: () => Object.fromEntries(watching.map(rule => [rule.name, rule.keys()])),
		lateness: () => Object.fromEntries(watching.flatMap(rule => (rule.lateness === undefined ? [] : [[rule.name, rule.lateness()]]))),
	};
}
