// Text holding a lone UTF-16 surrogate (JSON allows "\ud800"; UTF-8 has no form for one) must come back from the
// store as it was sent: ids that differ only in such a surrogate stay two ids (short, hashed for being long, in
// between), a transaction lists its ids as sent, a group-by tells keys and event ids apart, and a recording made
// of such events leads to the same transactions.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-lone-surrogates-');
/** Longer than a key holds (keys.ts hashes it), and between 64 and 120 characters (kept in the key as it is before). */
const longOrder = `L${'o'.repeat(150)}`;
const midOrder = `M${'o'.repeat(80)}`;

type Line = {topic: string; key?: string; headers?: Record<string, string>; value: Record<string, unknown>};

/** The recording's events: orders whose ids differ only in a lone surrogate, each joined by a later event of its own. */
const events: Line[] = [
	{topic: 'orders', key: 'K\uDC00', headers: {trace: 'T\uD800'}, value: {eventId: 'E1\uD800', eventType: 'OrderCreated', orderId: 'A\uD800B'}},
	{topic: 'orders', key: 'K\uD800', value: {eventId: 'E2', eventType: 'OrderCreated', orderId: 'A\uDC00B'}},
	{topic: 'orders', key: 'K\uFFFD', value: {eventId: 'E3', eventType: 'OrderCreated', orderId: 'A\uFFFDB'}},
	{topic: 'payments', value: {eventId: 'E4', eventType: 'PaymentAuthorized', orderId: 'A\uD800B', paymentId: 'PAY-1'}},
	{topic: 'orders', value: {eventId: 'E5', eventType: 'OrderCreated', orderId: `${longOrder}\uD800`}},
	{topic: 'orders', value: {eventId: 'E6', eventType: 'OrderCreated', orderId: `${longOrder}\uDBFF`}},
	{topic: 'orders', value: {eventId: 'E7', eventType: 'OrderCreated', orderId: `${midOrder}\uD800`}},
	{topic: 'orders', value: {eventId: 'E8', eventType: 'OrderCreated', orderId: `${midOrder}\uDC00`}},
	{topic: 'shipments', value: {eventId: 'E9', eventType: 'Shipped', orderId: `${longOrder}\uD800`, shipmentId: 'SHIP-1'}},
	{topic: 'shipments', value: {eventId: 'E10', eventType: 'Shipped', orderId: `${longOrder}\uDBFF`, shipmentId: 'SHIP-2'}},
	{topic: 'shipments', value: {eventId: 'E11', eventType: 'Shipped', orderId: `${midOrder}\uD800`, shipmentId: 'SHIP-3'}},
	{topic: 'shipments', value: {eventId: 'E12', eventType: 'Shipped', orderId: `${midOrder}\uDC00`, shipmentId: 'SHIP-4'}},
	// A redelivery of an event whose id holds a lone surrogate, and an event whose id differs from it only there.
	{topic: 'audit', value: {eventId: 'D\uD800', eventType: 'Checked'}},
	{topic: 'audit', value: {eventId: 'D\uD800', eventType: 'Checked'}},
	{topic: 'audit', value: {eventId: 'D\uDC00', eventType: 'Checked'}},
];

/** The recording's text (JSON.stringify writes each lone surrogate as its \u escape). */
function recordingText(): string {
	const start = Date.UTC(2026, 11, 5, 10);
	return `${events.map((event, index) => JSON.stringify({...event, value: {...event.value, timestamp: new Date(start + (10 * index)).toISOString()}, recordedAt: start + (10 * index) + 5})).join('\n')}\n`;
}

function writeRecording(): string {
	const file = path.join(temp.path, 'surrogates.jsonl');
	fs.writeFileSync(file, recordingText());
	return file;
}

/** A command's --json output. */
async function json(args: string[], stdin?: string): Promise<Record<string, unknown>> {
	const result = await runCli(args, {cwd: temp.path, stdin});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as Record<string, unknown>;
}

/** The ids audit query lists for the transaction of `id`, sorted. */
async function auditIds(id: string, input: string, stdin?: string): Promise<string[]> {
	const report = await json(['audit', 'query', '--id', id, input, '--format', 'json'], stdin);
	return (report.ids as string[]).toSorted();
}

describe('ids holding a lone surrogate', () => {
	it('stay apart from ids differing only in that surrogate when hashed for their length (flow analyze)', async () => {
		const file = writeRecording();
		for (const shipment of ['SHIP-1', 'SHIP-2', 'SHIP-3', 'SHIP-4']) {
			const report = await json(['flow', 'analyze', file, '--id', shipment, '--json']);
			expect((report.events as Array<{type: string}>).map(event => event.type)).toEqual(['OrderCreated', 'Shipped']);
		}
	});

	it('are listed by audit query as they were sent', async () => {
		const file = writeRecording();
		expect(await auditIds('PAY-1', file)).toEqual(['A\uD800B', 'PAY-1']);
		expect(await auditIds('SHIP-2', file)).toEqual([`${longOrder}\uDBFF`, 'SHIP-2']);
		expect(await auditIds('SHIP-3', file)).toEqual([`${midOrder}\uD800`, 'SHIP-3']);
	});

	it('keep keys apart in query, from group columns and from records', async () => {
		const file = writeRecording();
		for (const where of [[], ['--where', 'topic:orders']]) {
			const report = await json(['query', file, '--group-by', 'key', ...where, '--json']);
			expect(Object.fromEntries(Object.entries(report.groups as Record<string, {count: number}>).map(([key, group]) => [key, group.count]))).toEqual({'K\uD800': 1, 'K\uDC00': 1, 'K\uFFFD': 1});
		}
	});

	it('count a redelivery once in query, and an event id differing only in the surrogate as another event', async () => {
		const file = writeRecording();
		for (const where of [[], ['--where', 'topic:audit']]) {
			const report = await json(['query', file, '--group-by', 'type', ...where, '--json']);
			expect((report.groups as Record<string, {count: number}>).Checked!.count).toBe(2);
			expect(report.copies).toBe(1);
		}
	});

	it('are recorded as read, and the recording read back from standard input leads to the same transactions', async () => {
		const file = writeRecording();
		const output = path.join(temp.path, 'recorded.jsonl');
		const recorded = await runCli(['record', file, '-o', output], {cwd: temp.path});
		expect(recorded.code).toBe(0);
		const lines = fs.readFileSync(output, 'utf8').trim().split('\n').slice(1).map(line => JSON.parse(line) as Line);
		expect(lines.map(({topic, key, headers, value}) => ({topic, key, headers, value: {...value, timestamp: undefined}})))
			.toEqual(events.map(({topic, key, headers, value}) => ({topic, key, headers, value: {...value, timestamp: undefined}})));
		const text = fs.readFileSync(output, 'utf8');
		expect(await auditIds('SHIP-1', '-', text)).toEqual([`${longOrder}\uD800`, 'SHIP-1']);
		expect(await auditIds('PAY-1', '-', text)).toEqual(['A\uD800B', 'PAY-1']);
	});
});
