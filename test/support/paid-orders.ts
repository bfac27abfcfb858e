// Ten paid orders, the data that tests of an encoding (a value encoded twice, a CloudEvent's data as a string) send
// in their own way, and the figures every command must read from them whatever the encoding.
import {expect} from 'vitest';
import {runCli} from './cli.js';

/** When the first order is placed. */
export const ordersStart = Date.UTC(2026, 10, 20, 9);

/** One event of the orders: its topic, when it was sent, its payload, and its order's number and its step (0 order, 1 payment). */
export type PaidOrderEvent = {topic: 'orders' | 'payments'; at: number; order: number; step: number; payload: Record<string, unknown>};

/**
 * Ten orders ORD-0…ORD-9 a second apart, each paid 300 ms later by customer C-1: every fifth payment declined,
 * ORD-7's for 25,000, the others for 12.5; `fields` adds each event's own members (its type, an aggregate id).
 */
export function paidOrderEvents(fields: (event: Omit<PaidOrderEvent, 'payload'>) => Record<string, unknown>): PaidOrderEvent[] {
	return Array.from({length: 10}, (_, order) => {
		const at = ordersStart + (order * 1000);
		const orderId = `ORD-${order}`;
		const placed = {topic: 'orders' as const, at, order, step: 0};
		const paid = {topic: 'payments' as const, at: at + 300, order, step: 1};
		return [
			{...placed, payload: {orderId, ...fields(placed), customerId: 'C-1', note: 'café', createdAt: new Date(at).toISOString()}},
			{...paid, payload: {orderId, ...fields(paid), status: order % 5 === 0 ? 'declined' : 'ok', customerId: 'C-1', amount: order === 7 ? 25_000 : 12.5, createdAt: new Date(paid.at).toISOString()}},
		];
	}).flat();
}

/**
 * Recording lines of the events, each value written as `encode` gives it (JSON text), sent 2 ms after its time and
 * recorded 5 ms after: the lines, and the value texts as written.
 */
export function paidOrdersRecording(events: readonly PaidOrderEvent[], encode: (event: PaidOrderEvent) => string): {text: string; values: string[]} {
	const values = events.map(event => encode(event));
	const lines = events.map((event, index) => `{"topic": "${event.topic}", "value": ${values[index]}, "timestamp": ${event.at + 2}, "recordedAt": ${event.at + 5}}`);
	return {text: `${lines.join('\n')}\n`, values};
}

type Metrics = {events: number; topics: Record<string, {count: number; errors: number}>; edges: Record<string, {count: number; errors: number; p50: number}>; delivery: {p99: number}};

/**
 * metrics, alerts and flow analyze read the orders on standard input as sent: 20 events, 2 declined payments, 10
 * hops 300 ms long, delivery from the payload's own time (5 ms; from the broker's, 2 ms before arrival, it would be
 * 3), ORD-7's amount and C-1's velocity alerts, and ORD-7's two steps of types `types`.
 */
export async function expectPaidOrderFigures(text: string, types: [string, string]): Promise<void> {
	const metrics = await runCli(['metrics', '-', '--json'], {stdin: text});
	expect(metrics.code, metrics.stderr).toBe(0);
	const figures = JSON.parse(metrics.stdout) as Metrics;
	expect(figures).toMatchObject({events: 20, topics: {orders: {count: 10, errors: 0}, payments: {count: 10, errors: 2}}});
	expect(figures.edges).toEqual({'orders->payments': expect.objectContaining({count: 10, errors: 2, p50: 300}) as unknown});
	expect(figures.delivery.p99).toBe(5);

	const alerts = await runCli(['alerts', '-', '--json'], {stdin: text});
	expect(alerts.code, alerts.stderr).toBe(0);
	const fired = alerts.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string; value: number});
	expect(fired).toEqual(expect.arrayContaining([
		expect.objectContaining({rule: 'fraud.amount', key: 'ORD-7', value: 25_000}),
		expect.objectContaining({rule: 'fraud.velocity', key: 'C-1'}),
	]));

	const flow = await runCli(['flow', 'analyze', '--id', 'ORD-7', '-', '--json'], {stdin: text});
	expect(flow.code, flow.stderr).toBe(0);
	expect((JSON.parse(flow.stdout) as {events: Array<{type: string}>}).events.map(event => event.type)).toEqual(types);
}
