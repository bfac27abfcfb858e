// The simulated shop's events, as its services would publish them on Kafka: camelCase payloads on six topics.
import type {RawEvent} from '../../envelope.js';
import {
	carriers, customerOf, DecimalCounter, padded, paymentMethods, randomIp, randomItems, recipientOf, reservationOf, totalOf, type OrderItem,
} from './catalog.js';
import {ArrivalQueue} from './queue.js';
import type {Random} from './random.js';
import {IsoFormatter} from './time.js';

/** The e-commerce topics, in saga order. */
export const shopTopics = {
	ordersCreated: 'orders.created',
	payments: 'payment.transactions',
	inventory: 'inventory.updates',
	notifications: 'customer.notifications',
	shipping: 'shipping.events',
	ordersCompleted: 'orders.completed',
} as const;

/** Partitions per topic; an order's events all go to the same one (keyed by order id). */
export const shopPartitions = 3;

/** One order and every id its events carry. */
export type Order = {
	number: number;
	orderId: string;
	transactionId: string;
	shipmentId: string;
	customerId: string;
	ip: string;
	items: OrderItem[];
	totalAmount: number;
	currency: string;
	partition: number;
};

/** What an order needs that is not drawn at random (planted anomalies fix some of it). */
export type OrderSeed = {customerId?: string; ip?: string; items?: OrderItem[]};

/** Payment event types, with the status field the payment service sets. */
const paymentStatus = {
	PaymentAuthorized: 'authorized',
	PaymentFailed: 'failed',
	PaymentDeclined: 'declined',
	PaymentBlocked: 'blocked',
	PaymentRefunded: 'refunded',
} as const;

/** A payment event type. */
export type PaymentType = keyof typeof paymentStatus;

/** Notification templates. */
export type Template = 'payment-failed' | 'order-cancelled' | 'order-confirmation' | 'order-shipped' | 'cart-reminder';

/** Why an order was cancelled. */
export type CancelReason = 'payment_failed' | 'out_of_stock' | 'fraud_suspected' | 'payment_declined' | 'payment_blocked';

const failureCodes = ['GATEWAY_TIMEOUT', 'GATEWAY_TIMEOUT', 'INSUFFICIENT_FUNDS', 'CARD_EXPIRED', 'PROCESSOR_UNAVAILABLE'];
const warehouses = ['DC-PAR-1', 'DC-LYS-2', 'DC-LIL-1'];

/**
 * Longest ordinary broker delay in ms; late arrivals add 0.3–2.5 s more, so no event arrives more than 4 s
 * after its time: within the 5 s allowed lateness of hop tracking.
 */
const maxDeliveryMs = 1500;

/** Saga steps; each builds one kind of payload. */
const enum Step { OrderCreated, Payment, FraudCheck, InventoryReserved, OutOfStock, Notification, ShipmentCreated, ShipmentDelayed, OrderClosed }

const topicList = Object.values(shopTopics);

/** Index in topicList of each step's topic. */
const stepTopics: Record<Step, number> = {
	[Step.OrderCreated]: topicList.indexOf(shopTopics.ordersCreated),
	[Step.Payment]: topicList.indexOf(shopTopics.payments),
	[Step.FraudCheck]: topicList.indexOf(shopTopics.payments),
	[Step.InventoryReserved]: topicList.indexOf(shopTopics.inventory),
	[Step.OutOfStock]: topicList.indexOf(shopTopics.inventory),
	[Step.Notification]: topicList.indexOf(shopTopics.notifications),
	[Step.ShipmentCreated]: topicList.indexOf(shopTopics.shipping),
	[Step.ShipmentDelayed]: topicList.indexOf(shopTopics.shipping),
	[Step.OrderClosed]: topicList.indexOf(shopTopics.ordersCompleted),
};

/**
 * An event decided when its saga is generated. The payload is built only when the event arrives: sagas are
 * generated seconds ahead, and a small plan held that long is far cheaper than a finished payload.
 */
export type Planned = {
	step: Step;
	/** The order, or the customer id for a notification that belongs to no order. */
	subject: Order | string;
	/** Event time. */
	time: number;
	/** First arrival (a redelivery arrives again later). */
	arrival: number;
	/** Event number, the source of its stable per-event details (channel, method, …). */
	number: number;
	eventId: string;
	/** Payment type, notification template or cancel reason; '' when the step has none. */
	kind: string;
	/** ShipmentDelayed: minutes of delay. */
	minutes: number;
};

/** A well-mixed 32-bit value per event number: per-event details without drawing from the PRNG at build time. */
function scramble(number: number): number {
	let hash = Math.imul(number ^ 0x5B_D1_E9_95, 0x27_D4_EB_2D);
	hash ^= hash >>> 15;
	hash = Math.imul(hash, 0x85_EB_CA_6B);
	return (hash ^ (hash >>> 13)) >>> 0;
}

