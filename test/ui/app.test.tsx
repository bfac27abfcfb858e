// The TUI driven through its text: real engine, real ephemeral store, the fixture recording, keys on stdin.
import fs from 'node:fs';
import path from 'node:path';
import {afterEach, beforeAll, afterAll, describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/ui/text/width.js';
import {fixtureSession, renderApp, type RenderedApp} from './support/app-harness.js';
import {ENTER, ESC, SHIFT_TAB, TAB} from './support/keys.js';

type Session = Awaited<ReturnType<typeof fixtureSession>>;

/** Every line of a frame fits the width, and the frame fits the rows (the last row stays free). */
function expectFits(frame: string, columns: number, rows: number) {
	const lines = frame.split('\n');
	expect(lines.length).toBeLessThanOrEqual(rows - 1);
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
}

describe('TUI over a finished replay', () => {
	let session: Session;
	let app: RenderedApp | undefined;

	beforeAll(async () => {
		session = await fixtureSession({run: true});
	});

	afterAll(async () => {
		await session.close();
	});

	afterEach(() => {
		app?.unmount();
		app = undefined;
	});

	it('shows the Overview at 80×24: sources, totals, latency, alerts, a chart, nothing wider than the terminal', async () => {
		app = await renderApp(session, {columns: 80, rows: 24});
		const frame = await app.waitFor('Throughput');
		expect(frame).toContain('[1 Overview]');
		expect(frame).toContain('shop.jsonl  ✓ finished');
		expect(frame).toContain('16 total');
		expect(frame).toContain('✓ replay finished');
		expect(frame).toMatch(/Alerts {2}✗ \d+ firing/);
		expectFits(frame, 80, 24);
	});

	it('uses the room at 200×60: both charts side by side', async () => {
		app = await renderApp(session, {columns: 200, rows: 60});
		const frame = await app.waitFor(text => text.includes('Throughput') && text.includes('Delivery p99 over time'));
		const titles = frame.split('\n').find(line => line.includes('Throughput'))!;
		expect(titles).toContain('Delivery p99 over time');
		expectFits(frame, 200, 60);
		expect(frame.split('\n').length).toBeGreaterThan(40);
	});

	it('switches panes with digits, Tab and Shift-Tab', async () => {
		app = await renderApp(session);
		await app.waitFor('[1 Overview]');
		await app.press('2');
		let frame = await app.waitFor('[2 Topics]');
		expect(frame).toContain('orders.created');
		expect(frame).toContain('payment.transactions');
		expectFits(frame, 80, 24);
		await app.press(TAB);
		await app.waitFor('[3 Messages]');
		await app.press(TAB);
		frame = await app.waitFor('[4 Alerts]');
		expect(frame).toContain('fraud.amount');
		await app.press(SHIFT_TAB, SHIFT_TAB, SHIFT_TAB);
		await app.waitFor('[1 Overview]');
	});

	it('filters the Messages tail with the filter language; a bad filter says why; Esc cancels, then clears', async () => {
		app = await renderApp(session, {columns: 120, rows: 60});
		await app.press('3');
		let frame = await app.waitFor('16 in tail');
		expect(frame).toContain('OrderCompleted');
		await app.press('/', 'status:error', ENTER);
		frame = await app.waitFor('filter: status:error ·');
		expect(frame).toContain('PaymentDeclined');
		expect(frame).not.toContain('OrderCompleted');
		expect(frame).toContain('1 matching · searched all 16 stored events');

		await app.press('/');
		await app.waitFor('/▏');
		await app.press('amount>lots', ENTER);
		frame = await app.waitFor('✗ expected a number');
		expect(frame).toContain('/amount>lots▏');
		await app.press(ESC);
		frame = await app.waitFor(text => !text.includes('/amount>lots'));
		expect(frame).toContain('filter: status:error ·');
		await app.press(ESC);
		frame = await app.waitFor('no filter (/ filters)');
		expect(frame).toContain('OrderCompleted');
	});

	it('opens a transaction with :tx by any of its ids, marks slow hops and errors in words, and Esc goes back', async () => {
		app = await renderApp(session);
		await app.press('2');
		await app.waitFor('[2 Topics]');
		await app.press(':', 'tx TXN-1', ENTER);
		let frame = await app.waitFor('Transaction TXN-1');
		expect(frame).toContain('5 events');
		expect(frame).toContain('ORD-1');
		expect(frame).toContain('⚠ SLOW');
		expect(frame).toContain('ShipmentCreated');
		expect(frame).toContain('+2,500 ms');
		expect(frame).toContain('"key": "ORD-1"');
		expectFits(frame, 80, 24);
		await app.press(ESC);
		// The tab line shows [2 Topics] in the transaction view too: wait for the pane's own header.
		frame = await app.waitFor('Topics · 6 ·');
		expect(frame).not.toContain('Transaction TXN-1');

		await app.press(':', 'tx TXN-2', ENTER);
		frame = await app.waitFor('Transaction TXN-2');
		expect(frame).toContain('outcome ✗ error');
		expect(frame).toContain('✗ ERROR');
	});

	it('shows one topic\'s messages with :topic and with Enter on the Topics pane', async () => {
		app = await renderApp(session, {columns: 120, rows: 40});
		await app.press(':', 'topic payment.transactions', ENTER);
		let frame = await app.waitFor('3 matching · searched all 16 stored events');
		expect(frame).toContain('filter: topic:payment.transactions ·');
		expect(frame).toContain('PaymentDeclined');
		expect(frame).not.toContain('OrderCreated');
		await app.press('2');
		await app.waitFor('[2 Topics]');
		await app.press('j', 'j', ENTER);
		frame = await app.waitFor('filter: topic:orders.completed ·');
		expect(frame).toContain('1 matching · searched all 16 stored events');
		expect(frame).toContain('OrderCompleted');
	});

	it('says so when :tx finds nothing, and explains unknown commands', async () => {
		app = await renderApp(session);
		await app.press(':', 'tx NOPE-9', ENTER);
		const missing = await app.waitFor('✗ no stored event has the id "NOPE-9"');
		// Nothing to open: the view stays where it was.
		expect(missing).toContain('[1 Overview]');
		expect(missing).not.toContain('Transaction NOPE-9');
		// Keys that arrive in one read (a paste, fast typing over SSH) edit as if typed one by one: Ctrl-U kills "abc".
		await app.press(':', 'abc\u0015tx ORD-1');
		await app.waitFor(':tx ORD-1▏');
		await app.press(ESC);
		// The next look-up that works leaves the failed one's notice behind, and so does stepping back.
		await app.press(':', 'tx ORD-1', ENTER);
		expect(await app.waitFor('Transaction ORD-1')).not.toContain('NOPE-9');
		await app.press(':', 'tx NOPE-9', ENTER);
		await app.waitFor('✗ no stored event has the id "NOPE-9"');
		await app.press(ESC);
		// Back on the Overview (its tab line shows `[1 Overview]` inside the transaction view too): the notice went with it.
		expect(await app.waitFor(frame => frame.includes('[1 Overview]') && !frame.includes('› transaction'))).not.toContain('NOPE-9');
		await app.press(':', 'frob', ENTER);
		expect(await app.waitFor('✗ unknown command ":frob"')).toContain('[1 Overview]');
	});

	it('opens the transaction of the selected message with Enter', async () => {
		app = await renderApp(session);
		await app.press('3');
		await app.waitFor('16 in tail');
		expectFits(app.frame(), 80, 24);
		await app.press('g', ENTER);
		const frame = await app.waitFor('Transaction ORD-1');
		expect(frame).toContain('› transaction ORD-1');
		await app.press(ESC);
		await app.waitFor('[3 Messages]');
	});

	it('opens an alert\'s example transaction with Enter and acknowledges with a', async () => {
		app = await renderApp(session, {columns: 120, rows: 30});
		await app.press('4');
		let frame = await app.waitFor('fraud.amount');
		expectFits(frame, 120, 30);
		const line = frame.split('\n').findIndex(text => text.includes('fraud.amount'));
		const selected = frame.split('\n').findIndex(text => text.startsWith('▶'));
		await app.press(...Array.from({length: line - selected}, () => 'j'));
		await app.waitFor(text => text.split('\n').some(row => row.startsWith('▶') && row.includes('fraud.amount')));
		await app.press('a');
		frame = await app.waitFor('acknowledged fraud.amount');
		await app.waitFor('· ack');
		expect(session.store.alerts().find(alert => alert.rule === 'fraud.amount')?.acknowledged).toBe(true);
		await app.press(ENTER);
		frame = await app.waitFor('Transaction ORD-3');
		expect(frame).toContain('2 events');
		expect(frame).toContain('PaymentAuthoriz');
	});

	it('shows help generated from the bindings and closes it with Esc', async () => {
		app = await renderApp(session);
		await app.press('?');
		let frame = await app.waitFor('Help · every key');
		expect(frame).toContain('cycle the time window: 10s, 1m, 5m, 15m, 1h');
		expect(frame).toContain('more lines');
		await app.press('G');
		frame = await app.waitFor('close the help');
		expectFits(frame, 80, 24);
		await app.press(ESC);
		await app.waitFor('[1 Overview]');
	});

	it('shows escape sequences from messages as text, never sends them to the terminal', async () => {
		app = await renderApp(session, {columns: 120, rows: 40});
		await app.press('3');
		await app.waitFor('[3 Messages]');
		await app.press('/', 'id:EVIL-1', ENTER);
		let frame = await app.waitFor('Probe');
		expect(frame).toContain('evil\\e]0;pwned\\atopic');
		await app.press('/', 'id:ORD-3 type:OrderCreated', ENTER);
		frame = await app.waitFor('"note"');
		expect(frame).toContain('"note": "\\u001b]0;pwned\\u0007 gift"');
		for (const each of app.frames) expect(each).not.toMatch(/\u001B\]0;|\u0007/);
	});

	it('changes the window with w and :window, and reports replay speed changes', async () => {
		app = await renderApp(session, {columns: 120});
		await app.waitFor('window 1m');
		await app.press('w');
		await app.waitFor('window 5m');
		await app.press(':', 'window 15m', ENTER);
		await app.waitFor('window 15m');
		await app.press('-');
		await app.waitFor('✓ replay speed 100×');
		expect(session.replay.speed()).toBe(100);
		await app.press('+');
		await app.waitFor('✓ replay speed max');
	});

	it('sends the selected event\'s JSON with c (OSC 52) and says it is unconfirmed, not copied', async () => {
		app = await renderApp(session);
		await app.press('3');
		await app.waitFor('16 in tail');
		await app.press('g', 'c');
		const frame = await app.waitFor('sent to the clipboard');
		expect(frame).toMatch(/→ event \d+ sent to the clipboard \(OSC 52\), unconfirmed: paste to check/);
		expect(frame).not.toContain('copied');
		expect(app.raw).toHaveLength(1);
		const payload = app.raw[0]!.slice('\u001B]52;c;'.length, -1);
		const copied = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as {topic: string; type: string; ids: string[]};
		expect(copied).toMatchObject({topic: 'orders.created', type: 'OrderCreated'});
		expect(copied.ids).toContain('ORD-1');
	});

	it('inside tmux, wraps the OSC 52 for tmux passthrough too and says it went through tmux', async () => {
		app = await renderApp(session, {terminal: {isTTY: true, env: {TERM: 'tmux-256color', TMUX: '/tmp/tmux-0/default,1,0'}}});
		await app.press('3');
		await app.waitFor('16 in tail');
		await app.press('g', 'c');
		const frame = await app.waitFor('sent via tmux');
		expect(frame).toMatch(/→ event \d+ sent via tmux \(OSC 52\), unconfirmed: needs tmux set-clipboard on/);
		const [plain, wrapped] = app.raw[0]!.split('\u0007');
		expect(plain).toMatch(/^\u001B\]52;c;[A-Za-z\d+/=]+$/);
		expect(wrapped).toBe(`\u001BPtmux;\u001B${plain}`);
		expect(app.raw[0]!.endsWith('\u0007\u001B\\')).toBe(true);
	});

	it('says the event was not copied, and sends nothing, on TERM=dumb or when the output is not a terminal', async () => {
		for (const [terminal, words] of [
			[{isTTY: true, env: {TERM: 'dumb'}}, 'not copied: TERM=dumb has no clipboard escape (OSC 52)'],
			[{isTTY: false, env: {TERM: 'xterm-256color'}}, 'not copied: the output is not a terminal (no OSC 52 clipboard)'],
		] as const) {
			app = await renderApp(session, {terminal});
			await app.press('3');
			await app.waitFor('16 in tail');
			await app.press('g', 'c');
			expect(await app.waitFor(words)).toMatch(new RegExp(`✗ event \\d+ ${words.replaceAll(/[()]/g, '\\$&')}`));
			expect(app.raw).toEqual([]);
			app.unmount();
			app = undefined;
		}
	});

	it('adapts when the terminal is resized', async () => {
		app = await renderApp(session, {columns: 80, rows: 24});
		await app.press('3');
		await app.waitFor('16 in tail');
		const stdout = app.stdout as unknown as NodeJS.EventEmitter;
		Object.defineProperty(stdout, 'columns', {value: 160, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: 50, configurable: true});
		stdout.emit('resize');
		// At 160 columns the Messages pane puts the event's JSON beside the tail instead of under it.
		const sideBySide = (text: string) => text.split('\n').some(line => line.includes('✓ ORD-1') && line.includes('"partition": 0'));
		let frame = await app.waitFor(sideBySide);
		expectFits(frame, 160, 50);
		Object.defineProperty(stdout, 'columns', {value: 80, configurable: true});
		Object.defineProperty(stdout, 'rows', {value: 24, configurable: true});
		stdout.emit('resize');
		frame = await app.waitFor(text => !sideBySide(text) && text.includes('"partition": 0'));
		expectFits(frame, 80, 24);
	});

	it('quits with q and with :q', async () => {
		app = await renderApp(session);
		await app.waitFor('[1 Overview]');
		await app.press('q');
		expect(app.quits()).toBe(1);
		app.unmount();
		app = await renderApp(session);
		await app.press(':', 'q', ENTER);
		expect(app.quits()).toBe(1);
	});
});

