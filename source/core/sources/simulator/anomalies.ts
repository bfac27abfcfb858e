// The anomalies the default alert rules look for, planted deliberately and recorded so tests can find them.
import type {OrderItem} from './catalog.js';
import type {CancelReason, OrderSeed, PaymentType, ShopEvents} from './events.js';
import type {AnomalyKind} from './phases.js';
import type {Random} from './random.js';

/** One planted anomaly and the key its alert fires on. */
export type PlantedAnomaly = {
	kind: AnomalyKind;
	/** Phase and cycle it was planted in. */
	phase: string;
	cycle: number;
	/** What the alert is keyed by: customer id (velocity, notification spam), IP, transaction id, or topic (redelivery). */
	key: string;
	/** Planted events (payments, notifications, or redelivered copies). */
	count: number;
	/** Event time of the first and the last planted event. */
	from: number;
	to: number;
	/** Orders involved. */
	orderIds: string[];
	/** Redelivery: the event id delivered twice. */
	eventId?: string;
};

/** Payments of the velocity customer: more than 5 within 60 s. */
export const velocityPayments = 7;
/** Blocked payments from one IP: 10 or more within 5 min. */
export const blockedPayments = 12;
/** Notifications to one customer: more than 10 within 60 min. */
export const spamNotifications = 14;
/** Events delivered twice in a phase listing `redelivery`. */
export const redeliveries = 5;
/** The basket of the planted big payment: 25 × 499.99 = 12 499.75 (≥ 10 000). */
export const bigBasket: OrderItem[] = [{sku: 'SKU-13260', name: 'Gaming Console', quantity: 25, unitPrice: 499.99}];

const cheapBasket: OrderItem[] = [{sku: 'SKU-11391', name: 'Water Bottle', quantity: 1, unitPrice: 17.5}];

/** Where an anomaly is planted: the phase occurrence, and the event time it starts at. */
export type PlantSite = {phase: string; cycle: number; start: number};

/** A planted order: who pays, how the payment ends, why the order is then cancelled. */
type PlantedOrder = {seed: OrderSeed; payment: PaymentType; cancelReason: CancelReason};

/** How many payments to plant, and whether with the order events around them or as bare payments. */
export type PlantOptions = {count?: number; paymentsOnly?: boolean};

/**
 * Orders `spacingMs` apart, each OrderCreated → payment → OrderCancelled (or the payment alone); returns the
 * first and last payment time and the order ids.
 */
function plantOrders(shop: ShopEvents, random: Random, site: PlantSite, spacingMs: number, orders: PlantedOrder[], paymentsOnly = false) {
	const orderIds: string[] = [];
	let first = 0;
	let last = 0;
	for (const [i, planted] of orders.entries()) {
		const order = shop.order(planted.seed);
		const created = site.start + i * spacingMs;
		const paid = created + random.int(40, 95);
		if (i === 0) first = paid;
		last = paid;
		if (!paymentsOnly) shop.orderCreated(order, created);
		shop.payment(order, paid, planted.payment);
		if (!paymentsOnly) shop.orderClosed(order, paid + random.int(20, 90), planted.cancelReason);
		orderIds.push(order.orderId);
	}

	return {from: first, to: last, orderIds};
}

/**
 * A card-testing bot: one customer, small orders 4 s apart (7 by default); every other payment is declined
 * (few enough errors not to trip the error-rate rule on a quiet topic).
 */
export function plantVelocity(shop: ShopEvents, random: Random, site: PlantSite, customerId: string, options: PlantOptions = {}): PlantedAnomaly {
	const count = options.count ?? velocityPayments;
	const orders = Array.from({length: count}, (_, i): PlantedOrder => ({
		seed: {customerId, items: cheapBasket},
		payment: i % 2 === 0 ? 'PaymentAuthorized' : 'PaymentDeclined',
		cancelReason: i % 2 === 0 ? 'fraud_suspected' : 'payment_declined',
	}));
	return {kind: 'velocity', phase: site.phase, cycle: site.cycle, key: customerId, count, ...plantOrders(shop, random, site, 4000, orders, options.paymentsOnly)};
}

/** One IP paying for a different customer every 3 s (12 by default), every payment blocked by the IP block list. */
export function plantBlockedIp(shop: ShopEvents, random: Random, site: PlantSite, ip: string, customers: string[], options: PlantOptions = {}): PlantedAnomaly {
	const count = options.count ?? blockedPayments;
	const orders = customers.slice(0, count).map((customerId): PlantedOrder => ({
		seed: {customerId, ip},
		payment: 'PaymentBlocked',
		cancelReason: 'payment_blocked',
	}));
	return {kind: 'blocked-ip', phase: site.phase, cycle: site.cycle, key: ip, count: orders.length, ...plantOrders(shop, random, site, 3000, orders, options.paymentsOnly)};
}

/** A reminder job stuck in a loop: fourteen cart reminders to one customer, 2.5 s apart, no order involved. */
export function plantNotificationSpam(shop: ShopEvents, site: PlantSite, customerId: string): PlantedAnomaly {
	for (let i = 0; i < spamNotifications; i++) shop.notification(customerId, site.start + i * 2500, 'cart-reminder');
	return {kind: 'notification-spam', phase: site.phase, cycle: site.cycle, key: customerId, count: spamNotifications, from: site.start, to: site.start + (spamNotifications - 1) * 2500, orderIds: []};
}
