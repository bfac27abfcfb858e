// slo.latency — the `quantile` (default p99) of hop latency on an edge above `threshold` ms (default 1 000) over the
// window (default 5 min), once it holds at least `minHops` hops (default 20). Per-edge overrides in `topics`, by edge
// name ("A->B") or by the edge's destination topic. Severity warning. A late hop counts in the windows of its own
// time (up to alerts.allowedLatenessMs behind the newest hop: docs/event-model.md, "Late events").
//
// Nearest rank: the quantile is above the threshold exactly when fewer than ceil(q·n) hops are at or below it, so
// counting hops and slow hops decides the condition without approximation. Only the slow hops go into sketches,
// and only to print the quantile itself in the message: the fast ones are kept as a count and a minimum per step,
// which rank below every slow one, so the quantile printed is the one `metrics` gives for the same hops.
import * as v from 'valibot';
import {duration, positiveInteger, quantile} from '../config-schema.js';
import {edgeNodes} from '../metrics/edge.js';
import {namingBounds} from '../metrics/flow-nodes.js';
import {Sketch} from '../metrics/sketch.js';
import type {Envelope} from '../envelope.js';
import type {Hop} from '../metrics/types.js';
import {BoundedKeys} from './bounded-keys.js';
import {BucketRing} from './bucket-ring.js';
import {counted, formatMs, formatNumber, formatSpan} from '../units/format.js';
import {heldWindows} from './late-windows.js';
import {LateEvents} from './lateness.js';
import {noReports, overrideOf, type AlertRule, type RuleContext, type RuleReport} from './rule.js';
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
	ring: BucketRing;
	/** Whether a window's sums (hops, slow hops) hold the condition. */
	holds: (sums: readonly number[]) => boolean;
	/** Latencies of the slow hops of each ring bucket, the least latency of its fast ones; `stamps` says which bucket a slot holds. */
	sketches: Array<Sketch | undefined>;
	fastMin: Float64Array;
	stamps: number[];
	/** Transactions of the latest slow hops, newest last. */
	slowTx: number[];
	/** The quantile as last computed, for the window ending at ring bucket `bucket` when it held `hops` hops. */
	shown: {bucket: number; hops: number; value: number};
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

/** The engine's clock when each event of a batch was read, by store sequence number. */
function clocksBySeq(events: readonly Envelope[], times: Float64Array): Map<number, number> {
	const clocks = new Map<number, number>();
	for (let i = 0; i < events.length; i++) clocks.set(events[i]!.seq, times[i]!);
	return clocks;
}

/**
 * The quantile of the edge's `n` hops in the window ending at bucket `end` (a slow hop, by the condition), as
 * `metrics` reads it from a sketch of all of them: the fast hops rank below the slow ones, so their count and least
 * latency stand in for their values.
 */
function quantileOf(state: EdgeState, quantile: number, end: number, n: number): number {
	const {ring} = state;
	const merged = new Sketch();
	let fastMin = Number.POSITIVE_INFINITY;
	for (let slot = 0; slot < ring.size; slot++) {
		if (!ring.holds(state.stamps[slot]!, end)) continue;
		const sketch = state.sketches[slot];
		if (sketch !== undefined) merged.merge(sketch);
		if (state.fastMin[slot]! < fastMin) fastMin = state.fastMin[slot]!;
	}

	merged.addBelow(fastMin, n - merged.count);
	return merged.quantile(quantile);
}

