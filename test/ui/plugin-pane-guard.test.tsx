// Plugin panes at 80×24. A pane is held to its size and to safe text: a Text of 200,000 characters froze the TUI for
// minutes (Ink lays text out in time that grows with the square of its length) and escape sequences in a pane's own
// text reached the terminal raw; the host cuts and escapes the text of the Ink elements a pane returns. And with more
// panes than the tab line holds, every pane's digit stays on it.
import {Box, Text} from 'ink';
import {describe, expect, it} from 'vitest';
import {definePlugin} from '../../source/plugin-api/index.js';
import {setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';

const hostile = definePlugin({name: 'hostile', apiVersion: 1, setup(context) {
	context.registerPane({id: 'huge', title: 'Huge', bindings: [], render: () => (
		<Box flexDirection="column">
			<Text>{'Z'.repeat(200_000)}</Text>
			<Text>{['title \u001B]0;PWNED\u0007 red \u001B[41m', 'bidi \u202E end']}</Text>
		</Box>
	)});
}});

describe('a plugin pane', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('that draws a huge text is cut to its room, and its escape sequences never reach the terminal', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins: setUpPlugins([builtInPanes, hostile], [])});
		await held.app.press('5');
		const frame = await held.app.waitFor(text => text.includes('[5 Huge]') && text.includes('ZZZZ'));
		expect(frame).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		// The app still answers keys.
		await held.app.press('1');
		await held.app.waitFor('[1 Overview]');
	});
});

describe('the tab line with more panes than 80 columns hold', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));
	const pane = (id: string, title: string) => definePlugin({name: id, apiVersion: 1, setup(context) {
		context.registerPane({id, title, bindings: [], render: () => <Text>{title}</Text>});
	}});

	it('keeps every pane\'s digit, the others\' titles cut, the current one\'s whole', async () => {
		const plugins = setUpPlugins([builtInPanes, pane('flowish', 'Flow of payments'), pane('sagaish', 'Saga instances'), pane('ledger', 'Ledger balances'), pane('fraud', 'Fraud review')], []);
		held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins});
		await held.app.press('7');
		const frame = await held.app.waitFor('[7 Ledger balances]');
		const tabs = frame.split('\n')[1]!;
		for (const digit of ['1', '2', '3', '4', '5', '6', '8']) expect(tabs).toMatch(new RegExp(` ${digit}(?: |$)`));
		expect([...tabs].length).toBeLessThanOrEqual(80);
		// The room left keeps the start of each other title.
		expect(tabs).toMatch(/ 1 Ov/);
		expect(tabs).toMatch(/ 8 Fr/);
	});
});
