// slo.latency — the `quantile` (default p99) of hop latency on an edge above `threshold` ms (default 1 000) over the
// window (default 5 min), once it holds at least `minHops` hops (default 20). Per-edge overrides in `topics`, by edge
// name ("A->B") or by the edge's destination topic. Severity warning.
//
// Nearest rank: the quantile is above the threshold exactly when fewer than ceil(q·n) hops are at or below it, so
// counting hops and slow hops decides the condition without approximation. Only the slow hops go into sketches,
// and only to print the quantile itself in the message.
import {DDSketch} from '@datadog/sketches-js';
import * as v from 'valibot';
import {duration, positiveInteger, quantile} from '../config-schema.js';
import {edgeNodes} from '../metrics/edge.js';
import type {Hop} from '../metrics/types.js';
import {BoundedKeys} from './bounded-keys.js';
import {BucketRing} from './bucket-ring.js';
import {counted, formatMs, formatNumber, formatSpan} from '../units/format.js';
import {noReports, overrideOf, type AlertRule, type LateCount, type RuleContext, type RuleReport} from './rule.js';
import {ruleSettings, topicOverrides} from './settings.js';

/** slo.latency's settings and their defaults (`alerts.rules.slo.latency`); an override's threshold is also in ms. */
export const sloLatencySettings = ruleSettings({severity: 'warning', windowMs: 5 * 60_000}, {
	threshold: v.optional(duration, 1000),
	quantile: v.optional(quantile, 0.99),
	minHops: v.optional(positiveInteger, 20),
	maxKeys: v.optional(positiveInteger, 500),
	topics: topicOverrides(duration, {minHops: positiveInteger}),
});

/** The window is counted in this many steps (10 s steps for the default 5 min). */
const slots = 30;
const allHops = 0;
const slowHops = 1;
/** Rounding guard for ceil(q·n): 0.99 · 100 is 99.00000000000001 in floating point. */
const epsilon = 1e-9;

type EdgeState = {
	enabled: boolean;
	threshold: number;
	minHops: number;
	ring: BucketRing;
	/** Latencies of the slow hops of each ring bucket; `stamps` says which bucket a sketch belongs to. */
	sketches: Array<DDSketch | undefined>;
	stamps: number[];
	/** Transactions of the latest slow hops, newest last. */
	slowTx: number[];
	/** The quantile as last computed, and the ring bucket it was computed in (merging sketches per hop would cost). */
	shown: {bucket: number; value: number};
};

/** Correlation ids of recent transactions, by transaction number, in a fixed table (a newer one overwrites). */
class TransactionNames {
	private readonly tx = new Float64Array(65_536);
	private readonly names: Array<string | undefined> = new Array<string | undefined>(65_536);

	/** Remember the first id of a stored transaction. */
	note(txId: number, name: string): void {
		const slot = txId & 0xffff;
		this.tx[slot] = txId;
		this.names[slot] = name;
	}

	/** The id remembered for a transaction, unless a newer transaction took its slot. */
	name(txId: number): string | undefined {
		const slot = txId & 0xffff;
		return this.tx[slot] === txId ? this.names[slot] : undefined;
	}
}

/** Hops in time order (the hop tracker emits them by watermark, not strictly by time). */
function byTime(hops: readonly Hop[]): readonly Hop[] {
	for (let i = 1; i < hops.length; i++) if (hops[i]!.at < hops[i - 1]!.at) return [...hops].sort((a, b) => a.at - b.at);
	return hops;
}

/** The quantile of an edge's window: the k-th largest hop, which the condition guarantees is a slow one. */
function quantileOf(state: EdgeState, quantile: number): number {
	const {ring} = state;
	const merged = new DDSketch({relativeAccuracy: 0.01});
	for (let slot = 0; slot < slots; slot++) {
		const sketch = state.sketches[slot];
		if (sketch !== undefined && ring.holds(state.stamps[slot]!)) merged.merge(sketch);
	}

	const n = ring.sums[allHops]!;
	const slow = merged.count;
	const kthLargest = n - Math.ceil(quantile * n - epsilon) + 1;
	// getValueAtQuantile reads rank q·(count − 1); aim at the middle of the wanted rank.
	return merged.getValueAtQuantile(slow <= 1 ? 0 : Math.min(1, (slow - kthLargest + 0.5) / (slow - 1)));
}

