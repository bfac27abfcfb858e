// The e-commerce scenario's phases (normal, Black Friday peak, incident, recovery) and where a time falls in them.
import {defaultConfig, type AlertRulesConfig, type Config} from '../../config.js';

/** Anomalies the alert rules look for; each planted once per cycle in the phase that lists it. */
export type AnomalyKind = 'big-amount' | 'velocity' | 'blocked-ip' | 'redelivery' | 'notification-spam';

/** How the shop behaves during one phase. Rates are shares of orders (0–1). */
export type PhaseSpec = {
	name: string;
	durationMs: number;
	ordersPerSecond: number;
	/** Payments the gateway declines or times out (PaymentFailed). */
	paymentFailureRate: number;
	/** Payments the slow gateway answers after 1.6–4.2 s instead of 0.1–0.5 s. */
	slowPaymentRate: number;
	/** Paid orders whose stock reservation fails, compensated by a refund and a cancellation. */
	stockOutRate: number;
	/** Shipments that take 3–8 s to be created and report a ShipmentDelayed. */
	shippingDelayRate: number;
	/** Orders whose saga stops after some step with no next event (for saga.timeout). */
	hangRate: number;
	/** Mean broker delivery delay in ms (receivedAt − event time). */
	deliveryMeanMs: number;
	/** Events delivered 0.3–2.5 s late, hence out of event-time order. */
	lateRate: number;
	anomalies: AnomalyKind[];
};

/** Alert rules the incident is built to trip (payment and stock errors, a slow gateway, shipping delays). */
export const incidentRules = ['error-rate', 'slo.latency'] as const satisfies ReadonlyArray<keyof AlertRulesConfig>;

/**
 * Event time after the incident ends during which its last sagas still produce events and hops: a slow payment
 * (≤ 4.2 s) then a delayed shipment (≤ 8 s) and the steps around them, about 13 s, rounded up with room to spare.
 */
const incidentTailMs = 30_000;

/** The shortest recovery, whatever the config: time to see the traffic settle. */
const minRecoveryMs = 30_000;

/**
 * How long the recovery lasts so that every alert of `incidentRules` resolves within it. A rule's condition can
 * hold until the incident's last samples leave its window, then must stay false for a full window more
 * (hysteresis); hop rules decide only once the watermark has passed (allowed lateness). Disabled rules need nothing.
 */
export function recoveryDuration(config: Config): number {
	const windows = incidentRules.map(name => config.alerts.rules[name]).filter(rule => rule.enabled).map(rule => rule.windowMs);
	if (windows.length === 0) return minRecoveryMs;
	return Math.max(minRecoveryMs, 2 * Math.max(...windows) + config.latency.allowedLatenessMs + incidentTailMs);
}

const normal: PhaseSpec = {
	name: 'normal', durationMs: 30_000, ordersPerSecond: 4, paymentFailureRate: 0.01, slowPaymentRate: 0,
	stockOutRate: 0.005, shippingDelayRate: 0, hangRate: 0.01, deliveryMeanMs: 6, lateRate: 0.002, anomalies: ['big-amount'],
};

const blackFriday: PhaseSpec = {
	name: 'black-friday', durationMs: 40_000, ordersPerSecond: 60, paymentFailureRate: 0.02, slowPaymentRate: 0.005,
	stockOutRate: 0.02, shippingDelayRate: 0.005, hangRate: 0.01, deliveryMeanMs: 25, lateRate: 0.003, anomalies: ['velocity'],
};

// 15 % stock-outs: inventory.updates must cross the 5 % error rate before the incident ends, while its 1 min window
// still holds the Black Friday peak (with 8 % it crossed only during the recovery).
const incident: PhaseSpec = {
	name: 'incident', durationMs: 40_000, ordersPerSecond: 30, paymentFailureRate: 0.2, slowPaymentRate: 0.45,
	stockOutRate: 0.15, shippingDelayRate: 0.3, hangRate: 0.03, deliveryMeanMs: 120, lateRate: 0.01,
	anomalies: ['blocked-ip', 'redelivery'],
};

