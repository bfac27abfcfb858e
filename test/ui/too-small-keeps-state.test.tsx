// A terminal shrunk below 60×16 and enlarged again shows the panes as they were: the selected row, the scrolled tail.
import {describe, expect, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock, type RenderedApp} from './support/app-harness.js';

/** Resize the harness's terminal and tell the App. */
function resize(app: RenderedApp, columns: number, rows: number) {
	const stdout = app.stdout as unknown as {emit(event: string): void};
	Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
	Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
	stdout.emit('resize');
}

/** The frame's selected row (the one marked ▶). */
const selectedRow = (frame: string) => frame.split('\n').find(line => line.startsWith('▶ '));

describe('a terminal too small for a while', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('keeps the selection of every pane it hid', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2');
		const first = selectedRow(await held.app.waitFor('─ selected topic ─'));
		await held.app.press('j');
		// A frame drawn before the key was handled still shows the first row: wait for the move itself.
		const topic = selectedRow(await held.app.waitFor(frame => selectedRow(frame) !== undefined && selectedRow(frame) !== first))!;
		await held.app.press('3');
		const newest = selectedRow(await held.app.waitFor('▼ follow'));
		await held.app.press('k');
		const message = selectedRow(await held.app.waitFor(frame => frame.includes('◆ scroll') && selectedRow(frame) !== newest))!;

		resize(held.app, 50, 12);
		await held.app.waitFor('terminal too small');
		resize(held.app, 80, 24);
		expect(selectedRow(await held.app.waitFor('[3 Messages]'))).toBe(message);
		expect(held.app.frame()).toContain('◆ scroll');
		await held.app.press('2');
		expect(selectedRow(await held.app.waitFor('[2 Topics]'))).toBe(topic);
	});
});
