// The Overview's firing alerts at 80×24, a critical one beside a warning whose key (a long topic name) makes its row
// too wide: every row gives up its severity's word together, so the rules line up under one another. The warning
// used to drop WARNING alone (`⚠  error-rate`) while the critical row kept CRITICAL (`✗ CRITICAL  fraud.amount`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {fittedLines, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-alert-columns-'));
const recording = path.join(dir, 'alerts.jsonl');
const topic = 'prod.eu-west-1.commerce.checkout.payments.v2-events';

/** A minute of payments on one long-named topic, one in three failing (error-rate), one of 25 000 (fraud.amount). */
function writeRecording(): void {
	const start = Date.UTC(2026, 10, 27, 8, 0, 0);
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: new Date(start).toISOString(), source: 'test'}})];
	for (let index = 1; index <= 120; index++) {
		const at = new Date(start + (index * 500)).toISOString();
		const orderId = `ORD-${String(index).padStart(6, '0')}`;
		const value = {eventType: 'PaymentCaptured', orderId, status: index % 3 === 0 ? 'failed' : 'ok', amount: index === 60 ? 25_000 : 40, timestamp: at};
		lines.push(JSON.stringify({topic, partition: 0, offset: String(index), key: orderId, value, timestamp: at, recordedAt: at}));
	}

	fs.writeFileSync(recording, lines.join('\n') + '\n');
}

writeRecording();
afterAll(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('the Overview\'s firing alerts', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('at 80×24 give their severity the same column, the rules lined up', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		const frame = await app.waitFor('Alerts  ✗');
		const lines = fittedLines(frame, 80);
		const rows = lines.slice(lines.findIndex(line => line.startsWith('Alerts  ✗')) + 1).filter(line => /^ {2}[✗⚠] /.test(line));
		expect(rows.map(row => row.slice(0, 3)).sort(), frame).toEqual(['  ⚠', '  ✗']);
		const rules = rows.map(row => /^ {2}\S(?: \S+)? +(\S)/.exec(row)!);
		expect(new Set(rules.map(rule => rule[0].length - 1)).size, frame).toBe(1);
	});
});