/**
 * Plans the shop's events and releases them in arrival order. Every event gets an `eventId` and an ISO
 * `timestamp` (its event time); its arrival adds a broker delivery delay from the current profile, and a share
 * of events arrives late, out of event-time order. Offsets are given on release, in arrival order, as a
 * partition would. Every random draw happens while planning, so the output never depends on when it is pulled.
 */
export class ShopEvents {
	private readonly queue = new ArrivalQueue<Planned>();
	private readonly iso = new IsoFormatter();
	/** Next offset of each topic × partition. */
	private readonly offsets: DecimalCounter[];
	private readonly eventIds: DecimalCounter;
	private readonly eventPrefix: string;
	private eventCount = 0;
	private orderCount = 0;
	private deliveryMeanMs = 5;
	private lateRate = 0;

	/**
	 * @param tag run tag inside every id
	 * @param offsetBase first offset of every partition
	 * @param customerOffset where this run starts in the customer permutation
	 */
	constructor(
		private readonly random: Random,
		private readonly tag: string,
		offsetBase: number,
		private readonly customerOffset: number,
	) {
		this.eventPrefix = `EVT-${tag}-`;
		this.eventIds = new DecimalCounter(1, 8);
		this.offsets = Array.from({length: topicList.length * shopPartitions}, () => new DecimalCounter(offsetBase, 16));
	}

	/** Events planned and not yet released. */
	get size(): number {
		return this.queue.size;
	}

	/** Arrival time of the next event to release; Infinity when none is planned. */
	nextArrival(): number {
		return this.queue.peekArrival();
	}

	/** Delivery delays for what is planned next (the current phase's broker behaviour). */
	setDelivery(meanMs: number, lateRate: number): void {
		this.deliveryMeanMs = meanMs;
		this.lateRate = lateRate;
	}

	/** A new order with its ids; customer, IP and basket are random unless given. */
	order(seed: OrderSeed = {}): Order {
		const number = ++this.orderCount;
		const suffix = `${this.tag}-${padded(number, 6)}`;
		const items = seed.items ?? randomItems(this.random);
		const roll = this.random.next();
		return {
			number,
			orderId: `ORD-${suffix}`,
			transactionId: `TXN-${suffix}`,
			shipmentId: `SHP-${suffix}`,
			customerId: seed.customerId ?? customerOf(number, this.customerOffset),
			ip: seed.ip ?? randomIp(this.random),
			items,
			totalAmount: totalOf(items),
			currency: roll < 0.8 ? 'EUR' : (roll < 0.9 ? 'GBP' : 'USD'),
			partition: number % shopPartitions,
		};
	}

	/** OrderCreated on orders.created. */
	orderCreated(order: Order, time: number): Planned {
		return this.plan(Step.OrderCreated, order, time);
	}

	/** A payment event on payment.transactions: carries both the order id and the transaction id. */
	payment(order: Order, time: number, type: PaymentType): Planned {
		return this.plan(Step.Payment, order, time, type);
	}

	/** The fraud service's verdict: it knows only the transaction id, which links it to the order. */
	fraudCheck(order: Order, time: number): void {
		this.plan(Step.FraudCheck, order, time);
	}

	/** InventoryReserved, or OutOfStock (status rejected) for the order's first line. */
	inventory(order: Order, time: number, reserved: boolean): void {
		this.plan(reserved ? Step.InventoryReserved : Step.OutOfStock, order, time);
	}

	/** NotificationSent on customer.notifications, about an order or (given a customer id) about none. */
	notification(subject: Order | string, time: number, template: Template): void {
		this.plan(Step.Notification, subject, time, template);
	}

	/** ShipmentCreated on shipping.events: a third id (shipmentId) for the order. */
	shipmentCreated(order: Order, time: number): void {
		this.plan(Step.ShipmentCreated, order, time);
	}

	/** ShipmentDelayed on shipping.events (the carrier is behind). */
	shipmentDelayed(order: Order, time: number, minutes: number): void {
		this.plan(Step.ShipmentDelayed, order, time, '', minutes);
	}

	/** OrderCompleted, or OrderCancelled with a reason, on orders.completed: the end of the saga. */
	orderClosed(order: Order, time: number, cancelReason?: CancelReason): void {
		this.plan(Step.OrderClosed, order, time, cancelReason ?? '');
	}

	/** Deliver a planned event again `delayMs` after its first arrival (a producer retry): same eventId and payload. */
	redeliver(planned: Planned, delayMs: number): void {
		this.queue.push(planned, planned.arrival + delayMs);
	}

	/** The topic of a planned event. */
	topicOf(planned: Planned): string {
		return topicList[stepTopics[planned.step]]!;
	}

	/** Release the next event (there must be one): its payload, and an offset in arrival order. */
	deliver(): RawEvent {
		const planned = this.queue.pop();
		const topicIndex = stepTopics[planned.step];
		const {subject} = planned;
		const isOrder = typeof subject !== 'string';
		const notification = planned.step === Step.Notification;
		const key = notification ? (isOrder ? subject.customerId : subject) : (planned.step === Step.FraudCheck ? (subject as Order).transactionId : (subject as Order).orderId);
		const partition = notification ? key.charCodeAt(key.length - 1) % shopPartitions : (subject as Order).partition;
		const offset = this.offsets[topicIndex * shopPartitions + partition]!.next();
		return {source: 'demo', topic: topicList[topicIndex]!, partition, offset, key, value: this.build(planned), timestamp: planned.time, receivedAt: this.queue.poppedArrival};
	}

