// The e-commerce scenario's phases (normal, Black Friday peak, incident, recovery) and where a time falls in them.

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

/**
 * The default cycle: 140 s, so someone watching `npm start` sees every phase within three minutes. Normal
 * traffic, a Black Friday peak (60 orders/s), an incident (≥ 10 % payment errors, a slow gateway, stock-outs,
 * shipping delays) and a recovery. Outside the incident fewer than 1 % of hops are slow, so the p99 of every
 * edge stays under the 1 s SLO.
 */
export const defaultPhases: readonly PhaseSpec[] = Object.freeze([
	{
		name: 'normal', durationMs: 30_000, ordersPerSecond: 4, paymentFailureRate: 0.01, slowPaymentRate: 0,
		stockOutRate: 0.005, shippingDelayRate: 0, hangRate: 0.01, deliveryMeanMs: 6, lateRate: 0.002, anomalies: ['big-amount'],
	},
	{
		name: 'black-friday', durationMs: 40_000, ordersPerSecond: 60, paymentFailureRate: 0.02, slowPaymentRate: 0.005,
		stockOutRate: 0.02, shippingDelayRate: 0.005, hangRate: 0.01, deliveryMeanMs: 25, lateRate: 0.003, anomalies: ['velocity'],
	},
	{
		name: 'incident', durationMs: 40_000, ordersPerSecond: 30, paymentFailureRate: 0.2, slowPaymentRate: 0.45,
		stockOutRate: 0.08, shippingDelayRate: 0.3, hangRate: 0.03, deliveryMeanMs: 120, lateRate: 0.01,
		anomalies: ['blocked-ip', 'redelivery'],
	},
	{
		name: 'recovery', durationMs: 30_000, ordersPerSecond: 8, paymentFailureRate: 0.02, slowPaymentRate: 0.005,
		stockOutRate: 0.01, shippingDelayRate: 0.005, hangRate: 0.01, deliveryMeanMs: 10, lateRate: 0.002,
		anomalies: ['notification-spam'],
	},
]);

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
