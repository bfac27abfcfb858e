// A payments-only scenario for the fraud rules: ordinary payments with a velocity attack, a blocked IP and a
// big amount planted among them, plus decoys just below each threshold that must not raise an alert.
import type {RawEvent} from '../../envelope.js';
import {bigBasket, plantBlockedIp, plantVelocity, type PlantedAnomaly} from './anomalies.js';
import {plantedCustomer, runTag, type OrderItem} from './catalog.js';
import {ShopEvents} from './events.js';
import {mixSeed, Random} from './random.js';

/** A finite generated scenario: its events in arrival order and what was planted in them. */
export type GeneratedScenario = {
	events: RawEvent[];
	planted: PlantedAnomaly[];
	/** Look-alikes just below a threshold: an alert on any of them is a false positive. */
	decoys: PlantedAnomaly[];
};

/** Options of the fraud scenario. */
export type FraudScenarioOptions = {seed: number; startTime?: number; durationMs?: number; paymentsPerSecond?: number};

const justBelowBasket: OrderItem[] = [{sku: 'SKU-19999', name: 'Server Rack', quantity: 1, unitPrice: 9999.99}];

/** Default start: Black Friday 2026, 14:00 UTC. */
const defaultStart = Date.UTC(2026, 10, 27, 14, 0, 0);

/**
 * Ten minutes of card payments (2/s, about 1 % declined, a third followed by a fraud check that carries only the
 * transaction id). Planted: one customer paying 8 times in 28 s, one IP with 12 blocked payments in 33 s, one
 * payment of 12 499.75. Decoys: 5 payments of one customer within 60 s, 9 blocked payments from another IP, a
 * payment of 9 999.99.
 */
export function fraudScenario(options: FraudScenarioOptions): GeneratedScenario {
	const start = options.startTime ?? defaultStart;
	const durationMs = options.durationMs ?? 600_000;
	const random = new Random(options.seed);
	const shop = new ShopEvents(random, runTag(options.seed, start), start * 1000, mixSeed(options.seed, 2));
	shop.setDelivery(8, 0.002);
	const site = (share: number) => ({phase: 'fraud', cycle: 0, start: start + Math.floor(durationMs * share)});

	const count = Math.floor(((options.paymentsPerSecond ?? 2) * durationMs) / 1000);
	for (let i = 0; i < count; i++) {
		const order = shop.order();
		const paid = start + Math.floor(((i + random.next()) * durationMs) / count);
		shop.payment(order, paid, random.chance(0.01) ? 'PaymentDeclined' : 'PaymentAuthorized');
		if (random.chance(0.3)) shop.fraudCheck(order, paid + random.int(15, 120));
	}

	const onePayment = (share: number, items: OrderItem[]): PlantedAnomaly => {
		const order = shop.order({items});
		const time = site(share).start;
		shop.payment(order, time, 'PaymentAuthorized');
		return {kind: 'big-amount', phase: 'fraud', cycle: 0, key: order.transactionId, count: 1, from: time, to: time, orderIds: [order.orderId]};
	};

	const customers = (from: number, n: number) => Array.from({length: n}, (_, i) => plantedCustomer(from + i));
	const planted = [
		plantVelocity(shop, random, site(0.2), plantedCustomer(101), {count: 8, paymentsOnly: true}),
		plantBlockedIp(shop, random, site(0.35), '203.0.113.66', customers(110, 12), {paymentsOnly: true}),
		onePayment(0.5, bigBasket),
	];
	const decoys = [
		plantVelocity(shop, random, site(0.7), plantedCustomer(102), {count: 5, paymentsOnly: true}),
		plantBlockedIp(shop, random, site(0.8), '198.51.100.23', customers(130, 9), {paymentsOnly: true}),
		onePayment(0.55, justBelowBasket),
	];

	const events: RawEvent[] = [];
	while (shop.size > 0) events.push(shop.deliver());
	return {events, planted, decoys};
}
