// A redelivery (the same event id again on its topic) is one event everywhere: `metrics` counts it as a duplicate,
// the `duplicate` alert fires for it however late it came, the timeline folds it into the step it repeats, and
// `check` counts it once. Run as subprocesses on a recording of one claim whose second event came again last.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-redeliveries-');

/** Bare payloads in arrival order: Created 09:00, Assigned 09:10, Started 09:20, then Assigned again (09:10). */
const recording = [
	['ClaimCreated', 'a1', '09:00'],
	['ClaimAssigned', 'a2', '09:10'],
	['ClaimStarted', 'a3', '09:20'],
	['ClaimAssigned', 'a2', '09:10'],
].map(([type, id, time]) => JSON.stringify({eventType: type, event_id: id, claim_id: 'C-1', timestamp: `2026-01-01T${time}:00Z`})).join('\n');

/** Run the CLI on the recording (standard input) and parse its JSON output. */
async function json(args: string[]): Promise<unknown> {
	const result = await runCli(args, {stdin: `${recording}\n`, cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
	return JSON.parse(result.stdout);
}

describe('a redelivery that came after later events', () => {
	it('is a duplicate for metrics and for the duplicate alert alike', async () => {
		expect(await json(['metrics', '-', '--json'])).toMatchObject({events: 4, duplicates: 1});
		const alerts = await runCli(['alerts', '-', '--json'], {stdin: `${recording}\n`, cwd: temp.path});
		expect(alerts.code, alerts.stderr).toBe(0);
		expect(alerts.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string})).toEqual([expect.objectContaining({rule: 'duplicate', value: 1})]);
	});

	it('is part of the step it repeats in the timeline, with no hop of its own', async () => {
		const flow = await json(['flow', 'analyze', '-', '--id', 'C-1', '--json']) as {events: Array<{type: string; latencyMs: number | null; redelivered?: number}>};
		expect(flow.events.map(({type, latencyMs, redelivered}) => ({type, latencyMs, redelivered}))).toEqual([
			{type: 'ClaimCreated', latencyMs: null, redelivered: undefined},
			{type: 'ClaimAssigned', latencyMs: 600_000, redelivered: 1},
			{type: 'ClaimStarted', latencyMs: 600_000, redelivered: undefined},
		]);
	});

	it('counts once in check, in the whole run and per transaction, and breaks no order', async () => {
		const scenarios = path.join(temp.path, 'claims.yaml');
		fs.writeFileSync(scenarios, [
			'scenarios:',
			'  - name: whole run',
			'    expect:',
			'      - count: {type: ClaimAssigned, exactly: 1}',
			'  - name: per claim',
			'    transactions: "type:ClaimCreated"',
			'    expect:',
			'      - count: {type: ClaimAssigned, exactly: 1, per: transaction}',
			'      - order: [ClaimCreated, ClaimAssigned, ClaimStarted]',
			'',
		].join('\n'));
		const result = await runCli(['check', scenarios, '-'], {stdin: `${recording}\n`, cwd: temp.path});
		expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
	});
});
