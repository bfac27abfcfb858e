// `metrics --json` on a recording whose events arrive out of event-time order: within the reordering window
// (allowed lateness, 5 s by default) hops come out in event-time order; beyond it the late event is counted and
// left out, never a hop backwards.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-hop-order-');
const t0 = Date.parse('2026-11-27T08:00:00.000Z');

/** Recording lines in arrival order; the recording source hands them on in batches of 1000. */
function recordingLines(): string[] {
	const events: Array<{topic: string; orderId?: string; at: number}> = [];
	const step = (topic: string, orderId: string, at: number) => events.push({topic, orderId, at});
	const heartbeats = (count: number, at: number) => {
		for (let i = 0; i < count; i++) events.push({topic: 'heartbeat', at});
	};

	// Batch 1 and 2: ORD-1's steps arrive completed, payment, then (next batch) created, all within 5 s.
	step('orders.completed', 'ORD-1', 2000);
	heartbeats(998, 3000);
	step('payment.transactions', 'ORD-1', 1100);
	step('orders.created', 'ORD-1', 0);
	// ORD-2's payment comes after the heartbeats moved event time 18 s past it: later than the window.
	step('orders.created', 'ORD-2', 10_000);
	step('orders.completed', 'ORD-2', 12_000);
	heartbeats(997, 30_000);
	step('payment.transactions', 'ORD-2', 11_000);
	return events.map(({topic, orderId, at}, index) => JSON.stringify({
		topic,
		value: orderId ? {orderId, timestamp: new Date(t0 + at).toISOString()} : {beat: index, timestamp: new Date(t0 + at).toISOString()},
		recordedAt: new Date(t0 + 40_000 + index).toISOString(),
	}));
}

describe('hops of events arriving out of order', () => {
	it('are measured in event-time order within the reordering window, and a later arrival is counted, not a backward hop', async () => {
		const file = path.join(temp.path, 'out-of-order.jsonl');
		fs.writeFileSync(file, `${recordingLines().join('\n')}\n`);
		const result = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const summary = JSON.parse(result.stdout);
		expect(summary.edges).toEqual({
			'orders.created->orders.completed': {count: 1, errors: 0, p50: 2000, p95: 2000, p99: 2000},
			'orders.created->payment.transactions': {count: 1, errors: 0, p50: 1100, p95: 1100, p99: 1100},
			'payment.transactions->orders.completed': {count: 1, errors: 0, p50: 900, p95: 900, p99: 900},
		});
		expect(summary.reorder).toEqual({windowMs: 5000, late: 1, excluded: 1, forced: 0});
	});

	it('says so in the table too', async () => {
		const file = path.join(temp.path, 'out-of-order.jsonl');
		const result = await runCli(['metrics', file], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('hops: reordering window 5,000 ms · 1 late · 1 left out of the hops (would have run backwards) · 0 forced out');
	});
});
