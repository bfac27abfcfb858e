// One checker per expectation: fed events (and, per transaction, timelines), it decides pass or fail with evidence.
import type {Envelope} from '../envelope.js';
import type {Alert} from '../alerts/types.js';
import type {Hop} from '../metrics/types.js';
import {Sketch} from '../metrics/sketch.js';
import {edgeName} from '../metrics/edge.js';
import {isSkewed} from '../metrics/skew.js';
import {fieldsNamed} from '../filter/filter.js';
import {keyNamesParty} from '../alerts/rules.js';
import {maskInText, maskValue} from '../personal-data.js';
import type {TransactionView} from '../queries/transaction.js';
import type {SagaCounts} from '../saga-figures.js';
import {boundText} from './scenario-file.js';
import type {Bound, Expectation, QuantileBounds} from './scenario.js';
import {valueJson} from '../json-as-sent.js';
import {counted, formatCount} from '../units/format.js';

/** The verdict on one expectation: what was seen, and for a failure the transactions and values that show it. */
export type ExpectationResult = {expectation: Expectation; passed: boolean; evidence: string[]};

/**
 * How evidence shows what an event holds: `mask(value, event)` masks personal fields, the emails, cards, IPs and
 * credentials in text, and the personal values of the event's whole transaction written again (evidence-mask.ts);
 * undefined shows it as sent (`check --show-pii`). Correlation ids stay readable. Evidence is written when the
 * checker finishes, so that the transaction is whole.
 */
export type EvidenceMask = ((value: unknown, event: Envelope) => unknown) | undefined;

/** How evidence is written: its mask, and where fields are looked for (config `fields.containers`). */
export type Evidence = {mask: EvidenceMask; containers: readonly string[]};

/** What a checker gets at the end, besides what it was fed. */
export type FinishContext = {sagas: Record<string, SagaCounts> | undefined; idOf(txId: number): string | undefined};

/** Accumulates what one expectation needs. */
export type Checker = {
	/** Each event in scope (unscoped: every event in the window; scoped: the events of each scoped transaction). */
	event?(event: Envelope): void;
	/** Each transaction in scope, as a timeline. */
	transaction?(view: TransactionView): void;
	/** Each final hop in scope (unscoped runs; scoped ones take hops from the timelines). */
	hop?(edge: string, latencyMs: number, txId: number): void;
	/** Each alert the run fires, as it fires (every one: the store keeps only the newest 10,000). */
	alert?(alert: Alert): void;
	finish(context: FinishContext): ExpectationResult;
};

/** At most this many examples are named in a failure. */
const examples = 5;

/** Whether n satisfies the bound. */
function withinBound(n: number, bound: Bound): boolean {
	return (bound.exactly === undefined || n === bound.exactly) && (bound.atLeast === undefined || n >= bound.atLeast) && (bound.atMost === undefined || n <= bound.atMost);
}

/** A message key as evidence shows it: masked (`mask`) as a personal value, for a key is often a customer id, an email or an IP. */
const keyText = (key: string, mask: EvidenceMask) => (mask ? maskValue(key) : key);

/**
 * How people name an event in evidence: its transaction's first id, type, topic and event time; without an id, its
 * message key (keyText).
 */
function describeEvent(event: Envelope, mask: EvidenceMask): string {
	const when = event.timestamp === undefined ? '' : ` at ${new Date(event.timestamp).toISOString()}`;
	const key = event.key === undefined ? undefined : keyText(event.key, mask);
	return `${event.ids[0] ?? key ?? `seq ${event.seq}`}: ${event.type} on ${event.topic ?? '-'}${when}`;
}

