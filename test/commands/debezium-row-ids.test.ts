// Debezium change events whose rows carry no id field but their own `id` column (the primary key): each row is
// joined as its table's row (`orders:42`), its changes and its tombstone one transaction, the same number in another
// table (customers:42) another one. Before, such rows had no correlation id: every change was a transaction of one.
// Schemas on, a 64-bit id keeps every digit; a placeholder id (0) names no row.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';

const recording = path.join(import.meta.dirname, '../fixtures/recordings/debezium-row-ids.jsonl');

type Flow = {events: Array<{topic: string; type: string; latencyMs: number | null}>};

/** `flow analyze --id ID --json` on the fixture: the types of the transaction's steps. */
async function stepsOf(id: string): Promise<string[]> {
	const result = await runCli(['flow', 'analyze', recording, '--id', id, '--json']);
	expect(result.code, result.stderr).toBe(0);
	return (JSON.parse(result.stdout) as Flow).events.map(event => event.type);
}

describe('Debezium rows keyed by their id column only', {timeout: limit(240_000)}, () => {
	it('join one row\'s changes and its tombstone as table:id, not another table\'s row of the same id', async () => {
		expect(await stepsOf('orders:42')).toEqual(['orders.created', 'orders.updated', 'orders.deleted', 'orders.tombstone']);
		expect(await stepsOf('customers:42')).toEqual(['customers.created']);
		expect(await stepsOf('invoices:9007199254740993')).toEqual(['invoices.created', 'invoices.updated', 'invoices.tombstone']);
		const placeholder = await runCli(['flow', 'analyze', recording, '--id', 'orders:0', '--json']);
		expect(placeholder.code).toBe(1);
	});

	it('name the row\'s aggregate by it', async () => {
		const result = await runCli(['state', recording, '--id', 'orders:42', '--json']);
		expect(result.code, result.stderr).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({id: 'orders:42', version: 4, lastEvent: 'orders.tombstone', fields: {id: 42, status: 'paid'}});
	});
});
