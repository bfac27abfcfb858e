// The real TUI command in a real terminal (tmux): SIGTERM, or Ctrl-C typed, while it starts (its temporary store
// open, the screen not yet taken) ends it cleanly: no TUI opened, one line saying so, exit 0 as when a signal quits
// the TUI, and nothing left in TMPDIR.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {slowStartPlugin} from '../support/test-plugins.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, stop} = tmuxServer(`pubsub-start-signals-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;
const stoppedLine = 'pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP while starting, before reading its input';


describe.skipIf(tmuxSkipReason())('a stop while the TUI command starts', () => {
	let home: string;

	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-start-signals-'));
		fs.writeFileSync(path.join(home, 'slow-start.mjs'), slowStartPlugin);
		// A pane whose process ended stays, with what it printed.
		tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
		tmux('set-option', '-g', 'remain-on-exit', 'on');
	});

	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	/**
	 * Start `monitor --source RECORDING` in tmux session `name` and resolve, with its TMPDIR, once its start is held at
	 * the gate; `release()` lets the start go on. The shell around it prints its exit status; all the pane shows is
	 * also kept in a file (a capture of a pane that just ended may miss its first lines).
	 */
	async function heldAtStart(name: string): Promise<{tmp: string; pid: number; release: () => Promise<void>}> {
		const tmp = fs.mkdtempSync(path.join(home, 'tmp-'));
		const gate = path.join(home, `gate-${name}`);
		execFileSync('mkfifo', [gate]);
		const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, `TMPDIR=${tmp}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', `PUBSUB_TEST_GATE=${gate}`,
			process.execPath, cli, 'monitor', '--source', path.join(root, 'recordings/fraud.jsonl'), '--plugin', path.join(home, 'slow-start.mjs')].map(quote).join(' ');
		tmux('new-session', '-d', '-s', name, '-x', '160', '-y', '30', `${command}; echo "exit status $?"`);
		tmux('pipe-pane', '-t', name, '-o', `cat >> ${quote(path.join(home, `shown-${name}`))}`);
		const writer = await fs.promises.open(gate, 'w');
		const shell = Number(tmux('display', '-p', '-t', name, '#{pane_pid}').trim());
		const pid = Number(execFileSync('pgrep', ['-P', String(shell)], {encoding: 'utf8'}).trim());
		return {tmp, pid, release: async () => writer.close()};
	}

	/**
	 * All the pane showed once its shell has ended: with the exit status it said, if it lived to say it (a shell whose
	 * child a SIGINT killed may die of it too).
	 */
	const ended = async (name: string) => {
		await vi.waitFor(() => {
			if (tmux('display', '-p', '-t', name, '#{pane_dead}').trim() !== '1') throw new Error(`${name}: still running`);
		}, {timeout: limit(60_000), interval: 100});
		return fs.readFileSync(path.join(home, `shown-${name}`), 'utf8');
	};

	it('SIGTERM: no TUI, the line, exit 0, TMPDIR empty', async () => {
		const {tmp, pid, release} = await heldAtStart('term');
		// Pending once kill returns: the process handles it before it runs on, whenever the release comes.
		process.kill(pid, 'SIGTERM');
		await release();
		const screen = await ended('term');
		expect({exit: /exit status (\d+)/.exec(screen)?.[1], leftInTmp: fs.readdirSync(tmp)}).toEqual({exit: '0', leftInTmp: []});
		expect(screen).toContain(stoppedLine);
	}, limit(90_000));

	it('Ctrl-C typed while it starts: ends as cleanly, TMPDIR empty', async () => {
		const {tmp, release} = await heldAtStart('keys');
		tmux('send-keys', '-t', 'keys', 'C-c');
		await delay(100);
		await release();
		const screen = await ended('keys');
		expect({exit: /exit status (\d+)/.exec(screen)?.[1], leftInTmp: fs.readdirSync(tmp)}).toEqual({exit: '0', leftInTmp: []});
	}, limit(90_000));
});