/** An event's value, short and masked (`mask`), for evidence ("the values seen"). */
function valueText(event: Envelope, mask: EvidenceMask): string {
	const text = valueJson(event, mask && (value => mask(value, event)));
	return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/**
 * An alert as evidence lists it; masked (`mask`), the key of a rule keyed by a party (a customer, an IP, a recipient)
 * keeps its shape as a personal value does, wherever the message names it, and the emails, cards and IPs written in
 * the key or the message are masked as in any text.
 */
function alertText(alert: Alert, mask: EvidenceMask): string {
	const line = (key: string, message: string) => `${alert.rule} ${key} fired at ${new Date(alert.firedAt).toISOString()}: ${message}`;
	if (!mask) return line(alert.key, alert.message);
	const key = keyNamesParty(alert) ? maskValue(alert.key) : maskInText(alert.key);
	return line(key, maskInText(alert.key === '' ? alert.message : alert.message.replaceAll(alert.key, key)));
}

/**
 * The values of the fields an expression names, found in the configured `containers` as the filters find them, each
 * masked by its own name (its last part: `customer.email`); `key`, the message key, as keyText shows it; a personal value of the event written in one of them is masked there.
 */
function namedValues(expr: string, event: Envelope, evidence: Evidence): Record<string, unknown> {
	const {mask} = evidence;
	const named = fieldsNamed(expr, event, evidence.containers);
	if (!mask) return named;
	return Object.fromEntries(Object.entries(named).map(([field, value]) => {
		if (field === 'key' && typeof value === 'string') return [field, keyText(value, mask)];
		const name = field.split('.').at(-1)!;
		// Its one member, whatever name masking gives it (a name that is itself a personal value is masked too).
		return [field, Object.values(mask({[name]: value}, event) as Record<string, unknown>)[0]];
	}));
}

/** Milliseconds in evidence, whole and with thousands separators as every count: `11,982 ms`. */
const ms = (value: number) => `${formatCount(value)} ms`;

/** The first id of a transaction, as reports name it. */
const txName = (view: TransactionView) => view.ids[0] ?? `transaction ${view.txId}`;

/**
 * Checks the quantile bounds against a sketch; evidence says what was seen (`what`: its noun, singular and plural,
 * and where, e.g. ` on a->b`), and the slowest example.
 */
function quantileResult(expectation: Expectation, sketch: Sketch, bounds: QuantileBounds, what: {one: string; many: string; where?: string}, worst: string | undefined): ExpectationResult {
	const where = what.where ?? '';
	if (sketch.count === 0) return {expectation, passed: false, evidence: [`no ${what.many}${where} observed`]};
	const seen = Object.entries(bounds).map(([name, limit]) => ({name, limit, value: sketch.quantile(Number(name.slice(1)) / 100)}));
	const passed = seen.every(({value, limit}) => value <= limit);
	const evidence = [`${seen.map(({name, value}) => `${name} ${ms(value)}`).join(', ')} over ${counted(sketch.count, what.one, what.many)}${where}, max ${ms(sketch.max)}`];
	if (!passed && worst) evidence.push(`slowest: ${worst}`);
	return {expectation, passed, evidence};
}

/** Events `match` accepts: how many, and the first few as `describe` puts them (at the end, see EvidenceMask). */
function matchCount(match: {matches(event: Envelope): boolean}, describe: (event: Envelope) => string) {
	let n = 0;
	const seen: Envelope[] = [];
	return {
		event(event: Envelope) {
			if (!match.matches(event)) return;
			n++;
			if (seen.length < examples) seen.push(event);
		},
		count: () => n,
		seen: () => seen.map(describe),
	};
}

/** Items checked one by one: how many, how many failed, the first failing ones, and the result they make. */
function tally(expectation: Expectation) {
	let checked = 0;
	let failed = 0;
	const failing: Array<() => string> = [];
	return {
		/** Count one item checked; `failure` (when it failed) describes it at the end, kept only while examples are wanted. */
		check(failure?: () => string) {
			checked++;
			if (failure === undefined) return;
			failed++;
			if (failing.length < examples) failing.push(failure);
		},
		/** Passed when something was checked and nothing failed; `none` says nothing was, `summary` sums up. */
		result(none: string, summary: (failed: number, checked: number) => string): ExpectationResult {
			return {expectation, passed: checked > 0 && failed === 0, evidence: checked === 0 ? [none] : [summary(failed, checked), ...failing.map(describe => describe())]};
		},
	};
}

/** A checker for one expectation, writing its evidence as `evidence` says. */
export function createChecker(expectation: Expectation, evidence: Evidence): Checker {
	const {mask} = evidence;
	switch (expectation.kind) {
		case 'count': {
			if (expectation.perTransaction) {
				const counts = tally(expectation);
				return {
					transaction(view) {
						const n = view.steps.filter(step => expectation.match.matches(step.event)).length;
						counts.check(withinBound(n, expectation.bound) ? undefined : () => `${txName(view)}: ${formatCount(n)}`);
					},
					finish: () => counts.result('no transaction in scope', (failed, checked) => `${formatCount(failed)} of ${formatCount(checked)} transactions outside ${boundText(expectation.bound)}`),
				};
			}

			const matched = matchCount(expectation.match, event => describeEvent(event, mask));
			return {
				event: matched.event,
				finish() {
					const n = matched.count();
					const passed = withinBound(n, expectation.bound);
					return {expectation, passed, evidence: [`seen ${formatCount(n)}`, ...(passed || n === 0 ? [] : matched.seen())]};
				},
			};
		}

		case 'order': {
			const counts = tally(expectation);
			const rank = new Map(expectation.types.map((type, index) => [type, index]));
			return {
				transaction(view) {
					const sequence = view.steps.map(step => step.event.type).filter(type => rank.has(type));
					const ranks = sequence.flatMap(type => rank.get(type) ?? []);
					const inOrder = ranks.every((value, index) => value >= (ranks[index - 1] ?? Number.NEGATIVE_INFINITY));
					counts.check(inOrder ? undefined : () => `${txName(view)}: ${sequence.join(' → ')}`);
				},
				finish: () => counts.result('no transaction in scope', (failed, checked) => `${formatCount(failed)} of ${formatCount(checked)} transactions out of order`),
			};
		}

		case 'every': {
			const counts = tally(expectation);
			return {
				event(event) {
					if (!expectation.events.matches(event)) return;
					counts.check(expectation.match.matches(event) ? undefined : () => `${describeEvent(event, mask)}: ${JSON.stringify(namedValues(expectation.match.expr, event, evidence))}`);
				},
				finish: () => counts.result(`no event matching ${expectation.events.expr}`, (failed, checked) => `${formatCount(failed)} of ${formatCount(checked)} events do not match`),
			};
		}

		case 'never': {
			const matched = matchCount(expectation.match, event => `${describeEvent(event, mask)}: ${valueText(event, mask)}`);
			return {
				event: matched.event,
				finish: () => ({expectation, passed: matched.count() === 0, evidence: [`seen ${formatCount(matched.count())}`, ...matched.seen()]}),
			};
		}

		case 'transaction-latency': {
			const counts = tally(expectation);
			let longest = 0;
			return {
				transaction(view) {
					const total = view.totalMs;
					if (total === undefined) return;
					longest = Math.max(longest, total);
					counts.check(total <= expectation.maxMs ? undefined : () => `${txName(view)}: ${ms(total)} (${view.steps.map(step => step.event.type).join(' → ')})`);
				},
				finish: () => counts.result('no timed transaction in scope', (failed, checked) => `${formatCount(failed)} of ${formatCount(checked)} transactions took longer; longest ${ms(longest)}`),
			};
		}

		case 'edge-latency': {
			const sketch = new Sketch();
			let worst: {ms: number; txId: number} | undefined;
			const add = (edge: string, latencyMs: number, txId: number) => {
				if (edge !== expectation.edge || latencyMs < 0) return;
				sketch.add(latencyMs);
				if (!worst || latencyMs > worst.ms) worst = {ms: latencyMs, txId};
			};

			return {
				hop: add,
				transaction(view) {
					let previous: string | undefined;
					for (const step of view.steps) {
						if (step.event.timestamp === undefined) continue;
						if (previous !== undefined && step.latencyMs !== undefined) add(edgeName(previous, step.node), step.latencyMs, view.txId);
						previous = step.node;
					}
				},
				finish: context => quantileResult(expectation, sketch, expectation.bounds, {one: 'hop', many: 'hops', where: ` on ${expectation.edge}`}, worst && `${context.idOf(worst.txId) ?? `transaction ${worst.txId}`}: ${ms(worst.ms)}`),
			};
		}

		case 'delivery-latency': {
			const sketch = new Sketch();
			let worst: Envelope | undefined;
			return {
				event(event) {
					if (event.deliveryMs === undefined || isSkewed(event.deliveryMs) || (expectation.topic !== undefined && event.topic !== expectation.topic)) return;
					sketch.add(event.deliveryMs);
					if (!worst || event.deliveryMs > worst.deliveryMs!) worst = event;
				},
				finish: () => quantileResult(expectation, sketch, expectation.bounds, {one: 'delivery', many: 'deliveries'}, worst && `${describeEvent(worst, mask)}: ${ms(worst.deliveryMs!)}`),
			};
		}

		case 'alert': {
			let fired = 0;
			const listed: string[] = [];
			return {
				alert(alert) {
					if (alert.rule !== expectation.rule || (expectation.key !== undefined && alert.key !== expectation.key)) return;
					fired++;
					if (listed.length < examples) listed.push(alertText(alert, mask));
				},
				finish: () => ({expectation, passed: expectation.fires === fired > 0, evidence: [`fired ${counted(fired, 'time')}`, ...listed]}),
			};
		}

		default:
			return {
				finish({sagas}) {
					if (!sagas) return {expectation, passed: false, evidence: ['no saga figures: the engine runs no saga stage (the saga plugin is not loaded)']};
					const counts = sagas[expectation.saga];
					if (!counts) return {expectation, passed: false, evidence: [`no saga named ${expectation.saga} (sagas seen: ${Object.keys(sagas).join(', ') || 'none'})`]};
					const outside = Object.entries(expectation.outcomes).filter(([outcome, bound]) => !withinBound(counts[outcome as keyof SagaCounts], bound));
					return {
						expectation,
						passed: outside.length === 0,
						evidence: [Object.entries(counts).map(([outcome, n]) => `${outcome} ${formatCount(n)}`).join(', '), ...outside.map(([outcome, bound]) => `${outcome} ${formatCount(counts[outcome as keyof SagaCounts])}, expected ${boundText(bound)}`)],
					};
				},
			};
	}
}

/** Feeds a hop to a checker when it takes hops. */
export function feedHop(checker: Checker, hop: Hop): void {
	checker.hop?.(hop.edge, hop.latencyMs, hop.txId);
}