// Its length comes from the alert config (recoveryDuration).
const recovery: Omit<PhaseSpec, 'durationMs'> = {
	name: 'recovery', ordersPerSecond: 4, paymentFailureRate: 0.02, slowPaymentRate: 0.002,
	stockOutRate: 0.01, shippingDelayRate: 0.002, hangRate: 0.01, deliveryMeanMs: 10, lateRate: 0.002,
	anomalies: ['notification-spam'],
};

/**
 * The demo's cycle for an alert configuration: normal traffic (30 s), a Black Friday peak (40 s, 60 orders/s),
 * an incident (40 s: 20 % failed payments, a slow gateway, 15 % stock-outs, shipping delays) that raises
 * `error-rate` and `slo.latency` alerts before it ends, and a recovery long enough for all of them to resolve
 * within it (`recoveryDuration`: 10 min 35 s with the default 5 min latency window). Someone watching sees the
 * incident within two minutes and its alerts resolve before the cycle starts over. The recovery runs at the
 * normal rate, which keeps a recorded cycle small, with slow hops rare enough (0.2 %) that once the incident has
 * left the window the p99 of an edge does not cross the SLO by chance; outside the incident fewer than 1 % of
 * hops are slow.
 */
export function demoPhases(config: Config): readonly PhaseSpec[] {
	return Object.freeze([normal, blackFriday, incident, {...recovery, durationMs: recoveryDuration(config)}]);
}

/** The demo's cycle for the default configuration (`demoPhases`): 30 s, 40 s, 40 s and a 10 min 35 s recovery. */
export const defaultPhases: readonly PhaseSpec[] = demoPhases(defaultConfig);

/** One occurrence of a phase on the timeline. */
export type PhaseSlot = {
	spec: PhaseSpec;
	/** Index in the phase list. */
	index: number;
	/** How many times the whole list has run before this occurrence. */
	cycle: number;
	start: number;
	end: number;
};

/** The phases laid end to end from a start time, repeated forever. */
export class PhaseTimeline {
	readonly cycleMs: number;

	constructor(readonly phases: readonly PhaseSpec[], readonly start: number) {
		if (phases.length === 0) throw new Error('simulator: at least one phase is needed');
		for (const phase of phases) {
			if (!(phase.durationMs > 0)) throw new Error(`simulator: phase ${phase.name} needs a positive duration`);
			if (!(phase.ordersPerSecond >= 0)) throw new Error(`simulator: phase ${phase.name} needs a rate ≥ 0`);
		}

		this.cycleMs = phases.reduce((sum, phase) => sum + phase.durationMs, 0);
	}

	/** The occurrence with the given cycle and index. */
	slot(cycle: number, index: number): PhaseSlot {
		let start = this.start + cycle * this.cycleMs;
		for (let i = 0; i < index; i++) start += this.phases[i]!.durationMs;
		const spec = this.phases[index]!;
		return {spec, index, cycle, start, end: start + spec.durationMs};
	}

	/** The occurrence after the given one. */
	following(slot: PhaseSlot): PhaseSlot {
		return slot.index + 1 < this.phases.length ? this.slot(slot.cycle, slot.index + 1) : this.slot(slot.cycle + 1, 0);
	}

	/** The occurrence a time falls in (times before the start fall in the first phase). */
	at(time: number): PhaseSlot {
		const elapsed = Math.max(0, time - this.start);
		const cycle = Math.floor(elapsed / this.cycleMs);
		let offset = elapsed - cycle * this.cycleMs;
		let index = 0;
		while (index < this.phases.length - 1 && offset >= this.phases[index]!.durationMs) {
			offset -= this.phases[index]!.durationMs;
			index++;
		}

		return this.slot(cycle, index);
	}
}
