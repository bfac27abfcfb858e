// The TUI and the headless commands print a figure the same way: an alert's state mark and message, latencies and
// counts.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/fraud.jsonl');

describe('the same words in the TUI and headless', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('an alert: `alerts` leads with the state mark and severity and prints the message the Alerts pane shows', async () => {
		const headless = await runCli(['alerts', recording]);
		expect(headless.code).toBe(0);
		const [, lead, rule] = /^(✗ (?:critical|warning|info)) +(\S+) /m.exec(headless.stdout)!;
		const app = held.app = await renderApp(held.session, {columns: 200, rows: 40});
		await app.press('4');
		const frame = await app.waitFor(text => text.includes('[4 Alerts]') && text.includes('selected alert'));
		expect(frame).toMatch(new RegExp(`^. ${lead} +${rule!.replaceAll('.', '\\.')} `, 'm'));
		// The Overview leads each firing alert it shows as `alerts` leads that alert.
		await app.press('1');
		const overview = await app.waitFor(text => text.includes('[1 Overview]') && text.includes('Alerts  ✗'));
		const shown = [...overview.matchAll(/^ {2}(✗ (?:critical|warning|info)) +(\S+) /gm)];
		expect(shown.length, overview).toBeGreaterThan(0);
		for (const [, overviewLead, overviewRule] of shown) expect(headless.stdout).toMatch(new RegExp(`^${overviewLead} +${overviewRule!.replaceAll('.', '\\.')} `, 'm'));
		// The selected alert's message, as the pane wraps it, is among the headless lines word for word.
		const detail = frame.split('\n').slice(frame.split('\n').findIndex(line => line.startsWith('─ selected alert')) + 1).join(' ');
		const message = /^\S+ on \S+: (.+?) · value/.exec(detail)![1]!;
		expect(headless.stdout).toContain(message);
	});

	it('a latency and a count: the transaction view and `flow analyze` write a transaction\'s total and events alike', async () => {
		const id = 'ORD-ZMRO-000001';
		const headless = await runCli(['flow', 'analyze', recording, '--id', id]);
		expect(headless.code).toBe(0);
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 40});
		await app.press(':', `tx ${id}`, ENTER);
		const frame = await app.waitFor(`Transaction ${id}`);
		const [, events, total] = new RegExp(`Transaction ${id} · (\\S+ events?) · total (\\S+ m?s) ·`).exec(frame)!;
		expect(headless.stdout).toContain(`${id} — ${events}, ids`);
		expect(headless.stdout).toContain(`total ${total},`);
	});
});
