// One order's checkout saga across the six topics, with the failures and compensations of the current phase.
import type {Order, Planned, ShopEvents} from './events.js';
import type {PhaseSpec} from './phases.js';
import type {Random} from './random.js';

/** Share of payments that get a post-authorization fraud check (an event with only the transaction id). */
const fraudCheckRate = 0.3;

/** Which event of the saga to deliver twice (a planted redelivery). */
export type RedeliveredStep = 'order-created' | 'payment';

/** How to run one saga. */
export type SagaOptions = {
	/** Straight through to OrderCompleted: no failure, stock-out or hang (planted anomalies rely on it). */
	clean?: boolean;
	redeliver?: RedeliveredStep;
};

/** A healthy service's reaction time in ms: under the 100 ms that timelines mark as slow. */
function step(random: Random): number {
	return random.int(45, 95);
}

/**
 * A quick follow-up (fraud check, notification, closing the order): shorter than any `step`, so every saga
 * keeps one event order and its hops always fall on the same edges.
 */
function quick(random: Random): number {
	return random.int(10, 40);
}

/** Where a hanging saga stops: after this step nothing follows. */
const hangPoints = ['order-created', 'payment', 'inventory'] as const;

/**
 * Emit the saga of one order created at `start`:
 * OrderCreated → PaymentAuthorized (→ FraudCheckCompleted) → InventoryReserved → NotificationSent
 * → ShipmentCreated (→ ShipmentDelayed) → NotificationSent → OrderCompleted, each 10–95 ms after the one it
 * reacts to, except the slow gateway (1.6–4.2 s) and delayed shipments (3–8 s).
 * Failures: PaymentFailed → NotificationSent → OrderCancelled; OutOfStock → PaymentRefunded (compensation)
 * → NotificationSent → OrderCancelled. A hanging saga stops after one step. Returns the redelivered event, if any.
 */
export function orderSaga(shop: ShopEvents, random: Random, phase: PhaseSpec, order: Order, start: number, options: SagaOptions = {}): Planned | undefined {
	let redelivered: Planned | undefined;
	const maybeRedeliver = (event: Planned, which: RedeliveredStep) => {
		if (options.redeliver !== which) return;
		shop.redeliver(event, random.int(500, 3000));
		redelivered = event;
	};

	const clean = options.clean === true;
	const hang = !clean && random.chance(phase.hangRate) ? random.pick(hangPoints) : undefined;
	maybeRedeliver(shop.orderCreated(order, start), 'order-created');
	if (hang === 'order-created') return redelivered;

	const paid = start + (!clean && random.chance(phase.slowPaymentRate) ? random.int(1600, 4200) : step(random));
	if (!clean && random.chance(phase.paymentFailureRate)) {
		maybeRedeliver(shop.payment(order, paid, 'PaymentFailed'), 'payment');
		const notified = paid + quick(random);
		shop.notification(order, notified, 'payment-failed');
		shop.orderClosed(order, notified + quick(random), 'payment_failed');
		return redelivered;
	}

	maybeRedeliver(shop.payment(order, paid, 'PaymentAuthorized'), 'payment');
	if (random.chance(fraudCheckRate)) shop.fraudCheck(order, paid + quick(random));
	if (hang === 'payment') return redelivered;

	const reserved = paid + step(random);
	if (!clean && random.chance(phase.stockOutRate)) {
		shop.inventory(order, reserved, false);
		const refunded = reserved + step(random);
		shop.payment(order, refunded, 'PaymentRefunded');
		const notified = refunded + quick(random);
		shop.notification(order, notified, 'order-cancelled');
		shop.orderClosed(order, notified + quick(random), 'out_of_stock');
		return redelivered;
	}

	shop.inventory(order, reserved, true);
	shop.notification(order, reserved + quick(random), 'order-confirmation');
	if (hang === 'inventory') return redelivered;

	const delayed = !clean && random.chance(phase.shippingDelayRate);
	let time = reserved + (delayed ? random.int(3000, 8000) : step(random));
	shop.shipmentCreated(order, time);
	if (delayed) shop.shipmentDelayed(order, time += quick(random), random.int(30, 240));
	shop.notification(order, time += quick(random), 'order-shipped');
	shop.orderClosed(order, time + quick(random));
	return redelivered;
}
