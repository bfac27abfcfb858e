// The e-commerce scenario as a deterministic event generator: phases, order sagas and planted anomalies,
// released in arrival order. The simulator source paces it in real time or drains it as fast as possible.
import type {RawEvent} from '../../envelope.js';
import {
	bigBasket, plantBlockedIp, plantNotificationSpam, plantVelocity, redeliveries, blockedPayments,
	type PlantedAnomaly, type PlantSite,
} from './anomalies.js';
import {plantedCustomer, runTag} from './catalog.js';
import {ShopEvents} from './events.js';
import {orderSaga, type RedeliveredStep} from './orders.js';
import {defaultPhases, PhaseTimeline, type AnomalyKind, type PhaseSlot, type PhaseSpec} from './phases.js';
import {mixSeed, Random} from './random.js';

/** What to generate. */
export type ScenarioOptions = {
	seed: number;
	/** Event time of the start, epoch ms. */
	startTime: number;
	/** No order or anomaly starts after startTime + durationMs (sagas under way finish); undefined: forever. */
	durationMs?: number;
	/** Multiplies every phase's order rate (default 1). */
	rateScale?: number;
	phases?: readonly PhaseSpec[];
	/** Plant the anomalies each phase lists (default true). */
	anomalies?: boolean;
};

/** Anomalies that add events of their own; big-amount and redelivery ride on ordinary orders instead. */
type ActionKind = Exclude<AnomalyKind, 'big-amount' | 'redelivery'>;

/** A planted anomaly waiting for its start time. */
type Action = {time: number; kind: ActionKind; slot: PhaseSlot};

/** Where in a phase each action starts, as a share of its duration. */
const actionShare: Record<ActionKind, number> = {'blocked-ip': 0.2, velocity: 0.25, 'notification-spam': 0.3};

/**
 * Generates the scenario lazily: sagas are spawned in event-time order and queued by arrival time, and an event
 * is released only once nothing that could still be spawned might arrive before it. The output is therefore a
 * pure function of the options, however it is pulled (in one go, or bit by bit as a wall clock advances).
 */
export class EcommerceScenario {
	/** Anomalies planted so far, in the order they were planted. */
	readonly planted: PlantedAnomaly[] = [];
	/** The phases laid out from the start time. */
	readonly timeline: PhaseTimeline;
	private readonly random: Random;
	private readonly shop: ShopEvents;
	private readonly end: number;
	private readonly rateScale: number;
	private readonly anomalies: boolean;
	private readonly actions: Action[] = [];
	/** The phase occurrence whose orders are being spawned, and the next one (undefined past the end). */
	private slot: PhaseSlot;
	private nextSlot: PhaseSlot | undefined;
	private orderIndex = 0;
	private orderTotal = 0;
	private nextOrderTime = Number.POSITIVE_INFINITY;
	private bigAmountIndex = -1;
	private redeliverySteps = new Map<number, RedeliveredStep>();

	constructor(options: ScenarioOptions) {
		this.rateScale = options.rateScale ?? 1;
		if (!(this.rateScale > 0)) throw new Error('simulator: rateScale must be positive');
		this.timeline = new PhaseTimeline(options.phases ?? defaultPhases, options.startTime);
		this.end = options.durationMs === undefined ? Number.POSITIVE_INFINITY : options.startTime + options.durationMs;
		this.anomalies = options.anomalies ?? true;
		this.random = new Random(options.seed);
		// Offsets start at the start time in µs, so two runs never reuse one: a store skips an offset it already holds.
		this.shop = new ShopEvents(this.random, runTag(options.seed, options.startTime), options.startTime * 1000, mixSeed(options.seed, 1));
		this.slot = this.timeline.slot(0, 0);
		this.nextSlot = this.slot.start < this.end ? this.slot : undefined;
	}

	/** Nothing more will ever be generated: no phase, order or anomaly left to start, and nothing queued. */
	get done(): boolean {
		return this.nextSlot === undefined && this.nextOrderTime === Number.POSITIVE_INFINITY && this.actions.length === 0 && this.shop.size === 0;
	}

	/** Name of the phase a time falls in; past the end of a finite run, the last phase. */
	phaseAt(time: number): string {
		return this.timeline.at(Math.min(time, this.end - 1)).spec.name;
	}

	/** Arrival time of the next event that would be released (Infinity when none is left). */
	nextArrival(until = Number.POSITIVE_INFINITY): number {
		this.fill(until);
		return this.shop.nextArrival();
	}

	/** Up to `max` events in arrival order, each arriving no later than `until`. */
	take(max: number, until = Number.POSITIVE_INFINITY): RawEvent[] {
		const out: RawEvent[] = [];
		while (out.length < max) {
			const arrival = this.nextArrival(until);
			if (arrival > until || arrival === Number.POSITIVE_INFINITY) break;
			out.push(this.shop.deliver());
		}

		return out;
	}