/** The slo.latency rule, keyed by edge. */
export function createSloLatencyRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['slo.latency'];
	const {windowMs, quantile} = settings;
	const {maxExamples} = config.alerts;
	const label = `p${formatNumber(quantile * 100)}`;
	const window = formatSpan(windowMs);
	const keys = new BoundedKeys<EdgeState>(settings.maxKeys);
	const names = new TransactionNames();
	let clock = Number.NEGATIVE_INFINITY;
	// Hops are counted only in the window that ends at the newest hop: one behind it is too late.
	const lateness: LateCount = {late: 0, tooLate: 0};
	const create = (edge: string): EdgeState => {
		const override = overrideOf(settings.topics, edge, edgeNodes(edge)[1]);
		return {
			enabled: override?.enabled ?? true,
			threshold: override?.threshold ?? settings.threshold,
			minHops: override?.minHops ?? settings.minHops,
			ring: new BucketRing(windowMs, slots, 2),
			sketches: new Array<DDSketch | undefined>(slots),
			stamps: new Array<number>(slots).fill(Number.NaN),
			slowTx: [],
			shown: {bucket: Number.NaN, value: 0},
		};
	};

	const count = (state: EdgeState, hop: Hop) => {
		const {ring} = state;
		ring.advance(clock);
		if (!ring.add(hop.at, allHops)) {
			lateness.tooLate++;
			return;
		}

		if (hop.latencyMs <= state.threshold) return;
		ring.add(hop.at, slowHops);
		const bucket = ring.bucketOf(hop.at);
		const slot = ring.slotOf(bucket);
		if (state.stamps[slot] !== bucket) {
			state.sketches[slot] = new DDSketch({relativeAccuracy: 0.01});
			state.stamps[slot] = bucket;
		}

		state.sketches[slot]!.accept(hop.latencyMs);
		state.slowTx.push(hop.txId);
		if (state.slowTx.length > maxExamples) state.slowTx.shift();
	};

	return {
		name: 'slo.latency',
		severity: settings.severity,
		windowMs,
		settleMs: config.latency.allowedLatenessMs,
		observe({events, hops}) {
			for (const env of events) if (env.txId !== 0 && env.ids.length > 0) names.note(env.txId, env.ids[0]!);
			let reports: RuleReport[] | undefined;
			for (const hop of byTime(hops)) {
				if (hop.at > clock) clock = hop.at;
				const state = keys.touch(hop.edge, create);
				if (!state.enabled) continue;
				count(state, hop);
				const n = state.ring.sums[allHops]!;
				const atOrBelow = n - state.ring.sums[slowHops]!;
				if (n < state.minHops || atOrBelow >= Math.ceil(quantile * n - epsilon)) continue;
				if (state.shown.bucket !== state.ring.newest) state.shown = {bucket: state.ring.newest, value: quantileOf(state, quantile)};
				const {value} = state.shown;
				const exampleIds: string[] = [];
				for (let i = state.slowTx.length - 1; i >= 0; i--) {
					const name = names.name(state.slowTx[i]!);
					if (name !== undefined && !exampleIds.includes(name)) exampleIds.push(name);
				}

				(reports ??= []).push({
					kind: 'violation',
					key: hop.edge,
					at: clock,
					until: clock,
					value,
					threshold: state.threshold,
					message: `edge ${hop.edge} ${label} ${formatMs(value)} over ${window} from ${counted(n, 'hop')} (threshold ${formatMs(state.threshold)})`,
					exampleIds,
				});
			}

			keys.expire(state => state.ring.emptyAt(clock));
			return reports ?? noReports;
		},
		keys: () => keys.count(),
		lateness: () => ({...lateness}),
	};
}
