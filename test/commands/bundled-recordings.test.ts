// The bundled sample recordings through the CLI: planted anomalies, a bare-payload flow, a Redis-shaped saga, the
// built-in state machines.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recordings = path.resolve(import.meta.dirname, '../../recordings');
const temp = useTempDir('pubsub-bundled-');

describe('bundled recordings', () => {
	it('fraud.jsonl raises exactly the three planted fraud alerts and none for the decoys', async () => {
		const result = await runCli(['alerts', path.join(recordings, 'fraud.jsonl'), '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		const alerts = result.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string});
		expect(alerts.map(alert => [alert.rule, alert.key]).sort()).toEqual([
			['fraud.amount', 'TXN-ZMRO-001221'],
			['fraud.blocked-source', '203.0.113.66'],
			['fraud.velocity', 'CUST-900000101'],
		]);
	});

	it('claims.jsonl (bare payloads, no topic) gives a claim lifecycle whose nodes are event types', async () => {
		const result = await runCli(['flow', 'analyze', path.join(recordings, 'claims.jsonl'), '--id', 'claim_60556', '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		const flow = JSON.parse(result.stdout) as {events: Array<{topic: string | null; type: string; status: string}>};
		expect(flow.events.length).toBeGreaterThan(1);
		expect(flow.events.every(event => event.topic === null)).toBe(true);
		expect(flow.events.some(event => event.status === 'error')).toBe(true);
	});

	it('checkout-saga.redis.jsonl joins a checkout to its order through checkout_id and order_id', async () => {
		const byCheckout = JSON.parse((await runCli(['flow', 'analyze', path.join(recordings, 'checkout-saga.redis.jsonl'), '--id', 'chk_93a404ff13', '--json'], {cwd: temp.path})).stdout);
		const byOrder = JSON.parse((await runCli(['flow', 'analyze', path.join(recordings, 'checkout-saga.redis.jsonl'), '--id', 'ord_efff1b586e', '--json'], {cwd: temp.path})).stdout);
		expect(byCheckout.events.length).toBeGreaterThan(2);
		expect(byOrder.events).toEqual(byCheckout.events);
	});
});

describe('the built-in state machines on the bundled recordings', () => {
	/** Distinct event ids per event type in a recording (envelope lines or bare payloads). */
	const typeCounts = (file: string) => {
		const raw = fs.readFileSync(path.join(recordings, file));
		const lines = (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8').trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		const ids = new Map<string, Set<string>>();
		for (const line of lines) {
			if ('$recording' in line) continue;
			const value = ('topic' in line ? line.value : line) as Record<string, unknown>;
			const type = (value.eventType ?? value.event_type ?? value.type) as string;
			const id = (value.eventId ?? value.event_id ?? JSON.stringify(value)) as string;
			ids.set(type, (ids.get(type) ?? new Set()).add(id));
		}

		return (type: string) => ids.get(type)?.size ?? 0;
	};

	it.each([
		['ecommerce.jsonl.gz', {Completed: 'OrderCompleted', Cancelled: 'OrderCancelled'}, 'OrderCreated'],
		['checkout-saga.redis.jsonl', {Completed: 'CheckoutCompleted', Cancelled: 'OrderCancelled'}, 'CheckoutStarted'],
		['claims.jsonl', {Cloturee: 'ReclamationCloturee'}, 'ReclamationCreee'],
	])('%s: no event breaks its machine, and the final states count the final events', async (file, finals, first) => {
		const result = await runCli(['state', path.join(recordings, file), '--fail-on', 'violations', '--json'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const summary = JSON.parse(result.stdout) as {aggregates: Record<string, {violations: number}>; byState: Record<string, number>};
		const count = typeCounts(file);
		expect(Object.keys(summary.aggregates)).toHaveLength(count(first));
		for (const [state, type] of Object.entries(finals)) expect(summary.byState[state], state).toBe(count(type));
	});
});
