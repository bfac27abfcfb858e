// Keys that arrive in one packet (typed fast over SSH, pasted) act as if typed one at a time, across a pane switch
// or the help screen closing: the keys after one that changes what has focus wait until the App has drawn it.
import {Text} from 'ink';
import {useState} from 'react';
import {describe, expect, it} from 'vitest';
import {definePlugin, usePaneKeys, type ActionBinding, type PaneProps} from '../../source/plugin-api/index.js';
import {setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {fixtureSession, renderApp, sessionPerBlock, type RenderedApp} from './support/app-harness.js';

/** Which row of the Topics table is selected (0 the first), or -1. */
function selectedTopicRow(frame: string): number {
	const lines = frame.split('\n');
	const first = lines.findIndex(line => line.startsWith('──')) + 1;
	const rows = lines.slice(first, lines.findIndex(line => line.startsWith('─ selected topic')));
	return rows.findIndex(line => line.startsWith('▶ '));
}

/** The frame once every key typed before has acted: `?` typed after them opens the help, and closes it again. */
async function afterKeysTyped(app: RenderedApp): Promise<string> {
	await app.press('?');
	await app.waitFor('In lists');
	await app.press('?');
	return app.waitFor(frame => !frame.includes('In lists'));
}

describe('keys in one packet', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('moves in the pane a pane key in the same packet switched to', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2jj');
		await held.app.waitFor(frame => frame.includes('[2 Topics]') && selectedTopicRow(frame) > 0);
		expect(selectedTopicRow(await afterKeysTyped(held.app))).toBe(2);
	});

	it('moves in a pane visited before, after the help screen closed in the same packet', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2');
		await held.app.waitFor('─ selected topic');
		await held.app.press('j1?');
		await held.app.waitFor('In lists');
		await held.app.press('?2j');
		await held.app.waitFor(frame => frame.includes('[2 Topics]') && selectedTopicRow(frame) > 1);
		expect(selectedTopicRow(await afterKeysTyped(held.app))).toBe(2);
	});
});

/** The line of the frame where a prompt is typed (`:…` or `/…` at the start of the last lines), or undefined. */
function promptLine(frame: string): string | undefined {
	return frame.split('\n').slice(-2).find(line => /^[:/]/.test(line));
}

// Esc then another key, typed apart but arriving together (a latency spike over SSH), reach the terminal as one
// "Meta+key" sequence; the TUI binds no Meta keys, so they act as Esc followed by the key, in the App and the panes.
describe('Esc and the next key in one packet', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('Esc then a key cancels the prompt, then the key acts', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press(':bogus');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith(':bogus') === true);
		await held.app.press('\u001B2');
		const frame = await held.app.waitFor('─ selected topic');
		expect(promptLine(frame)).toBeUndefined();
	});

	it('Esc then `:` opens a fresh command prompt instead of typing `:` into the open one', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press(':bogus');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith(':bogus') === true);
		await held.app.press('\u001B:x');
		expect(promptLine(await held.app.waitFor(frame => promptLine(frame)?.startsWith(':x') === true))).not.toContain('bogus');
	});

	it('Esc then Enter cancels the prompt instead of running it', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press(':bogus');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith(':bogus') === true);
		await held.app.press('\u001B\r');
		await held.app.waitFor(frame => promptLine(frame) === undefined);
		expect(await afterKeysTyped(held.app)).not.toContain('bogus');
	});

	it('Esc then an arrow (CSI or SS3) cancels the prompt, then moves in the pane', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2');
		await held.app.waitFor('─ selected topic');
		await held.app.press('/abc');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith('/abc') === true);
		await held.app.press('\u001B\u001B[B');
		expect(selectedTopicRow(await held.app.waitFor(frame => promptLine(frame) === undefined && selectedTopicRow(frame) === 1))).toBe(1);
		await held.app.press('/abc');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith('/abc') === true);
		await held.app.press('\u001B\u001BOB');
		expect(selectedTopicRow(await held.app.waitFor(frame => promptLine(frame) === undefined && selectedTopicRow(frame) === 2))).toBe(2);
	});

	it('Esc Esc cancels the prompt, then clears the applied filter', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('3', '/', 'status:error', '\r');
		await held.app.waitFor(frame => frame.includes('filter: status:error') && promptLine(frame) === undefined);
		await held.app.press('/abc');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith('/abc') === true);
		await held.app.press('\u001B\u001B');
		const frame = await held.app.waitFor(frame => promptLine(frame) === undefined && !frame.includes('filter: status:error'));
		expect(frame).toContain('[3 Messages]');
	});

	it('a plugin pane gets Esc and the key after it as two keys, as the App does', async () => {
		const bindings: Array<ActionBinding<'note'>> = [{action: 'note', keys: ['x', 'up'], label: 'x ↑', description: 'note the key'}];
		const KeyLog = ({focused}: PaneProps) => {
			const [log, setLog] = useState<string[]>([]);
			usePaneKeys(bindings, focused, (_action, key) => {
				setLog(keys => [...keys, key]);
			});
			return <Text>{`keys got: ${log.join(' ')}.`}</Text>;
		};

		const plugin = definePlugin({name: 'key-log', apiVersion: 1, setup(context) {
			context.registerPane({id: 'key-log', title: 'Key log', bindings, render: KeyLog});
		}});
		held.app = await renderApp(held.session, {columns: 80, rows: 24, plugins: setUpPlugins([builtInPanes, plugin], [])});
		await held.app.press('5');
		await held.app.waitFor('keys got: .');
		await held.app.press(':bogus');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith(':bogus') === true);
		await held.app.press('\u001Bx');
		await held.app.waitFor(frame => promptLine(frame) === undefined && frame.includes('keys got: x.'));
		await held.app.press('/abc');
		await held.app.waitFor(frame => promptLine(frame)?.startsWith('/abc') === true);
		await held.app.press('\u001B\u001B[A');
		await held.app.waitFor(frame => promptLine(frame) === undefined && frame.includes('keys got: x up.'));
	});

	it('escape sequences of one key still act as that key: arrows, Home, End, after a pane key in the same packet', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('2\u001B[B\u001BOB');
		await held.app.waitFor(frame => selectedTopicRow(frame) === 2);
		await held.app.press('\u001B[H');
		await held.app.waitFor(frame => selectedTopicRow(frame) === 0);
		await held.app.press('\u001B[F');
		const last = selectedTopicRow(await held.app.waitFor(frame => selectedTopicRow(frame) > 2));
		await held.app.press('\u001B[1~');
		await held.app.waitFor(frame => selectedTopicRow(frame) === 0);
		await held.app.press('\u001B[4~\u001B[A');
		await held.app.waitFor(frame => selectedTopicRow(frame) === last - 1);
		await held.app.press('\u001B');
		expect(held.app.frame()).toContain('[2 Topics]');
	});
});
