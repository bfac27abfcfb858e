// `metrics` on a recording whose event type holds an id (a new (topic, type) pair per event): past the hop
// tracker's first 10 000 pairs the types are named (other), said in the output, and every hop is still counted.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-hop-pairs-');
const t0 = Date.parse('2026-11-27T08:00:00.000Z');
const transactions = 6000;

/** Two steps per order, each of a type of its own: 12 000 types on one topic. */
function recordingLines(): string[] {
	const lines: string[] = [];
	for (let n = 1; n <= transactions; n++) {
		for (const [index, type] of ['Created', 'Shipped'].entries()) {
			const at = t0 + 2 * n + index;
			lines.push(JSON.stringify({topic: 'orders', value: {orderId: `ORD-${n}`, type: `${type}-${n}`, timestamp: new Date(at).toISOString()}, recordedAt: new Date(at + 5).toISOString()}));
		}
	}

	return lines;
}

describe('hop nodes named by a type that holds an id', () => {
	it('go under (other) past the first 10,000 pairs, counted, with every hop', async () => {
		const file = path.join(temp.path, 'unique-types.jsonl');
		fs.writeFileSync(file, `${recordingLines().join('\n')}\n`);
		const result = await runCli(['metrics', file, '--json', '--by', 'type'], {cwd: temp.path});
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		const summary = JSON.parse(result.stdout) as {edges: Record<string, {count: number}>; otherEdges?: {count: number}; hopTracking: {otherPairEvents?: number}};
		// The first 5 000 orders' 10 000 types are named; the other 1 000 orders' 2 000 events are not.
		expect(summary.hopTracking.otherPairEvents).toBe(2000);
		const hops = Object.values(summary.edges).reduce((sum, edge) => sum + edge.count, summary.otherEdges?.count ?? 0);
		expect(hops).toBe(transactions);

		const table = await runCli(['metrics', file, '--by', 'type'], {cwd: temp.path});
		expect(table.stdout).toContain('2,000 events of (topic, type) pairs past the first 10,000, their type named (other)');
	});
});