/** The slo.latency rule, keyed by edge. */
export function createSloLatencyRule({config}: RuleContext): AlertRule {
	const settings = config.alerts.rules['slo.latency'];
	const {windowMs, quantile} = settings;
	const {maxExamples} = config.alerts;
	const label = `p${formatNumber(quantile * 100)}`;
	const window = formatSpan(windowMs);
	const names = new TransactionNames();
	let clock = Number.NEGATIVE_INFINITY;
	// An edge whose window ending at the clock is empty is kept only for late hops: dropping it is no loss.
	const keys = new BoundedKeys<EdgeState>(settings.maxKeys, state => state.ring.countsWithin(clock));
	// The engine's clock when it last ran the rules, which resolutions were decided by: a report of this batch is
	// no earlier than the allowed lateness behind it. (Not this batch's clock: every hop is behind that by the
	// hops' reordering window, and those made final by a jump of the clock by more than that.)
	let decided = Number.NEGATIVE_INFINITY;
	// Hops come up to the hops' reordering window behind the clock anyway (in auto mode, and the time a new topic's
	// naming may hold them, flow-nodes.ts); a late one counts in the windows of its own time, which the rings keep
	// for the allowed lateness (the clock here is the newest hop's time).
	const hopsBehindMs = config.latency.allowedLatenessMs + (config.hops.nodes === 'auto' ? namingBounds.ms : 0);
	const lateness = new LateEvents(windowMs, Math.max(hopsBehindMs, config.alerts.allowedLatenessMs));
	const create = (edge: string): EdgeState => {
		const override = overrideOf(settings.topics, edge, edgeNodes(edge)[1]);
		const ring = new BucketRing(windowMs, slots, 2, lateness.latenessMs);
		const minHops = override?.minHops ?? settings.minHops;
		return {
			enabled: override?.enabled ?? true,
			threshold: override?.threshold ?? settings.threshold,
			ring,
			// Nearest rank: the quantile is slow when fewer than ceil(q·n) hops are at or below the threshold.
			holds: sums => sums[allHops]! >= minHops && sums[allHops]! - sums[slowHops]! < Math.ceil(quantile * sums[allHops]! - epsilon),
			sketches: new Array<Sketch | undefined>(ring.size),
			fastMin: new Float64Array(ring.size),
			stamps: new Array<number>(ring.size).fill(Number.NaN),
			slowTx: [],
			shown: {bucket: Number.NaN, hops: 0, value: 0},
		};
	};

	/** Count a hop in its edge's ring (and a slow one's latency in its bucket's sketch) at clock `seen`; false when too late. */
	const count = (state: EdgeState, hop: Hop, seen: number): boolean => {
		const {ring} = state;
		ring.advance(seen);
		if (lateness.refuses(hop.at, seen)) return false;
		if (!ring.add(hop.at, allHops)) {
			lateness.lost();
			return false;
		}

		lateness.counted(hop.at, seen);
		const bucket = ring.bucketOf(hop.at);
		const slot = ring.slotOf(bucket);
		if (state.stamps[slot] !== bucket) {
			state.sketches[slot] = undefined;
			state.fastMin[slot] = Number.POSITIVE_INFINITY;
			state.stamps[slot] = bucket;
		}

		if (hop.latencyMs <= state.threshold) {
			if (hop.latencyMs < state.fastMin[slot]!) state.fastMin[slot] = hop.latencyMs;
			return true;
		}

		ring.add(hop.at, slowHops);
		(state.sketches[slot] ??= new Sketch()).add(hop.latencyMs);
		state.slowTx.push(hop.txId);
		if (state.slowTx.length > maxExamples) state.slowTx.shift();
		return true;
	};

	return {
		name: 'slo.latency',
		severity: settings.severity,
		windowMs,
		settleMs: lateness.settleMs,
		observe({events, times, hops, now}) {
			for (const env of events) if (env.txId !== 0 && env.ids.length > 0) names.note(env.txId, env.ids[0]!);
			let reports: RuleReport[] | undefined;
			const earliest = lateness.earliest(decided);
			decided = now;
			// Hops are taken in time order, so a hop read after newer ones of its batch comes before them: one
			// behind every clock of the batch is judged at the clock its event was read at (as if it had come in a
			// batch of its own, after them), looked up by its event's store sequence number.
			const behind = now - windowMs;
			let readClocks: Map<number, number> | undefined;
			for (const hop of byTime(hops)) {
				if (hop.at > clock) clock = hop.at;
				const state = keys.touch(hop.edge, create);
				if (!state.enabled) continue;
				const seen = hop.at > behind ? clock : Math.max(clock, (readClocks ??= clocksBySeq(events, times)).get(hop.seq) ?? clock);
				if (!count(state, hop, seen)) continue;
				const held = heldWindows(state.ring, hop.at, seen, earliest, state.holds);
				if (held === undefined) continue;
				const n = held.sums[allHops]!;
				// A window's hops only grow while it is kept: its end and count say which hops a quantile is of.
				if (state.shown.bucket !== held.end || state.shown.hops !== n) state.shown = {bucket: held.end, hops: n, value: quantileOf(state, quantile, held.end, n)};
				const {value} = state.shown;
				const exampleIds: string[] = [];
				for (let i = state.slowTx.length - 1; i >= 0; i--) {
					const name = names.name(state.slowTx[i]!);
					if (name !== undefined && !exampleIds.includes(name)) exampleIds.push(name);
				}

				(reports ??= []).push({
					kind: 'violation',
					key: hop.edge,
					at: held.at,
					until: held.until,
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
		lateness: () => lateness.count(),
	};
}
