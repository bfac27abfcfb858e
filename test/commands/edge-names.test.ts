// Two hop edges whose names could be spelled alike: node `a->b` to node `c`, and node `a` to node `b->c` (topic and
// stream names may hold the arrow). Each is its own edge in metrics --json, flow graph --json and alerts --json, and
// a user can name either one: in slo.latency's per-edge override and in a scenario's latency.edge.
import fs from 'node:fs';
import path from 'node:path';
import {describe, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-edge-names-');
// The edges as metrics --json names them: a node holding the arrow is written with it escaped.
const fast = String.raw`a-\>b->c`;
const slow = String.raw`a->b-\>c`;

/** 25 orders a->b then c 40 ms later, 25 orders a then b->c 400 ms later, and one of each that stopped after its first step. */
function recording(): string {
	const start = Date.parse('2026-11-27T08:00:00.000Z');
	const lines: string[] = [];
	for (let index = 0; index < 25; index++) {
		for (const [order, steps] of [[`F-${index}`, [['a->b', 0], ['c', 40]]], [`S-${index}`, [['a', 0], ['b->c', 400]]]] as const) {
			for (const [topic, after] of steps) {
				const timestamp = new Date(start + (index * 1000) + after).toISOString();
				lines.push(JSON.stringify({topic, value: {eventType: 'Step', orderId: order, timestamp}, timestamp, recordedAt: timestamp}));
			}
		}
	}

	// Two orders that stopped after their first step.
	for (const [order, topic] of [['F-stall', 'a->b'], ['S-stall', 'a']]) {
		const timestamp = new Date(start + 30_000).toISOString();
		lines.push(JSON.stringify({topic, value: {eventType: 'Step', orderId: order, timestamp}, timestamp, recordedAt: timestamp}));
	}

	const file = path.join(temp.path, 'arrows.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

describe.concurrent('edges between nodes whose names hold the arrow', () => {
	it('keeps the two edges apart in metrics --json and flow graph --json', async ({expect}) => {
		const input = recording();
		const summary = JSON.parse((await runCli(['metrics', input, '--json'], {cwd: temp.path})).stdout) as {edges: Record<string, {count: number; p50: number}>};
		expect(Object.entries(summary.edges).map(([name, edge]) => [name, edge.count, edge.p50]).sort()).toEqual([[fast, 25, 40], [slow, 25, 400]].sort());
		const flow = JSON.parse((await runCli(['flow', 'graph', input, '--json'], {cwd: temp.path})).stdout) as {edges: Array<{name: string; from: string; to: string; count: number}>};
		expect(flow.edges.map(({name, from, to, count}) => [name, from, to, count]).sort()).toEqual([[fast, 'a->b', 'c', 25], [slow, 'a', 'b->c', 25]].sort());
		const text = (await runCli(['flow', 'graph', input, '--width', '120'], {cwd: temp.path})).stdout;
		// The tree names each edge under its source; the header names the slowest one whole, as its name says.
		expect(text.split('\n')[1]).toBe(String.raw`★ slowest a->b-\>c p95 400 ms`);
	});

	it('says which step usually follows each node of a stopped transaction, by its own edge', async ({expect}) => {
		const input = recording();
		const issues = async (id: string) => (JSON.parse((await runCli(['flow', 'analyze', input, '--id', id, '--json'], {cwd: temp.path})).stdout) as {issues: Array<{message: string}>}).issues.map(issue => issue.message);
		expect(await issues('F-stall')).toEqual(['expected c after a->b (follows it in 96 % of events), never came']);
		expect(await issues('S-stall')).toEqual(['expected b->c after a (follows it in 96 % of events), never came']);
	});

	it('applies slo.latency\'s override to the edge it names, and alerts keyed by each edge\'s own name', async ({expect}) => {
		const input = recording();
		const config = path.join(temp.path, 'slo.yaml');
		fs.writeFileSync(config, String.raw`alerts:
  rules:
    slo.latency:
      threshold: 1s
      topics:
        'a->b-\>c': {threshold: 100ms}
`);
		const result = await runCli(['alerts', input, '--config', config, '--json'], {cwd: temp.path});
		const alerts = result.stdout.trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as {rule: string; key: string});
		expect(alerts.filter(alert => alert.rule === 'slo.latency').map(alert => alert.key)).toEqual([slow]);
	});

	it('judges a scenario\'s latency.edge on the edge it names, and says how to write a node holding the arrow', async ({expect}) => {
		const input = recording();
		const scenario = path.join(temp.path, 'edges.yaml');
		fs.writeFileSync(scenario, String.raw`scenarios:
  - name: both edges
    expect:
      - latency: {edge: 'a-\>b->c', p99: 50ms}
      - latency: {edge: 'a->b-\>c', p50: 390ms}
`);
		const result = await runCli(['check', scenario, input, '--json'], {cwd: temp.path});
		const report = JSON.parse(result.stdout) as {scenarios: Array<{expectations: Array<{passed: boolean; evidence: string[]}>}>};
		expect(report.scenarios[0]!.expectations.map(expectation => [expectation.passed, expectation.evidence[0]])).toEqual([
			[true, expect.stringMatching(/^p99 40 ms over 25 hops/)],
			[false, expect.stringMatching(/^p50 400 ms over 25 hops/)],
		]);
		fs.writeFileSync(scenario, `scenarios:
  - name: unescaped
    expect:
      - latency: {edge: 'a->b->c', p99: 50ms}
`);
		const refused = await runCli(['check', scenario, input], {cwd: temp.path});
		expect(refused.code).toBe(2);
		expect(refused.stderr).toContain(String.raw`written escaped, "->" as "-\>"`);
	});
});
