// The CLI on a real Redis whose streams were backfilled one after another: orders.completed first, then the payments,
// then orders.created, each a second apart, with the events' own times in their payloads an hour earlier.
// Entry-id times would put every step in reverse; the payload times put them in order.
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {runCliUntilRead, stoppedByCtrlC} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const skipReason = redisSkipReason();
const transactions = 25;
/** When each step happened, after its order was created. */
const steps = [
	{name: 'orders.created', type: 'OrderCreated', afterMs: 0},
	{name: 'payment.transactions', type: 'PaymentAuthorized', afterMs: 400},
	{name: 'orders.completed', type: 'OrderCompleted', afterMs: 950},
];

describe.skipIf(skipReason)('hops of Redis streams backfilled stream by stream', () => {
	const temp = useTempDir('pubsub-redis-backfill-');
	const server = useRedis();
	const prefix = uniqueName('it:backfill');
	const base = Date.now() - 3_600_000;
	const stream = (name: string) => `${prefix}:${name}`;
	const timeOf = (tx: number, afterMs: number) => new Date(base + tx * 2000 + afterMs).toISOString();
	// Per stream, its newest entry id: a run has read a stream once it asked for what follows.
	const lastIds: Record<string, string> = {};

	beforeAll(async () => {
		const redis = server.client;
		// Reversed, a second apart: reading by entry-id time gives completed → payment → created hops of ~1.2 s.
		for (const step of [...steps].reverse()) {
			const fieldsOf = (tx: number) => ['type', step.type, 'event_id', `EVT-${tx}-${step.type}`, 'orderId', `ORD-${tx}`, 'timestamp', timeOf(tx, step.afterMs)];
			const pipeline = redis.pipeline();
			for (let tx = 0; tx < transactions; tx++) pipeline.xadd(stream(step.name), '*', ...fieldsOf(tx));
			lastIds[stream(step.name)] = (await pipeline.exec())!.at(-1)![1] as string;
			await delay(20);
			// The same events fanned out to a stream of all events just after, as many services do.
			const fanOut = redis.pipeline();
			for (let tx = 0; tx < transactions; tx++) fanOut.xadd(stream('events:all'), '*', ...fieldsOf(tx));
			lastIds[stream('events:all')] = (await fanOut.exec())!.at(-1)![1] as string;
			await delay(1200);
		}
	});

	afterAll(async () => {
		await server.client?.del(...[...steps.map(step => stream(step.name)), stream('events:all')]);
	});

	const perTypeStreams = () => `${server.url}?streams=${steps.map(step => stream(step.name)).join(',')}`;
	/** The CLI on the streams of `read` (each read to its end: then Ctrl-C). */
	const cli = async (args: string[], read: 'per type' | 'all' = 'per type') => {
		const names = read === 'all' ? Object.keys(lastIds) : steps.map(step => stream(step.name));
		const result = await runCliUntilRead(server.client, Object.fromEntries(names.map(name => [name, lastIds[name]!])), [...args, '--from', 'earliest'], {cwd: temp.path});
		// Each per-type stream holds one event of each transaction, events:all all of them.
		expect(result.stderr).toBe(stoppedByCtrlC((read === 'all' ? 6 : 3) * transactions));
		expect(result.code).toBe(0);
		return result.stdout;
	};

	it('metrics: only forward hops, with the exact latencies of the payload times, nothing late', async () => {
		const summary = JSON.parse(await cli(['metrics', '--source', perTypeStreams(), '--json']));
		expect(summary.events).toBe(3 * transactions);
		expect(summary.edges).toEqual({
			[`${stream('orders.created')}->${stream('payment.transactions')}`]: {count: transactions, errors: 0, p50: 400, p95: 400, p99: 400},
			[`${stream('payment.transactions')}->${stream('orders.completed')}`]: {count: transactions, errors: 0, p50: 550, p95: 550, p99: 550},
		});
		expect(summary.reorder).toMatchObject({late: 0, excluded: 0});
	});

	it('alerts: no slo.latency alert (every hop is under 1 s)', async () => {
		const lines = (await cli(['alerts', '--source', perTypeStreams(), '--json'])).split('\n').filter(Boolean);
		expect(lines.map(line => JSON.parse(line).rule)).not.toContain('slo.latency');
	});

	it('flow analyze: every step, in event-time order, at the payload\'s own time', async () => {
		const flow = JSON.parse(await cli(['flow', 'analyze', '--source', perTypeStreams(), '--id', 'ORD-7', '--slow-ms', '1000', '--json']));
		expect(flow.events).toEqual(steps.map((step, index) => ({
			topic: stream(step.name), type: step.type, timestamp: timeOf(7, step.afterMs), status: 'ok',
			latencyMs: index === 0 ? null : step.afterMs - steps[index - 1]!.afterMs,
		})));
		expect(flow.issues).toEqual([]);
	});

	it('an event read from its own stream and from events:all is one step, marked as also on events:all, and no redelivery', async () => {
		const all = `${server.url}?streams=${prefix}:*`;
		const flow = JSON.parse(await cli(['flow', 'analyze', '--source', all, '--id', 'ORD-7', '--slow-ms', '1000', '--json'], 'all'));
		expect(flow.events).toEqual(steps.map((step, index) => ({
			topic: stream(step.name), type: step.type, timestamp: timeOf(7, step.afterMs), status: 'ok',
			latencyMs: index === 0 ? null : step.afterMs - steps[index - 1]!.afterMs, alsoOn: [stream('events:all')],
		})));
		expect(flow.issues).toEqual([]);
		const summary = JSON.parse(await cli(['metrics', '--source', all, '--json'], 'all'));
		expect(summary.events).toBe(6 * transactions);
		expect(summary.duplicates).toBe(0);
		expect(Object.keys(summary.edges).sort()).toEqual([
			`${stream('orders.created')}->${stream('payment.transactions')}`,
			`${stream('payment.transactions')}->${stream('orders.completed')}`,
		]);
		const alerts = (await cli(['alerts', '--source', all, '--json'], 'all')).split('\n').filter(Boolean).map(line => JSON.parse(line).rule);
		expect(alerts).not.toContain('duplicate');
		expect(alerts).not.toContain('slo.latency');
	});
});
