// `kcat -C -J` is how an on-call engineer dumps a Kafka topic: one JSON line per message, the message value as text
// in `payload`, its time in `ts`, headers as a name/value array. Such a line was read as a bare payload of its own
// envelope: every event of type `unknown`, without topic, ids or hops, the payload's JSON never looked into.
// Run as subprocesses on the dump on standard input.
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 18, 10);

/** Ten orders a second apart and their payments 250 ms later (every fifth failed), as kcat -J prints them, then a tombstone. */
function dump(): string {
	const lines: unknown[] = [];
	for (let i = 0; i < 10; i++) {
		const at = start + (i * 1000);
		lines.push(
			{topic: 'orders', partition: i % 2, offset: Math.floor(i / 2), tstype: 'create', ts: at + 3, broker: 1, headers: ['event-type', 'OrderCreated', 'hop', 'a', 'hop', 'b'], key: `O${i}`, payload: JSON.stringify({orderId: `O${i}`, timestamp: at})},
			{topic: 'payments', partition: 0, offset: i, tstype: 'create', ts: at + 260, broker: 1, key: `O${i}`, payload: JSON.stringify({orderId: `O${i}`, type: i % 5 === 0 ? 'PaymentFailed' : 'PaymentDone', timestamp: at + 250})},
		);
	}

	lines.push({topic: 'orders', partition: 0, offset: 5, tstype: 'create', ts: start, broker: 1, key: 'O1', payload: null});
	return `${lines.map(line => JSON.stringify(line)).join('\n')}\n`;
}

type Metrics = {events: number; malformed: number; topics: Record<string, {count: number; errors: number}>; edges: Record<string, {count: number; errors: number; p99: number}>};

describe('kcat -J lines', () => {
	it('are Kafka messages: topic, payload JSON, headers', async () => {
		const stdin = dump();
		const result = await runCli(['metrics', '-', '--json'], {stdin});
		expect(result.code, result.stderr).toBe(0);
		const metrics = JSON.parse(result.stdout) as Metrics;
		expect(metrics).toMatchObject({events: 21, malformed: 0, topics: {orders: {count: 11}, payments: {count: 10, errors: 2}}});
		expect(metrics.edges).toEqual({'orders->payments': expect.objectContaining({count: 10, errors: 2, p99: 250}) as unknown});
		const recorded = await runCli(['record', '-', '-o', '-'], {stdin});
		expect(recorded.code, recorded.stderr).toBe(0);
		const first = JSON.parse(recorded.stdout.split('\n')[1]!) as Record<string, unknown>;
		expect(first).toMatchObject({topic: 'orders', partition: 0, offset: '0', key: 'O0', value: {orderId: 'O0'}, headers: {'event-type': 'OrderCreated', hop: ['a', 'b']}});
		expect(recorded.stdout).toContain('"value":null');
	});
});
