// A checkout saga as a Redis Streams service writes it: one stream, flat string fields plus a JSON `data` field.
import type {RawEvent} from '../../envelope.js';
import {randomItems, totalOf} from './catalog.js';
import {Random} from './random.js';
import {IsoFormatter} from './time.js';

/** The stream key every checkout event goes to. */
export const checkoutStream = 'ecommerce.checkout.events';

/** How a checkout saga ended. */
export type CheckoutOutcome = 'completed' | 'payment-failed' | 'out-of-stock' | 'hung-after-order' | 'hung-after-payment';

/** One generated checkout and its ids. */
export type CheckoutRecord = {
	checkoutId: string;
	orderId: string;
	/** Absent when the saga hung before the payment. */
	paymentId?: string;
	outcome: CheckoutOutcome;
	/** The payment answered after 1.5–3 s. */
	slowPayment: boolean;
};

/** The generated stream entries (in entry-id order) and the checkouts they tell. */
export type RedisCheckoutScenario = {events: RawEvent[]; checkouts: CheckoutRecord[]};

/** Options of the checkout scenario. */
export type RedisCheckoutOptions = {seed: number; startTime?: number; checkouts?: number; durationMs?: number};

/** Stream fields are strings; `data` holds the JSON object the service serialized into one field. */
type Fields = {type: string; checkout_id: string; order_id?: string; payment_id?: string; customer_id?: string; data: Record<string, unknown>};

/** Default start: Black Friday 2026, 11:00 UTC. */
const defaultStart = Date.UTC(2026, 10, 27, 11, 0, 0);

/** Outcome shares: cumulative thresholds in draw order. */
const outcomeShares: ReadonlyArray<readonly [CheckoutOutcome, number]> = [
	['payment-failed', 0.08], ['out-of-stock', 0.14], ['hung-after-order', 0.17], ['hung-after-payment', 0.2], ['completed', 1],
];

/**
 * Checkouts spread over five minutes (200 by default): CheckoutStarted (checkout_id only) → OrderCreated
 * (checkout_id + order_id, which joins the two) → PaymentAuthorized | PaymentFailed (payment_id) →
 * InventoryReserved | InventoryReservationFailed → compensation PaymentRefunded → OrderCancelled, or
 * CheckoutCompleted. Some sagas hang after OrderCreated or after the payment. Entry ids are `ms-seq` of the
 * event time; arrival is a few ms later, in entry-id order as XREAD returns them.
 */
export function redisCheckoutScenario(options: RedisCheckoutOptions): RedisCheckoutScenario {
	const start = options.startTime ?? defaultStart;
	const total = options.checkouts ?? 200;
	const durationMs = options.durationMs ?? 300_000;
	const random = new Random(options.seed);
	const iso = new IsoFormatter();
	const entries: Array<{time: number; fields: Fields}> = [];
	const checkouts: CheckoutRecord[] = [];
	const add = (time: number, fields: Omit<Fields, 'data'>, data: Record<string, unknown>) => {
		entries.push({time, fields: {...fields, data: {...data, occurred_at: iso.format(time)}}});
	};

	for (let i = 0; i < total; i++) {
		const roll = random.next();
		const outcome = outcomeShares.find(([, share]) => roll < share)![0];
		const checkoutId = `chk_${random.hex(10)}`;
		const orderId = `ord_${random.hex(10)}`;
		const paymentId = `pay_${random.hex(10)}`;
		const customerId = `cus_${random.hex(8)}`;
		const basket = randomItems(random);
		const amount = totalOf(basket);
		const items = basket.map(item => ({sku: item.sku, qty: item.quantity, price: item.unitPrice}));
		const ids = {checkout_id: checkoutId, order_id: orderId};
		const started = start + Math.floor(((i + random.next()) * durationMs) / total);
		add(started, {type: 'CheckoutStarted', checkout_id: checkoutId, customer_id: customerId}, {items, currency: 'EUR'});
		const ordered = started + random.int(10, 60);
		add(ordered, {type: 'OrderCreated', ...ids, customer_id: customerId}, {amount, currency: 'EUR'});
		const record: CheckoutRecord = {checkoutId, orderId, outcome, slowPayment: false};
		checkouts.push(record);
		if (outcome === 'hung-after-order') continue;

		record.paymentId = paymentId;
		record.slowPayment = random.chance(0.1);
		const paid = ordered + (record.slowPayment ? random.int(1500, 3000) : random.int(30, 95));
		const payment = {...ids, payment_id: paymentId};
		if (outcome === 'payment-failed') {
			add(paid, {type: 'PaymentFailed', ...payment}, {amount, currency: 'EUR', provider: 'stripe', reason: 'card_declined'});
			add(paid + random.int(20, 80), {type: 'OrderCancelled', ...ids}, {reason: 'payment_failed'});
			continue;
		}

		add(paid, {type: 'PaymentAuthorized', ...payment}, {amount, currency: 'EUR', provider: 'stripe'});
		if (outcome === 'hung-after-payment') continue;
		const reserved = paid + random.int(15, 80);
		if (outcome === 'out-of-stock') {
			add(reserved, {type: 'InventoryReservationFailed', ...ids}, {reason: 'out_of_stock', sku: items[0]!.sku});
			const refunded = reserved + random.int(40, 95);
			add(refunded, {type: 'PaymentRefunded', ...payment}, {amount, currency: 'EUR', provider: 'stripe'});
			add(refunded + random.int(20, 80), {type: 'OrderCancelled', ...ids}, {reason: 'out_of_stock'});
			continue;
		}

		add(reserved, {type: 'InventoryReserved', ...ids}, {warehouse: 'DC-PAR-1'});
		add(reserved + random.int(20, 90), {type: 'CheckoutCompleted', ...ids}, {amount, currency: 'EUR'});
	}

	// Sort is stable: entries of the same millisecond keep the order they were added in, as XADD would number them.
	entries.sort((a, b) => a.time - b.time);
	const events: RawEvent[] = [];
	let lastMs = -1;
	let sequence = 0;
	let arrived = 0;
	for (const {time, fields} of entries) {
		sequence = time === lastMs ? sequence + 1 : 0;
		lastMs = time;
		arrived = Math.max(arrived, time + random.int(1, 12));
		events.push({source: 'redis', topic: checkoutStream, offset: `${time}-${sequence}`, value: fields, timestamp: time, receivedAt: arrived});
	}

	return {events, checkouts};
}
