// `pubsub-tools flow analyze` on a transaction joined through a second id, with events arriving out of order.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useKnownRecording} from '../support/known-recording.js';

const recording = useKnownRecording('pubsub-flow-');

const expected = [
	{topic: 'orders.created', type: 'OrderCreated', status: 'ok', latencyMs: null},
	{topic: 'payment.transactions', type: 'PaymentAuthorized', status: 'ok', latencyMs: 20},
	{topic: 'fraud.checks', type: 'FraudCheckPassed', status: 'ok', latencyMs: 10},
];

describe('flow analyze', () => {
	it('finds the whole transaction by the id only the fraud check carries, in event-time order', async () => {
		// Order 3: the fraud check (transactionId only) arrived before the payment that links it to the order.
		const result = await runCli(['flow', 'analyze', recording.file, '--id', 'TXN-3', '--json'], {cwd: recording.dir});
		// Its bad lines are said on stderr, by number, as every command that reads an input says them.
		expect(result.stderr).toBe(`${recording.file}: 2 malformed lines skipped (line 3: not JSON; line 10: not a JSON object (array))\n`);
		const flow = JSON.parse(result.stdout);
		expect(flow.id).toBe('TXN-3');
		expect(flow.events.map(({topic, type, status, latencyMs}: Record<string, unknown>) => ({topic, type, status, latencyMs}))).toEqual(expected);
		expect(flow.events[0].timestamp).toBe('2026-11-21T10:00:03.000Z');
	});

	it('prints a transaction of a thousand events as a line each, not as a staircase, naming its first ids', async () => {
		const start = Date.UTC(2026, 0, 1);
		const lines = Array.from({length: 1000}, (_, n) => JSON.stringify({topic: `t${n % 5}`, value: {eventType: `Step${n}`, correlationId: 'HUB', orderId: `O${n}`, timestamp: new Date(start + (n * 10)).toISOString()}}));
		const file = path.join(recording.dir, 'hub.jsonl');
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const result = await runCli(['flow', 'analyze', file, '--id', 'HUB'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		const printed = result.stdout.split('\n');
		expect(printed[0]).toMatch(/^Transaction HUB — 1,000 events, ids: HUB, O0, O1, .*, … \(1,001 ids in all\)$/);
		expect(printed.filter(line => line.includes('└→'))).toHaveLength(999);
		expect(Math.max(...printed.map(line => line.length))).toBeLessThan(200);
	});

	it('says the total is unknown, not 0 ms, when an event has no event time', async () => {
		const lines = [
			{topic: 'orders', value: {eventType: 'OrderCreated', orderId: 'UNTIMED-1', timestamp: '2026-11-21T10:00:00.000Z'}},
			{topic: 'payments', value: {eventType: 'PaymentAuthorized', orderId: 'UNTIMED-1'}},
		];
		const file = path.join(recording.dir, 'untimed.jsonl');
		fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const result = await runCli(['flow', 'analyze', file, '--id', 'UNTIMED-1'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n')[1]).toBe('total unknown (1 event has no time), outcome ok');
		expect(result.stdout).toMatch(/PaymentAuthorized \[payments\] \(no time\)$/m);
	});

	it('puts a step without event time last, its hop not measured, as the TUI\'s timeline does (transaction-hops)', async () => {
		const lines = [
			{topic: 'orders', value: {eventType: 'OrderCreated', orderId: 'UNTIMED-3'}},
			{topic: 'payments', value: {eventType: 'PaymentAuthorized', orderId: 'UNTIMED-3', timestamp: '2026-11-21T10:00:01.000Z'}},
			{topic: 'shipping', value: {eventType: 'ShipmentCreated', orderId: 'UNTIMED-3', timestamp: '2026-11-21T10:00:03.000Z'}},
		];
		const file = path.join(recording.dir, 'untimed-then-timed.jsonl');
		fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const result = await runCli(['flow', 'analyze', file, '--id', 'UNTIMED-3', '--slow-ms', '10000'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(result.stdout.split('\n').slice(1, 6)).toEqual([
			'total unknown (1 event has no time), outcome ok',
			'',
			expect.stringMatching(/^✅ PaymentAuthorized \[payments\] \(0 ms\)/),
			expect.stringMatching(/└→ ShipmentCreated \[shipping\] \(2,000 ms\)/),
			expect.stringMatching(/└→ OrderCreated \[orders\] \(no time\)/),
		]);
	});

	it('says the first step has no time, not 0 ms, when it has no event time', async () => {
		const lines = [
			{topic: 'orders', value: {eventType: 'OrderCreated', orderId: 'UNTIMED-2'}},
			{topic: 'payments', value: {eventType: 'PaymentAuthorized', orderId: 'UNTIMED-2'}},
		];
		const file = path.join(recording.dir, 'untimed-first.jsonl');
		fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const result = await runCli(['flow', 'analyze', file, '--id', 'UNTIMED-2'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^✅ OrderCreated \[orders\] \(no time\)$/m);
		expect(result.stdout).toMatch(/PaymentAuthorized \[payments\] \(no time\)$/m);
	});

	it('gives the same transaction by the order id', async () => {
		const byOrder = JSON.parse((await runCli(['flow', 'analyze', recording.file, '--id', 'ORD-3', '--json'], {cwd: recording.dir})).stdout);
		expect(byOrder.events).toHaveLength(3);
		expect(byOrder.events.map((event: {type: string}) => event.type)).toEqual(expected.map(event => event.type));
	});

	it('draws a timeline and marks hops slower than --slow-ms', async () => {
		const result = await runCli(['flow', 'analyze', recording.file, '--id', 'ORD-7', '--slow-ms', '15'], {cwd: recording.dir});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('OrderCreated');
		expect(result.stdout).toMatch(/PaymentAuthorized.*\(20 ms\) ⚠ SLOW/);
		expect(result.stdout).toMatch(/FraudCheckPassed.*\(10 ms\)$/m);
		expect(result.stdout).toContain('Issues found:');
		expect(result.stdout).toContain('slow hop');
	});

	it('names where each step was read, never a node that is its own type ("OrderCreated on OrderCreated")', async () => {
		const at = (second: number) => `2026-11-21T10:00:0${second}.000Z`;
		const lines = [
			// One stream holds every step (an event store): its nodes are the event types (hops.nodes auto).
			...['CartOpened', 'CartPriced', 'CardDeclined', 'CardBlocked'].map((type, n) => ({topic: 'checkout.events', value: {type, checkoutId: 'CHK-1', timestamp: at(n * 2)}})),
			// Nodes are topics: the type and its topic.
			{topic: 'orders', value: {eventType: 'OrderCreated', orderId: 'ORD-W', timestamp: at(0)}},
			{topic: 'payments', value: {eventType: 'PaymentFailed', orderId: 'ORD-W', timestamp: at(2)}},
			// Typed by its topic (no type field): named once.
			{topic: 'shipments', value: {orderId: 'ORD-W', timestamp: at(4)}},
			// No topic at all (a bare payload line): its type alone.
			{eventType: 'OrderCreated', bookingId: 'BK-1', timestamp: at(0)},
			{eventType: 'BookingFailed', bookingId: 'BK-1', timestamp: at(2)},
		];
		const file = path.join(recording.dir, 'nodes.jsonl');
		fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const analyze = async (id: string) => {
			const result = await runCli(['flow', 'analyze', file, '--id', id], {cwd: recording.dir});
			expect(result.code, result.stderr).toBe(0);
			return result.stdout.split('\n');
		};

		const store = await analyze('CHK-1');
		expect(store.slice(3, 7)).toEqual([
			'❌ CartOpened [checkout.events] (0 ms)',
			'  └→ CartPriced [checkout.events] (2,000 ms) ⚠ SLOW',
			'     └→ CardDeclined [checkout.events] (2,000 ms) ✗ ERROR',
			'        └→ CardBlocked [checkout.events] (2,000 ms) ⊘ BLOCKED',
		]);
		expect(store.filter(line => line.startsWith('  - '))).toEqual([
			'  - slow hop into CartPriced on checkout.events: 2,000 ms (> 100 ms)',
			'  - slow hop into CardDeclined on checkout.events: 2,000 ms (> 100 ms)',
			'  - CardDeclined on checkout.events failed',
			'  - slow hop into CardBlocked on checkout.events: 2,000 ms (> 100 ms)',
			'  - CardBlocked on checkout.events was blocked',
		]);
		const topics = await analyze('ORD-W');
		expect(topics.slice(3, 6)).toEqual([
			'❌ OrderCreated [orders] (0 ms)',
			'  └→ PaymentFailed [payments] (2,000 ms) ✗ ERROR',
			'     └→ shipments (2,000 ms) ⚠ SLOW',
		]);
		expect(topics).toContain('  - slow hop into shipments: 2,000 ms (> 100 ms)');
		const bare = await analyze('BK-1');
		expect(bare.slice(3, 5)).toEqual(['❌ OrderCreated (0 ms)', '  └→ BookingFailed (2,000 ms) ✗ ERROR']);
		expect(bare.filter(line => line.startsWith('  - '))).toEqual(['  - slow hop into BookingFailed: 2,000 ms (> 100 ms)', '  - BookingFailed failed']);
	});

	it('says so when no event carries the id', async () => {
		const result = await runCli(['flow', 'analyze', recording.file, '--id', 'ORD-404'], {cwd: recording.dir});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('no event carries the id "ORD-404"');
	});

	it('requires --id', async () => {
		const result = await runCli(['flow', 'analyze', recording.file], {cwd: recording.dir});
		expect(result.code).toBe(2);
		expect(result.stderr).toContain('--id');
	});
});