describe('TUI while events arrive', () => {
	it('space pauses the view while ingest goes on, and nothing is lost on resume', async () => {
		const session = await fixtureSession({run: false});
		const app = await renderApp(session, {columns: 100});
		try {
			await app.press('3');
			await app.waitFor('[3 Messages]');
			await app.press(' ');
			await app.waitFor('‖ PAUSED');
			await session.engine.run();
			let frame = await app.waitFor('+16 new');
			expect(frame).toContain('0 in tail');
			expect(frame).toContain('‖ paused');
			await app.press(' ');
			frame = await app.waitFor('16 in tail');
			expect(frame).not.toContain('PAUSED');
			expect(frame).toContain('▼ following');
		} finally {
			app.unmount();
			await session.close();
		}
	});

	it('r records what arrives to a file until pressed again, the file\'s name whole at 80 columns', async () => {
		const session = await fixtureSession({run: false});
		const app = await renderApp(session, {columns: 80});
		try {
			await app.press('r');
			const started = await app.waitFor('recording to pubsub-tools-2026-01-15T10-00-00Z.jsonl; r stops · in ');
			// The status line says REC and keeps its figures; the file's name goes first when there is no room.
			expect(started.split('\n')[0]).toMatch(/^● REC │ .*ev\/s │ 0 events/);
			await session.engine.run();
			await app.press('r');
			await app.waitFor('recorded 16 events to');
			const file = path.join(app.recordings, 'pubsub-tools-2026-01-15T10-00-00Z.jsonl');
			const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
			expect(lines).toHaveLength(17);
			expect(JSON.parse(lines[0]!)).toMatchObject({$recording: {version: 1, source: 'test'}});
			expect(app.frame()).not.toContain('● REC');
		} finally {
			app.unmount();
			await session.close();
		}
	});
});
