// Keys typed while the TUI starts, in a real terminal (tmux): before Ink reads the terminal, the program opens the
// store, loads plugins and the UI. A plugin that takes its time to load holds the start open and says when it is
// being loaded, so the keys are typed then: they must not be echoed onto the screen, and must act once the TUI is
// up (`4` opens Alerts, `q` quits). Ctrl-C or an error at start leaves the terminal as it was (echo on).
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {pluginApiVersion} from '../../source/plugin-api/plugin.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
/** A large recording: tens of thousands of events, so the start has real work to do. */
const recording = path.join(root, 'recordings/ecommerce.jsonl.gz');

const socket = `pubsub-startup-keys-${process.pid}`;
const {tmux, screen, waitForScreen, stop} = tmuxServer(socket);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

describe.skipIf(tmuxSkipReason())('keys typed while the TUI starts', () => {
	let work: string;
	let plugin: string;

	/** Start `replay` on the large recording with the slow plugin; resolves once the plugin is being loaded (the start is under way). */
	const start = async (session: string, extra: string[] = [], {args = ['replay', recording, '--speed', 'max'], before = '', after = ''} = {}) => {
		const mark = path.join(work, `${session}.loading`);
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${work}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', `SLOW_PLUGIN_MARK=${mark}`,
			process.execPath, cli, ...args, '--plugin', plugin, ...extra,
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `${before}printf 'shell before the TUI\\n'; ${command}; printf 'exit=%s\\n' $?; ${after}sleep 60`);
		await vi.waitFor(() => {
			if (!fs.existsSync(mark)) throw new Error(`${session}: the plugin is not being loaded yet; screen:\n${screen(session)}`);
		}, {timeout: limit(20_000), interval: 20});
	};

	const typed = (session: string, text: string) => tmux('send-keys', '-t', session, '-l', text);
	/** The modes of a session's terminal as `stty -a` says them (`-echo` when echo is off). */
	const ttyModes = (session: string) => execFileSync('stty', ['-F', tmux('display', '-p', '-t', session, '#{pane_tty}').trim(), '-a'], {encoding: 'utf8'});
	/** The screen's lines from the shell's first one, blank lines left out. */
	const shellLines = (shown: string) => shown.split('\n').map(line => line.trimEnd()).filter(line => line !== '');

	beforeAll(() => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-startup-keys-'));
		plugin = path.join(work, 'slow-plugin.mjs');
		// Says when it starts loading, then keeps the start waiting for a second and a half.
		fs.writeFileSync(plugin, [
			"import fs from 'node:fs';",
			"fs.writeFileSync(process.env.SLOW_PLUGIN_MARK, 'loading');",
			'await new Promise(resolve => setTimeout(resolve, 1500));',
			`export default {name: 'slow-start', apiVersion: ${pluginApiVersion}, setup() {}};`,
		].join('\n'));
	});

	afterAll(() => {
		stop();
		fs.rmSync(work, {recursive: true, force: true});
	});

	it('are not echoed while it starts and act once it is up: 4 opens Alerts, q quits, nothing left on the screen', async () => {
		await start('four');
		// Echo is off already while it starts: a key typed now is not written onto the screen, where the TUI is not drawn yet.
		expect(ttyModes('four')).toMatch(/(?:^|\s)-echo(?:\s|$)/m);
		typed('four', '4');
		await waitForScreen('four', '[4 Alerts]');
		typed('four', 'q');
		const shown = await waitForScreen('four', 'exit=0');
		expect(shellLines(shown)).toEqual(['shell before the TUI', 'exit=0']);
	});

	it('q typed while it starts quits once it is up, with no q left on the screen', async () => {
		await start('quit');
		typed('quit', 'q');
		const shown = await waitForScreen('quit', 'exit=');
		expect(shellLines(shown)).toEqual(['shell before the TUI', 'exit=0']);
	});

	it('Ctrl-C while it starts stops it at once and gives the terminal back: what is typed next is echoed again', async () => {
		await start('interrupt');
		typed('interrupt', 'x');
		tmux('send-keys', '-t', 'interrupt', 'C-c');
		await waitForScreen('interrupt', 'exit=130', {timeoutMs: 5000});
		typed('interrupt', 'echoed');
		const shown = await waitForScreen('interrupt', 'echoed');
		expect(shellLines(shown)).toEqual(['shell before the TUI', 'exit=130', 'echoed']);
	});

	it('an error at start gives the terminal back: the error is said and what is typed next is echoed again', async () => {
		const config = path.join(work, 'broken.yaml');
		fs.writeFileSync(config, 'alerts: [\n');
		await start('error', ['--config', config]);
		typed('error', 'x');
		await waitForScreen('error', 'exit=2');
		typed('error', 'echoed');
		const lines = shellLines(await waitForScreen('error', 'echoed'));
		// The x typed at start was not echoed before the error.
		expect(lines[0]).toBe('shell before the TUI');
		expect(lines[1]).toMatch(/^pubsub-tools: .*not valid YAML/);
		expect(lines.slice(-2)).toEqual(['exit=2', 'echoed']);
	});

	// `monitor --alerts-out -` streams alerts to the terminal instead of opening the TUI: nothing in it reads keys, so
	// what is typed meanwhile is the shell's, as if the program had never held the keyboard: echoed as typed, read by
	// the shell once the run ends, and Ctrl-C the terminal's own interrupt. The keys used to be read while its
	// plugins loaded, then dropped when its flags said "no TUI".
	const alertsOut = ['monitor', '--source', path.join(root, 'recordings/fraud.jsonl'), '--alerts-out', '-'];

	it('a run that turns out headless leaves what is typed to the shell: a line typed ahead is read after it', async () => {
		await start('ahead', [], {args: alertsOut, after: 'read -r line; printf \'read=%s\\n\' "$line"; '});
		typed('ahead', 'typed ahead');
		tmux('send-keys', '-t', 'ahead', 'Enter');
		const shown = await waitForScreen('ahead', 'read=', {timeoutMs: limit(20_000)});
		expect(shown).toContain('exit=0');
		expect(shellLines(shown).at(-1)).toBe('read=typed ahead');
	});

	it('a run that turns out headless stops on Ctrl-C typed while it starts, exit 130, the terminal as it was', async () => {
		// The shell ignores the interrupt the terminal sends its whole foreground group (node sets its own signals back).
		await start('headless-interrupt', [], {args: alertsOut, before: 'trap "" INT; '});
		tmux('send-keys', '-t', 'headless-interrupt', 'C-c');
		await waitForScreen('headless-interrupt', 'exit=130', {timeoutMs: 5000});
		typed('headless-interrupt', 'echoed');
		// ^C is the terminal's own echo of the interrupt: the keyboard was never taken from it.
		expect(shellLines(await waitForScreen('headless-interrupt', 'echoed')).slice(-2)).toEqual(['^Cexit=130', 'echoed']);
	});
});
