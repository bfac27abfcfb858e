// A system whose correlation ids are named otherwise (`order_ref`, `txn_ref`) formed no transactions and no hops,
// and every view said only "no hops yet". `metrics`, `metrics --json`, `flow graph` (text and JSON) now say how many
// events carry no id of fields.ids and which fields may be one; with those fields added, the hops come.
// Run as a subprocess on a recording.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {renamedIdsRecording} from '../support/renamed-ids.js';

const temp = useTempDir('pubsub-correlation-');

type Correlation = {events: number; withoutId: number; sampledEvents: number; candidates: Array<{field: string; events: number; values: number; linkedValues: number}>};

describe('events without a correlation id', () => {
	let file = '';

	it('metrics says how many carry none and names the fields that may be ids', async () => {
		file = renamedIdsRecording(temp.path);
		const text = await runCli(['metrics', file]);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain('120 of 120 events carry no correlation id (fields.ids) · may be ids, their values met on other topics or types too: order_ref (40 of 40 values), orderRef (40 of 40 values); add them to fields.ids');
		const json = await runCli(['metrics', file, '--json']);
		const {correlation} = JSON.parse(json.stdout) as {correlation: Correlation};
		// The customer (a role of its own) and the product (a hub: 60 events on 2 values) are not ids; the tracking
		// number and the payment's own reference are met on one topic only.
		expect(correlation).toEqual({
			events: 120, withoutId: 120, sampledEvents: 120,
			candidates: [{field: 'order_ref', events: 80, values: 40, linkedValues: 40}, {field: 'orderRef', events: 40, values: 40, linkedValues: 40}],
		});
	});

	it('flow graph says why it has no hops, in text and JSON', async () => {
		const text = await runCli(['flow', 'graph', file, '--width', '80']);
		expect(text.code, text.stderr).toBe(0);
		expect(text.stdout).toContain('no hops: a hop needs two events of one transaction\n120 of 120 events carry no correlation id (fields.ids)\nmay be ids');
		const json = await runCli(['flow', 'graph', file, '--json']);
		expect((JSON.parse(json.stdout) as {correlation: Correlation}).correlation.withoutId).toBe(120);
	});

	it('a field with a role, once added to fields.ids, joins the transactions and is no longer suggested', async () => {
		const config = path.join(temp.path, 'refs.yaml');
		fs.writeFileSync(config, 'fields:\n  ids: [order_ref, orderRef, orderId]\n');
		const json = await runCli(['metrics', file, '--json', '--config', config]);
		const summary = JSON.parse(json.stdout) as {correlation: Correlation; edges: Record<string, {count: number}>};
		expect(summary.correlation).toEqual({events: 120, withoutId: 0, sampledEvents: 120, candidates: []});
		expect(Object.fromEntries(Object.entries(summary.edges).map(([name, edge]) => [name, edge.count]))).toEqual({'orders->payments': 40, 'payments->shipping': 40});
		const text = await runCli(['metrics', file, '--config', config]);
		expect(text.stdout).not.toContain('correlation id');
	});
});
