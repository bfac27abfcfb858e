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

	it('checkout-saga.redis.jsonl: the slo.latency alert\'s p99 is the p99 metrics gives for the same hops of that edge', async () => {
		// The recording is under the alert's 5 min window: both figures are over all 177 hops of the edge.
		const file = path.join(recordings, 'checkout-saga.redis.jsonl');
		const edge = 'OrderCreated->PaymentAuthorized';
		const [alerts, metrics, alertsText, metricsText] = await Promise.all([
			runCli(['alerts', file, '--json'], {cwd: temp.path}),
			runCli(['metrics', file, '--json'], {cwd: temp.path}),
			runCli(['alerts', file], {cwd: temp.path}),
			runCli(['metrics', file], {cwd: temp.path}),
		]);
		const alert = alerts.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string; value: number; message: string})
			.find(each => each.rule === 'slo.latency' && each.key === edge)!;
		expect(alert.message).toContain('from 177 hops');
		const {p99} = (JSON.parse(metrics.stdout) as {edges: Record<string, {count: number; p99: number}>}).edges[edge]!;
		expect(Math.round(alert.value * 100) / 100).toBe(p99);
		// The same figure in the text each command prints.
		const shown = /p99 ([\d,]+ ms)/.exec(alertsText.stdout.split('\n').find(line => line.includes(`edge ${edge} p99`))!)![1]!;
		expect(metricsText.stdout.split('\n').find(line => line.startsWith(`${edge} `))!.trimEnd().endsWith(` ${shown}`)).toBe(true);
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
