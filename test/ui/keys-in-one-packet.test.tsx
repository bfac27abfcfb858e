// Keys that arrive in one packet (typed fast over SSH, pasted) act as if typed one at a time, across a pane switch
// or the help screen closing: the keys after one that changes what has focus wait until the App has drawn it.
import {describe, expect, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';

/** Which row of the Topics table is selected (0 the first), or -1. */
function selectedTopicRow(frame: string): number {
	const lines = frame.split('\n');
	const first = lines.findIndex(line => line.startsWith('──')) + 1;
	const rows = lines.slice(first, lines.findIndex(line => line.startsWith('─ selected topic')));
	return rows.findIndex(line => line.startsWith('▶ '));
}

describe('keys in one packet', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('moves in the pane a pane key in the same packet switched to', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2jj');
		expect(selectedTopicRow(await held.app.waitFor(frame => frame.includes('[2 Topics]') && selectedTopicRow(frame) > 0))).toBe(2);
		await new Promise(resolve => setTimeout(resolve, 100));
		expect(selectedTopicRow(held.app.frame())).toBe(2);
	});

	it('moves in a pane visited before, after the help screen closed in the same packet', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2');
		await held.app.waitFor('─ selected topic');
		await held.app.press('j1?');
		await held.app.waitFor('In lists');
		await held.app.press('?2j');
		expect(selectedTopicRow(await held.app.waitFor(frame => frame.includes('[2 Topics]') && selectedTopicRow(frame) > 1))).toBe(2);
		await new Promise(resolve => setTimeout(resolve, 100));
		expect(selectedTopicRow(held.app.frame())).toBe(2);
	});
});
