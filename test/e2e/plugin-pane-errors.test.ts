// A stranger's plugin loaded with --plugin into the real TUI (tmux, 80×24): a pane that throws while drawing, or from a
// key action, used to end the TUI (`pubsub-tools: unexpected error: Error: render boom`, exit 1); a pane whose `load`
// gave undefined (a misspelt export) failed with React's minified error #130. Now the pane is switched off in its place
// with a line saying so, as a stage that throws is, and the TUI goes on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {limit} from '../support/limits.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-plugin-pane-errors-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** The plugin, as docs/plugin-api.md tells one to write it in a project with pubsub-tools installed. */
const plugin = `
import {createElement} from 'react';
import {Text} from 'ink';
import {usePaneKeys} from 'pubsub-tools/plugin-api';

const bindings = [{keys: ['x'], label: 'x', description: 'explode', action: 'explode'}];

function Keys({focused}) {
	usePaneKeys(bindings, focused, () => {
		throw new Error('key boom');
	});
	return createElement(Text, null, 'x explodes');
}

export default {
	name: 'fragile-panes',
	apiVersion: 1,
	setup(context) {
		context.registerPane({id: 'boom', title: 'Boom', key: '7', bindings: [], render: () => {
			throw new Error('render boom');
		}});
		context.registerPane({id: 'keys', title: 'Keys', key: '8', bindings, render: Keys});
	},
};
`;

/** A plugin whose pane's `load` names an export its module does not have. */
const misspelt = `
export const Pane = () => null;
export default {name: 'misspelt', apiVersion: 1, setup(context) {
	context.registerPane({id: 'typo', title: 'Typo', bindings: [], load: async () => (await import('./misspelt.mjs')).Pnae});
}};
`;

describe.skipIf(tmuxSkipReason())('a plugin pane that throws, in the real TUI', () => {
	let home: string;
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-plugin-pane-errors-'));
		// A project with pubsub-tools installed: the plugin imports it, react and ink by their package names.
		fs.mkdirSync(path.join(home, 'node_modules'));
		fs.symlinkSync(root, path.join(home, 'node_modules/pubsub-tools'), 'dir');
		for (const name of ['react', 'ink']) fs.symlinkSync(path.join(root, 'node_modules', name), path.join(home, 'node_modules', name), 'dir');
		fs.writeFileSync(path.join(home, 'fragile.mjs'), plugin);
		fs.writeFileSync(path.join(home, 'misspelt.mjs'), misspelt);
		tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
	});
	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	/** A replay of the bundled recording with `plugin` in an 80×24 session named `session`. */
	const replay = (session: string, plugin: string) => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
			process.execPath, cli, 'replay', path.join(root, 'recordings/ecommerce.jsonl.gz'), '--speed', '5', '--ephemeral', '--plugin', plugin,
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', '-c', home, `${command}; echo "exit status $?"; sleep 600`);
	};

	it('is switched off in its place with a line saying why; the other panes and q go on', async () => {
		replay('tui', './fragile.mjs');
		await waitForScreen('tui', '[1 Overview]', {timeoutMs: limit(60_000)});
		tmux('send-keys', '-t', 'tui', '7');
		expect(await waitForScreen('tui', 'plugin "fragile-panes", pane "boom" stopped: it threw render boom')).toContain('[7 Boom]');
		tmux('send-keys', '-t', 'tui', '8');
		await waitForScreen('tui', 'x explodes');
		tmux('send-keys', '-t', 'tui', 'x');
		await waitForScreen('tui', 'pane "keys" stopped: it threw key boom');
		tmux('send-keys', '-t', 'tui', '2');
		await waitForScreen('tui', 'Enter shows a topic\'s messages');
		tmux('send-keys', '-t', 'tui', 'q');
		const shown = await waitForScreen('tui', 'exit status');
		expect(shown).toContain('exit status 0');
		expect(shown).not.toContain('unexpected error');
	}, limit(120_000));

	it('whose load gives no component is left out with a line saying so', async () => {
		replay('misspelt', './misspelt.mjs');
		await waitForScreen('misspelt', 'pane "typo": cannot be loaded: load gave undefined', {timeoutMs: limit(60_000)});
		tmux('send-keys', '-t', 'misspelt', 'q');
		expect(await waitForScreen('misspelt', 'exit status')).toContain('exit status 0');
	}, limit(120_000));
});
