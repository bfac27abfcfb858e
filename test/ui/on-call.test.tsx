// On-call ergonomics at 80×24 and 200×60: compact tables with the selected row in full, the too-small notice, Esc
// along the way back, the filter line edited as a shell line, the demo's phase in the status line, the Alerts
// pane's order, durations and last hour, and alert marks on the Overview charts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import {displayWidth} from '../../source/ui/text/width.js';
import {fixtureSession, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ARROW_UP, BACKSPACE, ENTER, ESC} from './support/keys.js';

const CTRL_U = '\u0015';
const CTRL_W = '\u0017';
const CTRL_A = '\u0001';
const CTRL_E = '\u0005';
const ARROW_LEFT = '\u001B[D';

/** Every line fits the width, and the frame fits the rows (the last row stays free). */
function expectFits(frame: string, columns: number, rows: number) {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows - 1);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

/** The lines from the table header (a line starting with `  topic`) to the line before the detail rule. */
function tableLines(frame: string, first: RegExp): string[] {
	const lines = frame.split('\n');
	const start = lines.findIndex(line => first.test(line));
	const end = lines.findIndex((line, index) => index > start && line.startsWith('─ selected'));
	return lines.slice(start, end).filter(line => line.trim() !== '');
}

const longTopic = 'customer.notifications.eu-west-1.priority-high.v2';
let dir: string;
let longRecording: string;

beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-on-call-'));
	longRecording = path.join(dir, 'long.jsonl');
	const at = (second: number) => new Date(Date.UTC(2026, 0, 15, 10, 0, second)).toISOString();
	const lines = [JSON.stringify({$recording: {version: 1, createdAt: at(0), source: 'on-call test'}})];
	for (let i = 0; i < 6; i++) {
		lines.push(JSON.stringify({topic: i % 2 === 0 ? longTopic : 'orders.created', value: {eventType: 'Thing', orderId: `ORD-${i}`}, timestamp: at(i), recordedAt: at(i)}));
	}

	fs.writeFileSync(longRecording, `${lines.join('\n')}\n`);
});

afterAll(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

describe('compact tables', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('Topics at 80×24: one line per topic under a single header rule, the selected topic in full below', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2');
		const frame = await held.app.waitFor('─ selected topic ─');
		expectFits(frame, 80, 24);
		const table = tableLines(frame, /^ {2}topic /);
		// The header, one rule, then the six topics on consecutive lines: no rule between rows.
		expect(table[1]).toMatch(/^─+$/);
		expect(table.slice(2)).toHaveLength(6);
		expect(table.slice(2).every(line => !line.includes('─'))).toBe(true);
		expect(table.slice(2).map(line => line.slice(2).split(/\s{2,}/)[0])).toEqual([
			'evil\\e]0;pwned\\atopic', 'inventory.updates', 'orders.completed', 'orders.created', 'payment.transactions', 'shipping.events',
		]);
		// The selected (first) topic's full name and every figure, escaped.
		expect(frame).toContain('evil\\e]0;pwned\\atopic · 1 event · ');
		await held.app.press('j', 'j', 'j', 'j');
		const moved = await held.app.waitFor('payment.transactions · 3 events');
		expect(moved).toContain('✗ 1 error');
		expect(moved.split('\n').find(line => line.startsWith('▶'))).toContain('payment.transactions');
	});

	it('Topics at 200×60: the extra room shows peak/s and p50 columns', async () => {
		held.app = await renderApp(held.session, {columns: 200, rows: 60});
		await held.app.press('2');
		const frame = await held.app.waitFor('─ selected topic ─');
		expectFits(frame, 200, 60);
		const header = tableLines(frame, /^ {2}topic /)[0]!;
		for (const name of ['events', 'ev/s', 'peak/s', 'p50', 'p95', 'p99', 'errors']) expect(header).toContain(name);
	});

	it('below 60×16 says the terminal is too small, and draws the panes again once it is large enough', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		const stdout = held.app.stdout as unknown as {columns: number; rows: number; emit(event: string): void};
		Object.defineProperty(stdout, 'columns', {value: 50, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: 12, configurable: true});
		stdout.emit('resize');
		let frame = await held.app.waitFor('terminal too small');
		expect(frame.replaceAll('\n', ' ')).toContain('terminal too small (need 60×16, have 50×12)');
		expectFits(frame, 50, 12);
		expect(frame).not.toContain('Overview');
		Object.defineProperty(stdout, 'columns', {value: 80, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: 24, configurable: true});
		stdout.emit('resize');
		frame = await held.app.waitFor('[1 Overview]');
		expect(frame).not.toContain('too small');
	});
});