	/** Spawn everything due no later than the next queued arrival (and `until`), so that arrival is final. */
	private fill(until: number): void {
		for (;;) {
			const action = this.actions[0];
			const slotTime = this.nextSlot?.start ?? Number.POSITIVE_INFINITY;
			const due = Math.min(slotTime, this.nextOrderTime, action?.time ?? Number.POSITIVE_INFINITY);
			if (due === Number.POSITIVE_INFINITY || due > until || due > this.shop.nextArrival()) return;
			if (due === slotTime) this.enter(this.nextSlot!);
			else if (due === this.nextOrderTime) this.spawnOrder();
			else this.runAction(this.actions.shift()!);
		}
	}

	/** Start a phase occurrence: schedule its orders and anomalies. */
	private enter(slot: PhaseSlot): void {
		this.slot = slot;
		const following = this.timeline.following(slot);
		this.nextSlot = following.start < this.end ? following : undefined;
		this.orderIndex = 0;
		this.orderTotal = Math.floor((slot.spec.ordersPerSecond * this.rateScale * slot.spec.durationMs) / 1000);
		this.bigAmountIndex = -1;
		this.redeliverySteps.clear();
		if (this.anomalies) this.plan(slot);
		this.scheduleOrder();
	}

	/** Mark the orders that carry a planted anomaly and queue the anomalies that add events of their own. */
	private plan(slot: PhaseSlot): void {
		const n = this.orderTotal;
		for (const kind of slot.spec.anomalies) {
			if (kind === 'big-amount') {
				if (n > 0) this.bigAmountIndex = Math.floor(n / 3);
			} else if (kind === 'redelivery') {
				for (let i = 0; i < redeliveries && n > 0; i++) this.redeliverySteps.set(Math.floor((n * (i + 1)) / (redeliveries + 1)), i % 2 === 0 ? 'payment' : 'order-created');
			} else {
				const time = slot.start + Math.floor(slot.spec.durationMs * actionShare[kind]);
				if (time >= this.end) continue;
				const at = this.actions.findIndex(action => action.time > time);
				this.actions.splice(at < 0 ? this.actions.length : at, 0, {time, kind, slot});
			}
		}
	}

	/** Time of the next order of the current phase: one per equal share of the phase, jittered within it. */
	private scheduleOrder(): void {
		const {start, spec} = this.slot;
		if (this.orderIndex >= this.orderTotal) {
			this.nextOrderTime = Number.POSITIVE_INFINITY;
			return;
		}

		const time = start + Math.floor(((this.orderIndex + this.random.next()) * spec.durationMs) / this.orderTotal);
		this.nextOrderTime = time < this.end ? time : Number.POSITIVE_INFINITY;
	}

	private spawnOrder(): void {
		const {spec, cycle} = this.slot;
		const index = this.orderIndex++;
		const start = this.nextOrderTime;
		this.shop.setDelivery(spec.deliveryMeanMs, spec.lateRate);
		const big = index === this.bigAmountIndex;
		const redeliver = this.redeliverySteps.get(index);
		const order = this.shop.order(big ? {items: bigBasket} : {});
		const redelivered = orderSaga(this.shop, this.random, spec, order, start, {clean: big || redeliver !== undefined, redeliver});
		const site = {phase: spec.name, cycle};
		if (big) this.planted.push({kind: 'big-amount', ...site, key: order.transactionId, count: 1, from: start, to: start, orderIds: [order.orderId]});
		if (redelivered) {
			this.planted.push({
				kind: 'redelivery', ...site, key: this.shop.topicOf(redelivered), count: 1, from: redelivered.time, to: redelivered.time,
				orderIds: [order.orderId], eventId: redelivered.eventId,
			});
		}

		this.scheduleOrder();
	}

	private runAction(action: Action): void {
		const {spec, cycle} = action.slot;
		this.shop.setDelivery(spec.deliveryMeanMs, spec.lateRate);
		const site: PlantSite = {start: action.time, phase: spec.name, cycle};
		const customers = cycle * 100;
		switch (action.kind) {
			case 'velocity':
				this.planted.push(plantVelocity(this.shop, this.random, site, plantedCustomer(customers + 1)));
				break;
			case 'notification-spam':
				this.planted.push(plantNotificationSpam(this.shop, site, plantedCustomer(customers + 2)));
				break;
			case 'blocked-ip':
				this.planted.push(plantBlockedIp(this.shop, this.random, site, `203.0.113.${20 + (cycle % 200)}`,
					Array.from({length: blockedPayments}, (_, i) => plantedCustomer(customers + 10 + i))));
				break;
		}
	}
}