	private plan(step: Step, subject: Order | string, time: number, kind = '', minutes = 0): Planned {
		let delay = 1 + Math.min(maxDeliveryMs, Math.round(this.random.exponential(this.deliveryMeanMs)));
		if (this.lateRate > 0 && this.random.next() < this.lateRate) delay += this.random.int(300, 2500);
		const planned: Planned = {step, subject, time, arrival: time + delay, number: ++this.eventCount, eventId: this.eventPrefix + this.eventIds.next(), kind, minutes};
		this.queue.push(planned, planned.arrival);
		return planned;
	}

	/** The payload, in the field order the services publish. */
	private build(planned: Planned): Record<string, unknown> {
		const {eventId} = planned;
		const timestamp = this.iso.format(planned.time);
		const detail = scramble(planned.number);
		if (planned.step === Step.Notification) return this.buildNotification(planned, eventId, timestamp, detail);
		const order = planned.subject as Order;
		switch (planned.step) {
			case Step.OrderCreated:
				return {eventId, eventType: 'OrderCreated', orderId: order.orderId, customerId: order.customerId, status: 'created', items: order.items, totalAmount: order.totalAmount, currency: order.currency, timestamp};
			case Step.Payment:
				return this.buildPayment(planned.kind as PaymentType, order, eventId, timestamp, detail);
			case Step.FraudCheck:
				return {eventId, eventType: 'FraudCheckCompleted', transactionId: order.transactionId, riskScore: 1 + (detail % 40), decision: 'approve', timestamp};
			case Step.InventoryReserved:
				return {eventId, eventType: 'InventoryReserved', orderId: order.orderId, warehouse: warehouses[order.partition], items: order.items.map(item => reservationOf(item)), status: 'reserved', timestamp};
			case Step.OutOfStock:
				return {eventId, eventType: 'OutOfStock', orderId: order.orderId, sku: order.items[0]!.sku, requested: order.items[0]!.quantity, available: 0, status: 'rejected', timestamp};
			case Step.ShipmentCreated:
				return {eventId, eventType: 'ShipmentCreated', shipmentId: order.shipmentId, orderId: order.orderId, carrier: carriers[order.number % carriers.length], status: 'created', timestamp};
			case Step.ShipmentDelayed:
				return {eventId, eventType: 'ShipmentDelayed', shipmentId: order.shipmentId, orderId: order.orderId, delayMinutes: planned.minutes, status: 'delayed', timestamp};
			default:
				return planned.kind === ''
					? {eventId, eventType: 'OrderCompleted', orderId: order.orderId, customerId: order.customerId, status: 'completed', totalAmount: order.totalAmount, currency: order.currency, timestamp}
					: {eventId, eventType: 'OrderCancelled', orderId: order.orderId, customerId: order.customerId, status: 'cancelled', reason: planned.kind, totalAmount: order.totalAmount, currency: order.currency, timestamp};
		}
	}

	private buildPayment(type: PaymentType, order: Order, eventId: string, timestamp: string, detail: number): Record<string, unknown> {
		const value: Record<string, unknown> = {
			eventId, eventType: type, transactionId: order.transactionId, orderId: order.orderId, customerId: order.customerId,
			amount: order.totalAmount, currency: order.currency, method: paymentMethods[detail % paymentMethods.length], ip: order.ip,
			status: paymentStatus[type], timestamp,
		};
		if (type === 'PaymentFailed') value.errorCode = failureCodes[detail % failureCodes.length];
		else if (type === 'PaymentDeclined') value.errorCode = 'CARD_DECLINED';
		else if (type === 'PaymentBlocked') value.reason = 'ip_blocklisted';
		return value;
	}

	/**
	 * The type never says "payment" (the template does): a notification must not count as a payment event for
	 * the fraud rules.
	 */
	private buildNotification(planned: Planned, eventId: string, timestamp: string, detail: number): Record<string, unknown> {
		const {subject} = planned;
		const customerId = typeof subject === 'string' ? subject : subject.customerId;
		// Mail without an order is marketing, always e-mail; order updates go by SMS three times in ten.
		const email = typeof subject === 'string' || detail % 10 < 7;
		const recipient = email ? recipientOf(customerId) : `+336${customerId.slice(-8)}`;
		const channel = email ? 'email' : 'sms';
		return typeof subject === 'string'
			? {eventId, eventType: 'NotificationSent', customerId, recipient, channel, template: planned.kind, status: 'sent', timestamp}
			: {eventId, eventType: 'NotificationSent', orderId: subject.orderId, customerId, recipient, channel, template: planned.kind, status: 'sent', timestamp};
	}
}