describe('a long identifier at 80 columns', () => {
	const held = sessionPerBlock(async () => replaySession(longRecording, {run: true}));

	it('cuts the topic in the table but shows it whole in the detail area', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2');
		const frame = await held.app.waitFor('─ selected topic ─');
		expectFits(frame, 80, 24);
		const row = frame.split('\n').find(line => line.startsWith('▶'))!;
		expect(row).toContain('customer.notifications');
		expect(row).toMatch(/✗|0/);
		const detail = frame.slice(frame.indexOf('─ selected topic ─'));
		expect(detail.replaceAll('\n', ' ')).toContain(`${longTopic} · 3 events`);
	});
});

describe('keys', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it.each([[80, 24], [200, 60]])('at %d×%d Esc steps back along the way: transaction → filtered Messages → Topics, and then clears a filter typed there', async (columns, rows) => {
		held.app = await renderApp(held.session, {columns, rows});
		const {press, waitFor} = held.app;
		await press('2');
		await waitFor('─ selected topic ─');
		await press('j', 'j', 'j', 'j', ENTER);
		await waitFor('filter: topic:payment.transactions ·');
		await waitFor('3 matching');
		// The search fills the list in steps: Enter only once the top row (ORD-1's payment) is the selected one.
		await press('g');
		await waitFor(text => /▶.*ORD-1\b/.test(text));
		await press(ENTER);
		await waitFor('Transaction ORD-1');
		await press(ESC);
		let frame = await waitFor(text => text.includes('filter: topic:payment.transactions ·') && !text.includes('Transaction ORD-1'));
		expect(frame).toContain('[3 Messages]');
		await press(ESC);
		frame = await waitFor('─ selected topic ─');
		expect(frame).toContain('[2 Topics]');
		expect(frame).not.toContain('topic:payment.transactions');
		// The selection the user left is where it was.
		expect(frame.split('\n').find(line => line.startsWith('▶'))).toContain('payment.transactions');

		await press('3', '/', 'status:error', ENTER);
		await waitFor('filter: status:error ·');
		await press(ESC);
		frame = await waitFor('no filter (/ filters)');
		expect(frame).toContain('[3 Messages]');
	});

	it('acts on the row the keys typed so far selected, even before a frame shows it (j j j j Enter in one go)', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		const {press, waitFor, stdin} = held.app;
		await press('2');
		await waitFor('─ selected topic ─');
		// Written back to back, as a fast typist or one SSH packet delivers them: no render runs between the keys.
		for (const key of ['j', 'j', 'j', 'j', ENTER]) stdin.write(key);
		await waitFor('filter: topic:payment.transactions ·');
	});

	it.each([[80, 24], [200, 60]])('at %d×%d the filter line edits as a shell line: opens empty, Ctrl-W, Ctrl-U, ← and Ctrl-A insert, ↑ recalls, a bad filter says why', async (columns, rows) => {
		held.app = await renderApp(held.session, {columns, rows});
		const {press, waitFor} = held.app;
		await press('3', '/', 'topic:orders.created', ENTER);
		await waitFor('filter: topic:orders.created ·');
		// Reopened, it starts empty (it used to hold the old filter, and typing appended to it).
		await press('/');
		await waitFor(text => text.split('\n').at(-1)!.startsWith('/▏'));
		await press('status:errorx', BACKSPACE, ' id:ORD-2');
		await waitFor('/status:error id:ORD-2▏');
		await press(CTRL_W);
		await waitFor('/status:error ▏');
		await press(CTRL_U);
		await waitFor(text => text.split('\n').at(-1)!.startsWith('/▏'));
		await press(ARROW_UP);
		await waitFor('/topic:orders.created▏');
		await press(CTRL_A, '!', ARROW_LEFT);
		await waitFor('/▏!topic:orders.created');
		await press(CTRL_E, CTRL_U, 'amount>lots', ENTER);
		const frame = await waitFor('✗ expected a number after "amount>", got "lots" at column 8');
		expectFits(frame, columns, rows);
		expect(frame).toContain('/amount>lots▏');
		await press(CTRL_U, '!topic:orders.created', ENTER);
		await waitFor('filter: !topic:orders.created ·');
		await waitFor('7 matching');
	});
});

