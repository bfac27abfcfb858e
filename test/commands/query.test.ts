// `pubsub-tools query --group-by` against counts and sums computed here from the recordings' lines.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {answeredByColumns} from '../../source/core/queries/group-by.js';
import {openStore} from '../../source/core/store/store.js';
import {runCli} from '../support/cli.js';
import {limit} from '../support/limits.js';
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

/**
 * 4,000 events; three read again near the end on a fan-out topic (their newest copy is in the newest part of a
 * split), two redelivered within the oldest part, and one value stored as text (read the slow way, whole).
 */
function splitRecording(): {file: string; lines: Array<Record<string, unknown>>} {
	const base = Date.parse('2026-12-01T00:00:00.000Z');
	const event = (id: number) => ({eventId: `E-${id}`, eventType: id % 3 === 0 ? 'PaymentCaptured' : 'OrderCreated', customerId: `C-${id % 37}`, amount: (id % 100) + (0.01 * (id % 7)), timestamp: new Date(base + (id * 1000)).toISOString()});
	const lines: Array<Record<string, unknown>> = [];
	for (let id = 1; id <= 4000; id++) {
		lines.push({topic: id % 2 === 0 ? 'orders' : 'payments', value: event(id)});
		if (id === 20 || id === 30) lines.push({topic: 'payments', value: event(id - 15)});
	}

	for (const id of [5, 10, 100]) lines.push({topic: 'events.all', value: event(id)});
	lines.push({topic: 'notes', value: 'not json {', valueEncoding: 'text'});
	const file = path.join(temp.path, 'split.jsonl');
	fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
	return {file, lines};
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

	it('splits the store over threads with the same answers: copies across the parts counted once, as the newest copy', async () => {
		const {file, lines} = splitRecording();

		// Computed here: newest line of each event id wins.
		const newest = new Map<string, Record<string, unknown>>();
		for (const line of lines) newest.set(typeof line.value === 'object' ? (line.value as {eventId: string}).eventId : 'note', line);
		const byTopic: Record<string, number> = {};
		for (const line of newest.values()) byTopic[line.topic as string] = (byTopic[line.topic as string] ?? 0) + 1;

		const answers = [1, 2, 3].map(async threads => queryJson([file, '--group-by', 'topic', '--threads', String(threads)]));
		for (const answer of await Promise.all(answers)) {
			expect(Object.fromEntries(Object.entries(answer.groups as Record<string, {count: number}>).map(([topic, group]) => [topic, group.count]))).toEqual(byTopic);
			expect(answer.copies).toBe(5);
		}

		// Sums, a filter on a value field (each event read whole), and a kept store read by threads without the input.
		const dataDir = path.join(temp.path, 'split-kept');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', dataDir], {cwd: temp.path})).code).toBe(0);
		for (const args of [['--group-by', 'customerId', '--sum', 'amount'], ['--group-by', 'type', '--where', 'amount>50', '--sum', 'amount'], ['--group-by', 'customerId', '--where', 'topic:orders']]) {
			const [one, two, three] = await Promise.all([1, 2, 3].map(async threads => queryJson(['--data-dir', dataDir, ...args, '--threads', String(threads)])));
			expect(two).toEqual(one);
			expect(three).toEqual(one);
		}

		const customers = await queryJson(['--data-dir', dataDir, '--group-by', 'customerId', '--sum', 'amount', '--threads', '2']);
		const expected: Record<string, {count: number; sum: number}> = {};
		for (const line of newest.values()) {
			const value = line.value as {customerId?: string; amount: number};
			if (value.customerId === undefined) continue;
			const group = expected[value.customerId] ??= {count: 0, sum: 0};
			group.count++;
			group.sum += value.amount;
		}

		for (const [customer, group] of Object.entries(expected)) {
			expect(customers.groups[customer].count).toBe(group.count);
			expect(customers.groups[customer].sum).toBeCloseTo(group.sum, 8);
		}

		const bad = await runCli(['query', file, '--group-by', 'topic', '--threads', '0'], {cwd: temp.path});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--threads: expected a whole number of at least 1');
	}, limit(180_000));

	it('answers from group columns (store.columns) what it answers from the stored JSON, on any number of threads', async () => {
		const {file} = splitRecording();
		const plain = path.join(temp.path, 'plain');
		const columnar = path.join(temp.path, 'columnar');
		const config = path.join(temp.path, 'columns.yaml');
		fs.writeFileSync(config, 'store:\n  columns: [customerId, amount]\n');
		expect((await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', plain], {cwd: temp.path})).code).toBe(0);
		const replay = await runCli(['replay', file, '--speed', 'max', '--headless', '--data-dir', columnar, '--config', config], {cwd: temp.path});
		expect(replay.code, replay.stderr).toBe(0);
		// The configuration reached the store: its batches keep customerId and amount, the plain store's do not.
		const options = {groupBy: 'customerId', sum: 'amount', containers: defaultConfig.fields.containers};
		for (const [directory, held] of [[columnar, true], [plain, false]] as const) {
			const store = openStore({path: directory, readOnly: true, retention: defaultConfig.store.retention, maxTransactionEvents: defaultConfig.transactions.maxEvents});
			expect(answeredByColumns(store, options), directory).toBe(held);
			await store.close();
		}

		for (const args of [['--group-by', 'customerId', '--sum', 'amount'], ['--group-by', 'topic', '--sum', 'amount'], ['--group-by', 'type'], ['--group-by', 'customerId', '--where', 'topic:orders']]) {
			const expected = await queryJson(['--data-dir', plain, ...args, '--threads', '1']);
			expect(expected.matched).toBeGreaterThan(1000);
			const answers = await Promise.all([1, 2, 3].map(async threads => queryJson(['--data-dir', columnar, '--config', config, ...args, '--threads', String(threads)])));
			for (const answer of answers) expect(answer).toEqual(expected);
		}
	}, limit(180_000));

	it('says a sum past the range of a double is null in JSON and ∞ in text, and keeps the other groups exact', async () => {
		const file = path.join(temp.path, 'huge.jsonl');
		const line = (topic: string, orderId: string, amount: string) => `{"topic":"${topic}","value":{"orderId":"${orderId}","amount":${amount}}}`;
		fs.writeFileSync(file, [line('big', 'a', '1e308'), line('big', 'b', '1e308'), line('small', 'c', '0.1'), line('small', 'd', '0.2'), line('low', 'e', '-1e308'), line('low', 'f', '-1e308'), line('beyond', 'g', '1e400')].join('\n') + '\n');
		const {groups} = await queryJson([file, '--group-by', 'topic', '--sum', 'amount']) as {groups: Record<string, {sum: unknown}>};
		expect(groups.big!.sum).toBeNull();
		expect(groups.low!.sum).toBeNull();
		expect(groups.small!.sum).toBe(0.30000000000000004);
		// A value no double holds is no number: it adds nothing, as a text that is no number does.
		expect(groups.beyond!.sum).toBe(0);
		const text = await runCli(['query', file, '--group-by', 'topic', '--sum', 'amount'], {cwd: temp.path});
		expect(text.stdout).toMatch(/^big +2 +∞ /m);
		expect(text.stdout).toMatch(/^low +2 +-∞ /m);
	});

	it('refuses a bad --where with the column, and a missing --group-by', async () => {
		const bad = await runCli(['query', path.join(recordings, 'fraud.jsonl'), '--group-by', 'type', '--where', 'amount>'], {cwd: temp.path});
		expect(bad.code).toBe(2);
		expect(bad.stderr).toContain('--where:');
		expect((await runCli(['query', path.join(recordings, 'fraud.jsonl')], {cwd: temp.path})).code).toBe(2);
	});
});
