// `pubsub-tools query --group-by` against counts and sums computed here from the recordings' lines.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recordings = path.resolve(import.meta.dirname, '../../recordings');
const temp = useTempDir('pubsub-query-');

/** The lines of a recording as objects (the header line left out). */
function linesOf(file: string): Array<Record<string, unknown>> {
	const raw = fs.readFileSync(path.join(recordings, file));
	const text = file.endsWith('.gz') ? zlib.gunzipSync(raw).toString('utf8') : raw.toString('utf8');
	return text.trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>).filter(line => !('$recording' in line));
}

/** Run the CLI and parse its JSON. */
async function queryJson(args: string[]) {
	const result = await runCli(['query', ...args, '--json'], {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout);
}

describe('query --group-by', () => {
	it('counts and sums the orders of each customer, each event id once', async () => {
		const seen = new Set<string>();
		const expected = new Map<string, {count: number; sum: number; first: number; last: number}>();
		for (const line of linesOf('ecommerce.jsonl.gz')) {
			const value = line.value as Record<string, unknown>;
			if (value.eventType !== 'OrderCreated' || seen.has(value.eventId as string)) continue;
			seen.add(value.eventId as string);
			const time = Date.parse(value.timestamp as string);
			const group = expected.get(value.customerId as string) ?? {count: 0, sum: 0, first: time, last: time};
			group.count++;
			group.sum += value.totalAmount as number;
			group.first = Math.min(group.first, time);
			group.last = Math.max(group.last, time);
			expected.set(value.customerId as string, group);
		}

		const result = await queryJson([path.join(recordings, 'ecommerce.jsonl.gz'), '--group-by', 'customerId', '--where', 'type:OrderCreated', '--sum', 'totalAmount']);
		expect(result.matched).toBe(seen.size);
		expect(Object.keys(result.groups).sort()).toEqual([...expected.keys()].sort());
		for (const [customer, group] of expected) {
			expect(result.groups[customer].count).toBe(group.count);
			expect(result.groups[customer].sum).toBeCloseTo(group.sum, 6);
			expect(result.groups[customer].firstSeen).toBe(new Date(group.first).toISOString());
			expect(result.groups[customer].lastSeen).toBe(new Date(group.last).toISOString());
		}

		// Largest group first: the velocity anomaly's customer.
		const counts = Object.values(result.groups as Record<string, {count: number}>).map(group => group.count);
		expect(counts).toEqual([...counts].sort((a, b) => b - a));
	});

	it('groups by an envelope field and by a field inside data, and reads a kept store without the input', async () => {
		const byType = await queryJson([path.join(recordings, 'fraud.jsonl'), '--group-by', 'type']);
		const types = new Map<string, number>();
		for (const line of linesOf('fraud.jsonl')) {
			const value = line.value as Record<string, unknown>;
			types.set(value.eventType as string, (types.get(value.eventType as string) ?? 0) + 1);
		}

		expect(Object.fromEntries(Object.entries(byType.groups as Record<string, {count: number}>).map(([type, group]) => [type, group.count]))).toEqual(Object.fromEntries(types));

		const dataDir = path.join(temp.path, 'kept');
		const file = path.join(recordings, 'claims-store.jsonl');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: temp.path})).code).toBe(0);
		const byClient = await queryJson(['--data-dir', dataDir, '--group-by', 'client_id', '--sum', 'montant_estime']);
		const clients = new Map<string, {count: number; sum: number}>();
		for (const line of linesOf('claims-store.jsonl')) {
			const data = line.data as Record<string, unknown>;
			if (data.client_id === undefined) continue;
			const group = clients.get(data.client_id as string) ?? {count: 0, sum: 0};
			group.count++;
			group.sum += data.montant_estime as number;
			clients.set(data.client_id as string, group);
		}

		expect(Object.fromEntries(Object.entries(byClient.groups as Record<string, {count: number; sum: number}>).map(([client, group]) => [client, {count: group.count, sum: group.sum}])))
			.toEqual(Object.fromEntries(clients));
		expect(byClient.copies).toBe(1);
	});

	it('refuses a bad --where with the column, and a missing --group-by', async () => {
		const bad = await runCli(['query', path.join(recordings, 'fraud.jsonl'), '--group-by', 'type', '--where', 'amount>'], {cwd: temp.path});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--where:');
		expect((await runCli(['query', path.join(recordings, 'fraud.jsonl')], {cwd: temp.path})).code).toBe(2);
	});
});
