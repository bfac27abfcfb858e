// Debezium change events (Kafka Connect CDC) on the defaults, no config: an orders table with the JSON converter's
// schemas off (the envelope bare) and on (`{schema, payload}`), a payments table with them on; creates, updates, a
// snapshot read, deletes each followed by a tombstone, and one order id deleted twice. The row (`after`, `before`
// for a delete) was read by nothing: no ids (flow analyze found no ORD-1001), the topic for a type, the broker's time
// for the event's, a declined payment ok, and the second tombstone of a key counted as a redelivery. An event's time
// is the database's commit (`source.ts_ms`), not the connector's read (`ts_ms`, 150 ms later): the delivery latency
// an on-call engineer reads is the whole capture's lag (it said 170 ms where the change took 320 ms to arrive).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';

const recording = path.join(import.meta.dirname, '../fixtures/recordings/debezium-cdc.jsonl');
/** The fixture's changes are committed from 08:00:00 on; the connector read each 150 ms after its commit, the broker took it 150 ms later. */
const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 8) + ms).toISOString();

type Metrics = {duplicates: number; topics: Record<string, {count: number; errors: number; delivery: {p50: number}}>; edges: Record<string, {count: number}>};
type Flow = {id: string; events: Array<{topic: string; type: string; timestamp: string; status: string; latencyMs: number | null}>};
type Groups = {matched: number; withoutField: number; groups: Record<string, {count: number; sum?: number; firstSeen: string}>};

/** Run a command of the CLI on the fixture and parse what it printed. */
async function json<T>(command: string[], args: string[] = []): Promise<T> {
	const result = await runCli([...command, recording, ...args, '--json']);
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as T;
}

// Each test runs the CLI up to three times: at load 18 on 2 cores a run took 20–30 s from spawn to exit, and two
// tests passed 60 s. Nothing here is about speed: the limit catches a hang.
describe('Debezium change events on the defaults', {timeout: limit(240_000)}, () => {
	it('join an order\'s changes to its payment by the ids in the rows, typed table.operation, at the commit\'s time', async () => {
		const flow = await json<Flow>(['flow', 'analyze'], ['--id', 'ORD-1001']);
		expect(flow.events.map(event => [event.type, event.timestamp, event.status, event.latencyMs])).toEqual([
			['orders.created', at(1000), 'ok', null],
			['payments.created', at(1200), 'ok', 200],
			['orders.updated', at(2000), 'ok', 800],
			// After a delete only `before` holds the row; schemas off.
			['orders.deleted', at(6000), 'ok', 4000],
			// Keyed by the row's `id` only: joined as its table's row, orders:1001, at the broker's time.
			['orders.tombstone', at(6300), 'ok', 300],
		]);
		const wrapped = await json<Flow>(['flow', 'analyze'], ['--id', 'ORD-1002']);
		expect(wrapped.events.map(event => [event.type, event.status])).toEqual([
			['orders.created', 'ok'], ['payments.created', 'error'], ['orders.updated', 'ok'], ['orders.deleted', 'ok'],
			['orders.tombstone', 'ok'], ['orders.created', 'ok'], ['orders.deleted', 'ok'], ['orders.tombstone', 'ok'],
		]);
	});

	it('count the row\'s status, the delivery from the commit\'s time, and no tombstone as a redelivery', async () => {
		const metrics = await json<Metrics>(['metrics']);
		expect(metrics.duplicates).toBe(0);
		// Commit to arrival: 150 ms in the connector, 150 ms to the broker, 20 ms to us.
		expect(metrics.topics['shop.public.orders']).toMatchObject({count: 12, errors: 0, delivery: {p50: 320}});
		expect(metrics.topics['shop.public.payments']).toMatchObject({count: 2, errors: 1, delivery: {p50: 320}});
		// The orders' rows step on their topic more than they cross it: its events are nodes by type (hops.nodes auto),
		// for every hop of the run (its first hops were once named by the topic: one flow under two namings).
		expect(metrics.edges['orders.created->shop.public.payments']?.count).toBe(2);
		expect(Object.keys(metrics.edges).filter(edge => edge.includes('shop.public.orders'))).toEqual([]);
	});

	it('are queried by an id of the row and grouped by a row field, wrapped or not', async () => {
		const byType = await json<Groups>(['query'], ['--group-by', 'type', '--where', 'id:ORD-1001']);
		expect(byType.matched).toBe(4);
		expect(Object.fromEntries(Object.entries(byType.groups).map(([type, group]) => [type, group.count]))).toEqual({
			'orders.created': 1, 'payments.created': 1, 'orders.updated': 1, 'orders.deleted': 1,
		});
		const byCustomer = await json<Groups>(['query'], ['--group-by', 'customer_id', '--sum', 'total']);
		// The payments' rows have no customer, nor have the three tombstones.
		expect(byCustomer.withoutField).toBe(5);
		expect(byCustomer.groups).toEqual({
			'C-8': {count: 5, sum: 45_160, firstSeen: at(3000), lastSeen: at(8000)},
			'C-7': {count: 3, sum: 361.5, firstSeen: at(1000), lastSeen: at(6000)},
			'C-5': {count: 1, sum: 40, firstSeen: at(0), lastSeen: at(0)},
		});
		const declined = await json<Groups>(['query'], ['--group-by', 'order_id', '--where', 'status:declined amount>=10000']);
		expect(Object.keys(declined.groups)).toEqual(['ORD-1002']);
	});

	it('give state the row\'s fields, not the envelope\'s, wrapped in payload or not', async () => {
		for (const id of ['ORD-1001', 'ORD-1002']) {
			const state = await json<{version: number; fields: Record<string, unknown>}>(['state'], ['--id', id]);
			expect(state.fields).toMatchObject({order_id: id});
			expect(Object.keys(state.fields).filter(name => ['op', 'source', 'ts_ms', 'before', 'after', 'schema', 'payload'].includes(name))).toEqual([]);
		}
	});

	it('raise fraud.amount on a payment row, keyed by its payment id', async () => {
		const result = await runCli(['alerts', recording, '--json']);
		expect(result.code, result.stderr).toBe(0);
		const alerts = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string; value: number});
		expect(alerts.map(alert => [alert.rule, alert.key, alert.value])).toEqual([['fraud.amount', 'PAY-10', 15_000]]);
	});
});
