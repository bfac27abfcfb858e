// The Alerts pane's key column holds topics (error-rate) and hop edges (slo.latency, `from->to`) whose names share a
// long start and end (`prod.eu-west-1.commerce.checkout.orders.v2-events`). Cut as one name, an edge kept one end of
// its target (`…ce.checkout.payments…`), which reads as a topic. Cut on each side of its arrow, an edge still reads
// as an edge between two nodes told apart, and a topic as one topic.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {fittedLines, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {readAs} from './support/told-apart.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-alert-keys-');
const topic = (name: string) => `prod.eu-west-1.commerce.${name}.v2-events`;
const [orders, payments, shipments, refunds] = ['checkout.orders', 'checkout.payments', 'fulfilment.shipments', 'checkout.refunds'].map(name => topic(name)) as [string, string, string, string];

/** Two minutes of orders: paid 1.2 s later (one in four failing), shipped, and refunded 1.5 s after shipping. */
function writeRecording(file: string): void {
	const start = Date.UTC(2026, 10, 27, 8, 0, 0);
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'test'}})];
	const event = (index: number, on: string, offsetMs: number, failed = false) => {
		const at = new Date(start + (index * 500) + offsetMs).toISOString();
		const orderId = `ORD-${String(index).padStart(6, '0')}`;
		lines.push(JSON.stringify({topic: on, partition: 0, offset: String(index), key: orderId, value: {orderId, status: failed ? 'failed' : 'ok', timestamp: at}, timestamp: at, recordedAt: at}));
	};

	for (let index = 1; index <= 240; index++) {
		event(index, orders, 0);
		event(index, payments, 1200, index % 4 === 0);
		event(index, shipments, 1300);
		event(index, refunds, 2800);
	}

	fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('alert keys alike at both ends, topics and edges, at 60×16', () => {
	const held = sessionPerBlock(async () => {
		const recording = path.join(temp.path, 'alert-keys.jsonl');
		writeRecording(recording);
		return replaySession(recording, {run: true});
	});

	it('shows each edge as two nodes told apart and each topic as one topic', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 60, rows: 16}));
		await app.press('4');
		const frame = await app.waitFor('[4 Alerts]');
		const keys = held.session.engine.snapshot().alerts.map(alert => alert.key);
		// What the recording must fire for the case to mean anything: an edge and a topic among the keys.
		expect(keys).toContain(`${orders}->${payments}`);
		expect(keys).toContain(`${shipments}->${refunds}`);
		expect(keys).toContain(payments);
		const nodes = [orders, payments, shipments, refunds];
		// Rows: marker, state, rule, key, when.
		const shown = fittedLines(frame, 60).filter(line => / (slo\.latency|error-rate) /.test(line)).map(line => line.slice(2).split(/ {2,}/)[2]!);
		expect(shown, frame).toHaveLength(3);
		for (const cell of shown) {
			const edge = cell.split('->');
			if (edge.length === 2) {
				// Both ends of an edge, each one node.
				for (const side of edge) expect(readAs(side, nodes), `${cell} in\n${frame}`).toHaveLength(1);
			} else {
				expect(readAs(cell, nodes), `${cell} in\n${frame}`).toHaveLength(1);
			}
		}

		expect(shown.filter(cell => cell.includes('->')).length, frame).toBe(keys.filter(key => key.includes('->')).length);
	});
});
