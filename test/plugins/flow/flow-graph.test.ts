// `pubsub-tools flow graph` as a subprocess on recordings of known topology: nodes, edges, counts, errors and p95
// against values computed here from the recording itself (expected-hops.ts), not from the tool.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../../support/cli.js';
import {useTempDir} from '../../support/temp-dir.js';
import {expectedEdges, readLines, transactions, type ExpectedEdge, type Line} from './expected-hops.js';
import {limit} from '../../support/limits.js';

const recordings = path.resolve(import.meta.dirname, '../../../recordings');
const temp = useTempDir('pubsub-flow-graph-');

type GraphJson = {
	by: string;
	typedTopics: string[];
	nodes: Array<{name: string; layer: number}>;
	edges: Array<{name: string; from: string; to: string; count: number; errors: number; p95: number; ratePerSec: number; slowest: boolean; mostErrors: boolean; slowestTransactions: Array<{id: string; latencyMs: number}>}>;
	slowest?: string;
	mostErrors?: string;
	hopTracking: {open: number; closed: number; dropped: number; evictedBeforeNextStep: number; openMs: number};
};

/** Within 1 % or 1 ms, whichever is larger (the latency sketches' promise, event-model.md). */
function expectClose(actual: number, exact: number) {
	expect(Math.abs(actual - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.01));
}

/** Run `flow graph --json` on a file and parse its answer. */
async function graphOf(file: string, ...flags: string[]): Promise<GraphJson> {
	const result = await runCli(['flow', 'graph', file, '--json', ...flags], {cwd: temp.path});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
	return JSON.parse(result.stdout) as GraphJson;
}

/** The graph's edges equal the expected ones: names, counts and errors exactly, p95 within the sketch's 1 %. */
function expectEdges(graph: GraphJson, expected: Map<string, ExpectedEdge>) {
	expect(graph.edges.map(edge => edge.name).sort()).toEqual([...expected.keys()].sort());
	for (const edge of graph.edges) {
		const want = expected.get(edge.name)!;
		expect({edge: edge.name, count: edge.count, errors: edge.errors}).toEqual({edge: edge.name, count: want.count, errors: want.errors});
		expectClose(edge.p95, want.p95);
	}

	const slowest = [...expected].sort(([, a], [, b]) => b.p95 - a.p95)[0]![0];
	expect(graph.slowest).toBe(slowest);
	expect(graph.edges.find(edge => edge.slowest)?.name).toBe(slowest);
}

