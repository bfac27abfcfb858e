// Writes a synthetic recording of realistic e-commerce events whose exact latencies are known, for the benchmark.
import fs from 'node:fs';
import {Random} from '../source/core/sources/simulator/random.js';
import {sampleEvent} from '../scripts/produce.js';

/** What the generator wrote: the exact delivery latencies, for checking the sketches. */
export type Generated = {path: string; events: number; bytes: number; delivery: Float64Array; sampleIds: string[]};

const topics = ['orders.created', 'payment.transactions', 'inventory.updates', 'customer.notifications', 'shipping.events', 'orders.completed'];
const types = ['OrderCreated', 'PaymentAuthorized', 'InventoryReserved', 'NotificationSent', 'ShipmentCreated', 'OrderCompleted'];

/** Generate `count` events (six per order, ~290 bytes each) into `path`; delivery latencies are heavy-tailed. */
export function generateRecording(path: string, count: number, seed = 7): Generated {
	const random = new Random(seed);
	const next = () => random.next();
	const fd = fs.openSync(path, 'w');
	const delivery = new Float64Array(count);
	const sampleIds: string[] = [];
	const start = Date.UTC(2026, 10, 21, 10, 0, 0);
	let buffer: string[] = [];
	let bytes = 0;
	const flush = () => {
		const text = buffer.join('');
		bytes += Buffer.byteLength(text);
		fs.writeSync(fd, text);
		buffer = [];
	};

	fs.writeSync(fd, `${JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'bench'}})}\n`);
	for (let i = 0; i < count; i++) {
		const order = Math.floor(i / 6);
		const step = i % 6;
		const orderId = `ORD-${String(order).padStart(8, '0')}`;
		const time = start + order * 2 + step * 15 + Math.floor(next() * 10);
		const latency = Math.floor(-Math.log(1 - next()) * 20) + (next() < 0.01 ? 500 : 0);
		delivery[i] = latency;
		if (step === 0 && order % 1000 === 0) sampleIds.push(orderId);
		const value = {
			eventId: `evt-${i}`,
			eventType: types[step],
			orderId,
			...(step === 1 ? {transactionId: `TXN-${order}`, amount: Math.round(next() * 50_000) / 100, currency: 'EUR'} : {}),
			customerId: `C-${Math.floor(next() * 100_000)}`,
			status: next() < 0.02 ? 'failed' : 'ok',
			timestamp: new Date(time).toISOString(),
		};
		buffer.push(`${JSON.stringify({topic: topics[step], partition: order % 6, offset: String(order), key: orderId, value, timestamp: time, recordedAt: time + latency, source: 'kafka'})}\n`);
		if (buffer.length === 10_000) flush();
	}

	flush();
	fs.closeSync(fd);
	return {path, events: count, bytes, delivery, sampleIds};
}

/**
 * Generate `count` events in the live benchmarks' shape (scripts/produce.ts: each brings a new order id, so each starts
 * a transaction of its own) as a Redis recording into `path`; every thousandth order id is a sample.
 */
export function generateLiveShapedRecording(path: string, count: number): {sampleIds: string[]} {
	const fd = fs.openSync(path, 'w');
	const sampleIds: string[] = [];
	const start = 1_790_000_000_000;
	fs.writeSync(fd, `${JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'bench'}})}\n`);
	for (let i = 0; i < count; i += 10_000) {
		const lines: string[] = [];
		for (let n = i; n < Math.min(count, i + 10_000); n++) {
			if (n % 1000 === 0) sampleIds.push(`ORD-${n}`);
			lines.push(`${JSON.stringify({topic: 'measure', partition: 0, offset: `${start + n}-0`, value: JSON.parse(sampleEvent(n)) as unknown, timestamp: start + n, recordedAt: start + n + 1, source: 'redis'})}\n`);
		}

		fs.writeSync(fd, lines.join(''));
	}

	fs.closeSync(fd);
	return {sampleIds};
}

/** Exact nearest-rank quantile (rank = ceil(q·n)) of the values. */
export function nearestRank(values: Float64Array, q: number): number {
	const sorted = Float64Array.from(values).sort();
	return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}