describe('where am I', () => {
	it.each([[80, 24], [200, 60]])('shows the demo\'s phase in the status line at %d×%d', async (columns, rows) => {
		// 35 simulated seconds: past the 30 s normal phase, into Black Friday.
		const session = await openSession(['demo'], {ephemeral: true}, {seed: 42, demoDurationMs: 35_000});
		await session.engine.run();
		const app = await renderApp(session, {columns, rows});
		try {
			const frame = await app.waitFor('phase Black Friday');
			expect(frame.split('\n')[0]).toContain('phase Black Friday');
			// The Overview's source line says it too.
			expect(frame).toMatch(/ {2}demo {2}✓ \w+ {2}[\d,]+ events {2}phase Black Friday/);
			expectFits(frame, columns, rows);
		} finally {
			app.unmount();
			await session.close();
		}
	});
});

describe('alerts over recordings/ecommerce.jsonl.gz up to the recovery', () => {
	const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
	// 08:03:30: the incident's alerts are firing or resolving, the early fraud ones resolved.
	const held = sessionPerBlock(async () => replaySession(recording, {run: true, to: Date.UTC(2026, 10, 27, 8, 3, 30)}));

	it('lists firing alerts first, then resolved ones with their duration, and the last hour on a time line (80×24)', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('4');
		const frame = await held.app.waitFor('─ last hour: ✗ fired, ✓ resolved ─');
		expectFits(frame, 80, 24);
		const lines = frame.split('\n');
		const firing = lines.flatMap((line, index) => (/^. ✗ /.test(line) ? [index] : []));
		const resolved = lines.flatMap((line, index) => (/^. ✓ /.test(line) ? [index] : []));
		expect(firing.length).toBeGreaterThan(0);
		expect(resolved.length).toBeGreaterThan(0);
		expect(Math.max(...firing)).toBeLessThan(Math.min(...resolved));
		for (const index of resolved) expect(lines[index]).toMatch(/\d\d:\d\d:\d\d–\d\d:\d\d:\d\d \((\d+m \d\ds|\d+s)\)/);
		// The key is given the room: the velocity customer's id is never cut at 80 columns.
		expect(frame).toContain('CUST-900000001');
		const timeline = lines[lines.indexOf('─ last hour: ✗ fired, ✓ resolved ─') + 1]!;
		expect(timeline).toMatch(/^ last 1h .*✗/);
		expect(timeline).toContain('✓');
	});

	it('marks alert firing and resolving times under the Overview charts', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.waitFor('(✗ alert fired, ✓ resolved)');
		// Five minutes back from 08:03:30 hold every firing and resolution so far.
		await held.app.press('w');
		const frame = await held.app.waitFor('last 5m (✗ alert fired, ✓ resolved)');
		expectFits(frame, 80, 24);
		const marks = frame.split('\n').find(line => line.startsWith('  alerts '))!;
		expect(marks).toContain('✗');
		expect(marks).toContain('✓');
		// A firing comes before (left of) the first resolution.
		expect(marks.indexOf('✗')).toBeLessThan(marks.indexOf('✓'));
	});

	it('uses the room at 200×60: the state mark and severity, value columns, times to the millisecond', async () => {
		held.app = await renderApp(held.session, {columns: 200, rows: 60});
		await held.app.press('4');
		const frame = await held.app.waitFor('─ last hour: ✗ fired, ✓ resolved ─');
		expectFits(frame, 200, 60);
		const header = frame.split('\n').find(line => /^ +rule /.test(line))!;
		for (const name of ['rule', 'key', 'value', 'when']) expect(header).toContain(name);
		// Each row led by its state mark and severity, as `alerts` and the Overview lead theirs (alertLead).
		expect(frame).toMatch(/^. ✗ (critical|warning|info) +\S+ +\S+ +.+ vs .+ +since \d\d:\d\d:\d\d\.\d{3} \(/m);
		expect(frame).toMatch(/^. ✓ critical +fraud\.velocity +CUST-900000001 +6 vs 5 +08:01:00\.056–08:02:44\.055 \(1m 43s\)/m);
	});

	it('keeps node and type names whole in the transaction timeline at 80×24, the marks saying what is wrong', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press(':', 'tx ORD-5T6H-002529', ENTER);
		const frame = await held.app.waitFor('Transaction ORD-5T6H-002529');
		expectFits(frame, 80, 24);
		expect(frame).toMatch(/\+3,964 ms payment\.transactions +PaymentFailed +⚠ SLOW ✗ ERROR/);
		expect(frame).toMatch(/\+10 ms customer\.notifications NotificationSent/);
	});
});
