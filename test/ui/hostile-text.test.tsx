// Text that Ink measures as no cells but a terminal draws (a lone surrogate reaches it as U+FFFD, the soft hyphen and
// the Hangul fillers take cells in tmux): at 80×24 every row stays within 80 cells as the terminal counts them, so
// none wraps and the status line stays on the top row.
import fs from 'node:fs';
import path from 'node:path';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {expectFitsTerminal, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {useTempDir as tempDirPerTest} from '../support/temp-dir.js';

const temp = tempDirPerTest('pubsub-hostile-');

// Written as JSON escapes: JSON.stringify would keep a lone surrogate as `\ud800` too, but the line says it plainly.
const lines = [
	String.raw`{"topic":"sur.\ud800","value":{"type":"Lone\udfff","orderId":"ORD-\ud800lone\udc00end"},"timestamp":"2026-01-15T10:00:01.000Z","recordedAt":"2026-01-15T10:00:01.020Z"}`,
	String.raw`{"topic":"pay\u00adments\u3164","value":{"type":"Paid\u115f","orderId":"ORD-\u3164\u3164\uffa0"},"timestamp":"2026-01-15T10:00:02.000Z","recordedAt":"2026-01-15T10:00:02.020Z"}`,
	// A topic too long for its column: the column takes all the room it can, so every row is as wide as the terminal.
	String.raw`{"topic":"orders.${'x'.repeat(120)}","value":{"type":"OrderCreated${'y'.repeat(60)}","orderId":"ORD-${'z'.repeat(100)}"},"timestamp":"2026-01-15T10:00:02.500Z","recordedAt":"2026-01-15T10:00:02.520Z"}`,
	String.raw`{"topic":"orders.plain","value":{"type":"OrderCreated","orderId":"ORD-1"},"timestamp":"2026-01-15T10:00:03.000Z","recordedAt":"2026-01-15T10:00:03.020Z"}`,
];

/** Cells a line takes in tmux: what string-width counts, plus what it counts as none that tmux draws. */
const terminalCells = (line: string) => stringWidth(line.replaceAll(/[\uD800-\uDFFF]/g, '?').replaceAll(/[\u00AD\uFFA0]/g, '-').replaceAll(/[\u115F\u3164]/g, '注'));

function expectFitsRealTerminal(frame: string): void {
	expectFitsTerminal(frame, 80, 24);
	for (const line of frame.split('\n')) expect(terminalCells(line), line).toBeLessThanOrEqual(80);
	expect(frame).not.toMatch(/[\uD800-\uDFFF\u00AD\u115F\u3164\uFFA0]/);
}

describe('text Ink measures as no cells, at 80×24', () => {
	const held = sessionPerBlock(async () => {
		const file = path.join(temp.path, 'hostile.jsonl');
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		return replaySession(file, {run: true});
	});

	it('Topics, Messages and :group keep every row within the width, the lone surrogate and the fillers shown escaped', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press('2');
		let frame = await app.waitFor(text => text.includes('[2 Topics]') && text.includes('orders.plain'));
		expectFitsRealTerminal(frame);
		expect(frame).toContain('sur.\\ud800');
		expect(frame).toContain('pay\\u00adments\\u3164');

		await app.press('3');
		frame = await app.waitFor(text => text.includes('[3 Messages]') && text.includes('ORD-1'));
		expectFitsRealTerminal(frame);

		await app.press(':', ...'group orderId', '\r');
		frame = await app.waitFor(text => text.includes('Group by orderId') && text.includes('ORD-1'));
		expectFitsRealTerminal(frame);
		expect(frame).toContain('ORD-\\u3164\\u3164\\uffa0');
	});
});

describe('a transaction step with a very long type, at 80×24', () => {
	const held = sessionPerBlock(async () => {
		const file = path.join(temp.path, 'long-type.jsonl');
		const events = [
			{topic: 'orders.created', type: 'OrderCreated', second: 0, status: 'ok'},
			{topic: 'payment.transactions', type: `PaymentFailed${'X'.repeat(200)}`, second: 1, status: 'error'},
			{topic: 'orders.completed', type: 'OrderCancelled', second: 2, status: 'ok'},
		];
		fs.writeFileSync(file, `${events.map(({topic, type, second, status}) => JSON.stringify({topic, value: {type, orderId: 'ORD-LONG', status}, timestamp: `2026-01-15T10:00:0${second}.000Z`, recordedAt: `2026-01-15T10:00:0${second}.020Z`})).join('\n')}\n`);
		return replaySession(file, {run: true});
	});

	it('cuts the type, not the marks: the failed slow step still says ⚠ SLOW ✗ ERROR', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', ...'tx ORD-LONG', '\r');
		const frame = await app.waitFor('Transaction ORD-LONG');
		expectFitsTerminal(frame, 80, 24);
		const step = frame.split('\n').find(line => line.includes('10:00:01.000'));
		expect(step).toMatch(/ PaymentFailedX+… ⚠ SLOW ✗ ERROR$/);
	});
});

describe('a long command line of wide characters, at 80×24', () => {
	const held = sessionPerBlock(async () => {
		const file = path.join(temp.path, 'prompt.jsonl');
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		return replaySession(file, {run: true});
	});

	it('keeps the cursor and what was just typed in view', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', `tx ORD-${'Y'.repeat(70)}注文注文注文🇫🇷`);
		const frame = await app.waitFor(text => text.split('\n').at(-1)!.startsWith(':'));
		expect(frame.split('\n').at(-1)).toMatch(/^:….*注文注文注文🇫🇷▏/);
		for (const line of frame.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
	});
});

describe('a bad filter quoting wide characters, at 80×24', () => {
	const held = sessionPerBlock(async () => {
		const file = path.join(temp.path, 'bad-filter.jsonl');
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		return replaySession(file, {run: true});
	});

	it('shows the whole error, as it does one in ASCII: the typed text gives way', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press('3', '/', 'amount>注文注文', '\r');
		const frame = await app.waitFor(text => text.includes('✗ expected a number'));
		const footer = frame.split('\n').at(-1)!;
		expect(footer).toMatch(/✗ expected a number after "amount>", got "注文注文" at column \d+$/);
		expect(stringWidth(footer)).toBeLessThanOrEqual(80);
	});
});
