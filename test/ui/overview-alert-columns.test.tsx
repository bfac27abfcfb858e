// The Overview's firing alerts at 80×24, a critical one beside a warning whose key (a long topic name) makes its row
// too wide: every row gives up its severity's word together, so the rules line up under one another. The warning
// used to drop WARNING alone (`⚠  error-rate`) while the critical row kept CRITICAL (`✗ CRITICAL  fraud.amount`).
// The rows lead as the Alerts pane's do: the state mark (✗ firing), then the severity's word. They led with the
// severity's own symbols (`✗ CRITICAL`, `⚠ WARNING`), so ✗ meant critical here and firing on the Alerts pane.
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
		const rows = lines.slice(lines.findIndex(line => line.startsWith('Alerts  ✗')) + 1).filter(line => /^ {2}✗ /.test(line));
		// The warning's long key makes its row too wide: every row gives up the severity's word, keeping the mark.
		expect(rows.map(row => row.slice(0, 5)), frame).toEqual(['  ✗  ', '  ✗  ']);
		const rules = rows.map(row => /^ {2}✗ +(\S)/.exec(row)!);
		expect(new Set(rules.map(rule => rule[0].length - 1)).size, frame).toBe(1);
	});

	for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
		it(`lead with the mark the Alerts pane leads the same alerts with, at ${columns}×${rows}`, async () => {
			const app = (held.app = await renderApp(held.session, {columns, rows}));
			const overview = fittedLines(await app.waitFor('Alerts  ✗'), columns);
			const firing = overview.slice(overview.findIndex(line => line.startsWith('Alerts  ✗')) + 1).flatMap(line => {
				const match = /^ {2}(✗)(?: (critical|warning))? +(\S+)/.exec(line);
				return match ? [{mark: match[1]!, severity: match[2], rule: match[3]!}] : [];
			});
			expect(firing.map(alert => alert.rule).sort(), overview.join('\n')).toEqual(['error-rate', 'fraud.amount']);
			await app.press('4');
			const pane = fittedLines(await app.waitFor(frame => frame.includes('[4 Alerts]') && frame.includes('error-rate')), columns);
			for (const {mark, severity, rule} of firing) {
				const row = pane.find(line => line.includes(` ${rule} `))!;
				expect(row.slice(2, 3), pane.join('\n')).toBe(mark);
				// Where the pane has room for its severity column, the same word.
				if (columns >= 120) expect(row, pane.join('\n')).toMatch(new RegExp(`^. ${mark} ${severity!} +${rule} `));
			}
		});
	}
});
