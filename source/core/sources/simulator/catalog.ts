// What the simulated shop sells and who buys: products, customers, client IPs, carriers, and run-unique ids.
import {mixSeed, type Random} from './random.js';

/** One order line. */
export type OrderItem = {sku: string; name: string; quantity: number; unitPrice: number};

const products: ReadonlyArray<readonly [string, string, number]> = [
	['SKU-10231', 'Wireless Mouse', 24.99], ['SKU-10244', 'Mechanical Keyboard', 89.9], ['SKU-10307', 'USB-C Hub', 39.5],
	['SKU-10412', '27" Monitor', 279], ['SKU-10588', 'Noise-Cancelling Headphones', 199.99], ['SKU-10630', 'Webcam 1080p', 59.9],
	['SKU-11002', 'Running Shoes', 119.95], ['SKU-11047', 'Rain Jacket', 149], ['SKU-11121', 'Merino Sweater', 89],
	['SKU-11260', 'Yoga Mat', 29.99], ['SKU-11391', 'Water Bottle', 17.5], ['SKU-12005', 'Espresso Machine', 449],
	['SKU-12088', 'Chef Knife', 74.9], ['SKU-12140', 'Cast Iron Pan', 54.99], ['SKU-12233', 'Bluetooth Speaker', 69.99],
	['SKU-12377', 'Smartwatch', 249], ['SKU-12450', 'E-Reader', 129.99], ['SKU-13019', 'Board Game', 39.99],
	['SKU-13122', 'LEGO Set', 99.99], ['SKU-13260', 'Gaming Console', 499.99], ['SKU-13301', 'Controller', 64.99],
	['SKU-14010', 'Desk Lamp', 34.9], ['SKU-14077', 'Office Chair', 329], ['SKU-14150', 'Standing Desk', 599],
];

/** Lines per order at most: with two units a line and these prices, ordinary orders stay far below 10 000. */
const maxOrderLines = 3;

const firstOctets = [31, 37, 46, 62, 77, 78, 80, 81, 82, 84, 86, 88, 90, 91, 92, 93, 94, 109, 176, 178, 185, 188, 193, 194, 212, 213, 217];

/** A stock reservation line, as inventory events list it. */
export type ReservationLine = {sku: string; quantity: number};

// Order lines are shared, frozen objects (one per product and quantity): sagas are generated seconds ahead, and
// fewer objects held that long means far less garbage-collection work at millions of events per second.
const lines = products.map(([sku, name, unitPrice]) => [1, 2].map(quantity => Object.freeze({sku, name, quantity, unitPrice})));
const reservations = new Map<OrderItem, ReservationLine>(lines.flat().map(item => [item, Object.freeze({sku: item.sku, quantity: item.quantity})]));

/** 1–3 lines of 1–2 units: a realistic basket, always under 10 000 in total. */
export function randomItems(random: Random): OrderItem[] {
	const count = random.int(1, maxOrderLines);
	const items: OrderItem[] = [];
	for (let i = 0; i < count; i++) {
		const product = lines[Math.floor(random.next() * lines.length)]!;
		items.push(product[random.int(1, 2) - 1]!);
	}

	return items;
}

/** The reservation line of an order line. */
export function reservationOf(item: OrderItem): ReservationLine {
	return reservations.get(item) ?? {sku: item.sku, quantity: item.quantity};
}

/** Total of the lines, rounded to cents. */
export function totalOf(items: readonly OrderItem[]): number {
	let total = 0;
	for (const item of items) total += item.quantity * item.unitPrice;
	return Math.round(total * 100) / 100;
}

/** A public-looking client IP drawn from a space large enough that no IP repeats by chance. */
export function randomIp(random: Random): string {
	return `${random.pick(firstOctets)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
}

/** Parcel carriers. */
export const carriers = ['DHL', 'UPS', 'Colissimo', 'DPD', 'GLS'] as const;

/** Payment methods. */
export const paymentMethods = ['card', 'card', 'card', 'paypal', 'apple_pay'] as const;

// Customer numbers walk a permutation of [0, customerPool): a customer comes back only after customerPool
// orders, so ordinary traffic never trips the per-customer velocity or notification rules by chance.
const customerPool = 99_999_989; // prime, so any stride below it is a full cycle
const customerStride = 7_368_787;

/** The customer of the n-th ordinary order: `CUST-1xxxxxxxx`; planted anomalies use `CUST-9xxxxxxxx`. */
export function customerOf(orderNumber: number, offset: number): string {
	return `CUST-${100_000_000 + ((orderNumber * customerStride + offset) % customerPool)}`;
}

/** A customer of a planted anomaly, never one of the ordinary ones. */
export function plantedCustomer(number: number): string {
	return `CUST-${900_000_000 + number}`;
}

/** The e-mail address notifications go to. */
export function recipientOf(customerId: string): string {
	return `${customerId.toLowerCase()}@example.com`;
}

/**
 * A four-character tag in every id of a run (`ORD-K7QX-000042`): runs with another seed or start time never
 * share an order id, so a persistent store does not merge yesterday's demo into today's transactions.
 */
export function runTag(seed: number, startTime: number): string {
	return (mixSeed(seed, startTime) % 1_679_616).toString(36).toUpperCase().padStart(4, '0');
}

/** A zero-padded number for ids. */
export function padded(value: number, width: number): string {
	const limit = 10 ** width;
	return value < limit ? String(limit + value).slice(1) : String(value);
}

const threeDigits = Array.from({length: 1000}, (_, n) => String(n).padStart(3, '0'));

/**
 * Counts up as zero-padded decimal text (at least `width` ≥ 4 digits) without formatting a number each time:
 * the digits above the last three are formatted once per thousand. Offsets beyond 2^31 would otherwise be
 * formatted as doubles, several times slower.
 */
export class DecimalCounter {
	private upper: number;
	private low: number;
	private head: string;

	constructor(start: number, private readonly width: number) {
		this.upper = Math.floor(start / 1000);
		this.low = start - this.upper * 1000;
		this.head = padded(this.upper, width - 3);
	}

	/** The current value as text, then count one up. */
	next(): string {
		const text = this.head + threeDigits[this.low]!;
		if (++this.low === 1000) {
			this.low = 0;
			this.head = padded(++this.upper, this.width - 3);
		}

		return text;
	}
}
