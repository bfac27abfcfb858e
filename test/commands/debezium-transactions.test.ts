// Debezium with the connector's transaction metadata (`provide.transaction.metadata=true`): an order and its payment
// committed in one database transaction (their rows share no id, only `transaction.id`), bounded by BEGIN and END
// records on `shop.transaction`; a shipment of that order made and deleted, its tombstone keyed by the shipment id.
// Before: the payment and the boundaries joined nothing (flow analyze --id ORD-2001 showed the order alone), the
// boundaries were events without an id, and the tombstone was typed `shop.public.shipments` with no id.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const recording = path.join(import.meta.dirname, '../fixtures/recordings/debezium-transactions.jsonl');
const cdc = path.join(import.meta.dirname, '../fixtures/recordings/debezium-cdc.jsonl');
/** The fixture's transactions are committed from 09:00:00 on. */
const at = (ms: number) => new Date(Date.UTC(2026, 10, 27, 9) + ms).toISOString();

type Flow = {id: string; events: Array<{topic: string; type: string; timestamp: string; status: string}>};
type Metrics = {correlation: {events: number; withoutId: number}; topics: Record<string, {count: number; errors: number}>};
type Groups = {groups: Record<string, {count: number}>};

/** Run a command of the CLI on a recording and parse what it printed. */
async function json<T>(command: string[], file: string, args: string[] = []): Promise<T> {
	const result = await runCli([...command, file, ...args, '--json']);
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout) as T;
}

describe('Debezium transaction metadata and tombstones', () => {
	it('join the rows one database transaction changed, its boundaries, and the tombstone of a row keyed by an id', async () => {
		const flow = await json<Flow>(['flow', 'analyze'], recording, ['--id', 'ORD-2001']);
		expect(flow.events.map(event => [event.type, event.timestamp, event.status])).toEqual([
			['transaction.begin', at(1000), 'ok'],
			['orders.created', at(1000), 'ok'],
			['payments.created', at(1000), 'ok'],
			['transaction.end', at(1000), 'ok'],
			['shipments.created', at(3000), 'ok'],
			['shipments.deleted', at(5000), 'ok'],
			// A tombstone has no time of its own: the broker's.
			['shipments.tombstone', at(5300), 'ok'],
		]);
		// The database transaction's id finds it too.
		const byTransaction = await json<Flow>(['flow', 'analyze'], recording, ['--id', '7001:60000000']);
		expect(byTransaction.events).toHaveLength(7);
	});

	it('count no boundary as an error or as an event without an id', async () => {
		const metrics = await json<Metrics>(['metrics'], recording);
		expect(metrics.correlation).toMatchObject({events: 7, withoutId: 0});
		expect(metrics.topics['shop.transaction']).toMatchObject({count: 2, errors: 0});
	});

	it('type tombstones by their table, keyed by an id or not', async () => {
		const types = await json<Groups>(['query'], cdc, ['--group-by', 'type']);
		expect(types.groups['orders.tombstone']?.count).toBe(3);
		expect(types.groups['shop.public.orders']).toBeUndefined();
	});
});