describe('flow graph', () => {
	it('draws the e-commerce shop as its six topics, with the payment → notification branch taken on failed payments', async () => {
		const events = readLines(path.join(recordings, 'ecommerce.jsonl.gz'));
		const expected = expectedEdges(events, event => event.topic);
		const graph = await graphOf(path.join(recordings, 'ecommerce.jsonl.gz'));
		expect(graph.by).toBe('auto');
		expect(graph.typedTopics).toEqual([]);
		expect(graph.nodes.map(node => node.name).sort()).toEqual(['customer.notifications', 'inventory.updates', 'orders.completed', 'orders.created', 'payment.transactions', 'shipping.events']);
		expect(graph.nodes.find(node => node.name === 'orders.created')!.layer).toBe(0);
		expectEdges(graph, expected);
		// The branch: a notification straight after a payment event happens on the failure paths only (a failed
		// payment, or a refund after a stock-out), never after an authorized one.
		let failedThenNotified = 0;
		for (const transaction of transactions(events)) {
			for (let i = 1; i < transaction.length; i++) {
				if (transaction[i - 1]!.topic === 'payment.transactions' && transaction[i]!.topic === 'customer.notifications') {
					expect(['PaymentFailed', 'PaymentRefunded']).toContain(transaction[i - 1]!.type);
					failedThenNotified++;
				}
			}
		}

		expect(failedThenNotified).toBeGreaterThan(100);
		expect(graph.edges.find(edge => edge.name === 'payment.transactions->customer.notifications')!.count).toBe(failedThenNotified);
		const mostErrors = [...expected].sort(([, a], [, b]) => b.errors - a.errors)[0]![0];
		expect(graph.mostErrors).toBe(mostErrors);
		// Each edge lists its slowest transactions, slowest first, the first being the edge's slowest hop.
		const slowestEdge = graph.edges.find(edge => edge.slowest)!;
		expect(slowestEdge.slowestTransactions[0]!.latencyMs).toBe(Math.max(...expected.get(slowestEdge.name)!.latencies));
	}, limit(120_000));

	it('names the steps of a single-stream checkout by event type, and by topic only when asked', async () => {
		const file = path.join(recordings, 'checkout-saga.redis.jsonl');
		const events = readLines(file);
		expect(new Set(events.map(event => event.topic))).toEqual(new Set(['ecommerce.checkout.events']));
		const byType = await graphOf(file);
		expect(byType.typedTopics).toEqual(['ecommerce.checkout.events']);
		expectEdges(byType, expectedEdges(events, event => event.type));
		expect(byType.nodes.find(node => node.name === 'CheckoutStarted')!.layer).toBe(0);
		expect(byType.edges.some(edge => edge.name === 'OrderCreated->PaymentFailed' && edge.errors === edge.count)).toBe(true);

		// The transaction view names the steps by type and where each was read (not `[CheckoutStarted]` again), and
		// knows which step usually comes next.
		const analyzed = await runCli(['flow', 'analyze', file, '--id', 'chk_511233bf37'], {cwd: temp.path});
		expect(analyzed.stdout).toContain('✅ CheckoutStarted [ecommerce.checkout.events]');
		expect(analyzed.stdout).toContain('└→ OrderCreated [ecommerce.checkout.events]');
		expect(analyzed.stdout).toContain('expected PaymentAuthorized after OrderCreated');

		const byTopic = await graphOf(file, '--by', 'topic');
		expect(byTopic.by).toBe('topic');
		expectEdges(byTopic, expectedEdges(events, event => event.topic));
		expect(byTopic.edges.map(edge => edge.name)).toEqual(['ecommerce.checkout.events->ecommerce.checkout.events']);
	}, limit(120_000));

	it('keeps the hops of claims whose steps are days apart, and counts the transactions evicted before their next step', async () => {
		// The claims recording with every claim's steps 720× further apart (a minute becomes half a day), in order.
		const lines = fs.readFileSync(path.join(recordings, 'claims.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		const starts = new Map<string, number>();
		for (const line of lines) {
			const at = Date.parse(String(line.timestamp));
			const claim = String(line.aggregate_id);
			starts.set(claim, Math.min(starts.get(claim) ?? Infinity, at));
		}

		const stretched = lines.map(line => {
			const start = starts.get(String(line.aggregate_id))!;
			return {...line, timestamp: new Date(start + (Date.parse(String(line.timestamp)) - start) * 720).toISOString()};
		}).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
		const file = path.join(temp.path, 'claims-days.jsonl');
		fs.writeFileSync(file, stretched.map(line => JSON.stringify(line)).join('\n') + '\n');
		const events = readLines(file);
		const expected = expectedEdges(events, (event: Line) => event.type);
		const total = [...expected.values()].reduce((sum, edge) => sum + edge.count, 0);
		const longest = Math.max(...[...expected.values()].flatMap(edge => edge.latencies));
		expect(longest).toBeGreaterThan(86_400_000);

		const graph = await graphOf(file);
		expectEdges(graph, expected);
		expect(graph.hopTracking).toMatchObject({openMs: 7 * 86_400_000, evictedBeforeNextStep: 0, closed: 0, dropped: 0});

		// Open for one day only: a step more than a day after the one before starts its chain over, its hop lost and
		// counted, whatever the batches the input was read in.
		fs.writeFileSync(path.join(temp.path, 'short.yaml'), 'hops:\n  openMs: 1d\n');
		const short = await graphOf(file, '--config', path.join(temp.path, 'short.yaml'));
		const day = 86_400_000;
		const lost = [...expected.values()].flatMap(edge => edge.latencies).filter(latency => latency > day).length;
		expect(lost).toBeGreaterThan(5);
		expect(short.hopTracking.evictedBeforeNextStep).toBe(lost);
		const kept = new Map([...expected].map(([name, edge]) => [name, edge.latencies.filter(latency => latency <= day).length]).filter(([, count]) => count as number > 0) as Array<[string, number]>);
		expect(Object.fromEntries(short.edges.map(edge => [edge.name, edge.count]))).toEqual(Object.fromEntries(kept));
		expect(short.edges.reduce((sum, edge) => sum + edge.count, 0) + lost).toBe(total);

		const table = await runCli(['metrics', file, '--config', path.join(temp.path, 'short.yaml')], {cwd: temp.path});
		expect(table.stdout).toContain(`· ${short.hopTracking.evictedBeforeNextStep} transactions evicted before their next step`);
	}, limit(120_000));

	it('writes Graphviz with the marks in words, and refuses a bad --format, --window or --by with exit 2', async () => {
		const file = path.join(recordings, 'checkout-saga.redis.jsonl');
		const dot = await runCli(['flow', 'graph', file, '--format', 'dot'], {cwd: temp.path});
		expect(dot.code).toBe(0);
		expect(dot.stdout).toMatch(/^digraph flow \{/);
		expect(dot.stdout).toContain('"CheckoutStarted" -> "OrderCreated" [label="200 hops\\np95 ');
		expect(dot.stdout).toMatch(/"OrderCreated" -> "PaymentFailed" \[label="17 hops\\np95 [^"]*\\n100 % errors\\nslowest\\nmost errors", color="red", penwidth=2\.5\]/);
		for (const [flags, message] of [[['--format', 'png'], '--format'], [['--window', '2h'], '--window'], [['--by', 'queue'], '--by']] as const) {
			const result = await runCli(['flow', 'graph', file, ...flags], {cwd: temp.path});
			expect(result.code).toBe(2);
			expect(result.stderr).toContain(message);
			expect(result.stdout).toBe('');
		}
	}, limit(120_000));

	it('writes a slow edge\'s rate per minute, apart from its hops, at 80 columns', async () => {
		const file = path.join(recordings, 'checkout-saga.redis.jsonl');
		const json = await graphOf(file);
		const text = await runCli(['flow', 'graph', file, '--width', '80'], {cwd: temp.path});
		// 17 failed payments in the last minute of the input: 2/min (0.033/s ran into its count: `17 0.033/s`).
		const failed = json.edges.find(edge => edge.name === 'OrderCreated->PaymentFailed')!;
		expect(Math.round(failed.ratePerSec * 60)).toBe(2);
		expect(text.stdout).toMatch(/─▶ PaymentFailed +17 {2,}2\/min +p95 /);
	});

	it('rates an input shorter than --window over the seconds it spans, and says so', async () => {
		// Ten orders over 20 s, each a hop a second later: 10 hops from 10:00:01 to 10:00:19 in event time.
		const start = Date.parse('2026-12-01T10:00:00Z');
		const lines = Array.from({length: 10}, (_, n) => [
			{topic: 'orders.created', value: {orderId: `O${n}`, timestamp: new Date(start + (2000 * n)).toISOString()}},
			{topic: 'payment.transactions', value: {orderId: `O${n}`, timestamp: new Date(start + (2000 * n) + 1000).toISOString()}},
		]).flat().map(line => JSON.stringify(line));
		const file = path.join(temp.path, 'twenty-seconds.jsonl');
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		const json = JSON.parse((await runCli(['flow', 'graph', file, '--json'], {cwd: temp.path})).stdout) as {windowMs: number; ratesOverMs: number; edges: Array<{ratePerSec: number; previousCount: number | null; appeared: boolean}>};
		expect(json).toMatchObject({windowMs: 60_000, ratesOverMs: 20_000});
		expect(json.edges).toMatchObject([{ratePerSec: 0.5, previousCount: null, appeared: false}]);
		const text = await runCli(['flow', 'graph', file], {cwd: temp.path});
		expect(text.stdout).toContain('rates over 20s seen of 1m');
	});

	it('names a stream one way for the whole run, also when its first transactions only cross into it', async () => {
		// Three orders enter the checkout stream, then seven checkouts take their steps on it. The stream's crossings
		// led its inner hops for the first transactions, whose hops were named as the topic (orders->checkout.events,
		// checkout.events->checkout.events) while the later ones were named by type: one flow under two namings.
		const at = (ms: number) => new Date(Date.UTC(2026, 10, 21, 10) + ms).toISOString();
		const lines: object[] = [];
		for (let n = 1; n <= 3; n++) {
			lines.push({topic: 'orders', value: {eventType: 'OrderCreated', checkoutId: `C-${n}`, timestamp: at(n * 100)}});
			lines.push({topic: 'checkout.events', value: {eventType: 'CheckoutStarted', checkoutId: `C-${n}`, timestamp: at((n * 100) + 20)}});
		}

		for (let n = 4; n <= 10; n++) {
			for (const [step, type] of ['CheckoutStarted', 'PaymentAuthorized', 'CheckoutCompleted'].entries()) {
				lines.push({topic: 'checkout.events', value: {eventType: type, checkoutId: `C-${n}`, timestamp: at((n * 100) + (step * 30))}});
			}
		}

		const file = path.join(temp.path, 'crossing-first.jsonl');
		fs.writeFileSync(file, `${lines.map(line => JSON.stringify(line)).join('\n')}\n`);
		const graph = await graphOf(file);
		expect(graph.typedTopics).toEqual(['checkout.events']);
		const edges = {'orders->CheckoutStarted': 3, 'CheckoutStarted->PaymentAuthorized': 7, 'PaymentAuthorized->CheckoutCompleted': 7};
		expect(Object.fromEntries(graph.edges.map(edge => [edge.name, edge.count]))).toEqual(edges);
		const metrics = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(metrics.code, metrics.stderr).toBe(0);
		const summary = JSON.parse(metrics.stdout) as {edges: Record<string, {count: number}>; hopTracking: {typedTopics: string[]}};
		expect(Object.fromEntries(Object.entries(summary.edges).map(([name, edge]) => [name, edge.count]))).toEqual(edges);
		expect(summary.hopTracking.typedTopics).toEqual(['checkout.events']);
	});
});
