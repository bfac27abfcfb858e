// The real TUI in a real terminal (tmux): Ctrl-C pressed three times while the r key records quits cleanly, the
// later presses landing while it closes: the recording whole, the temporary store removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-quit-twice-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

describe.skipIf(tmuxSkipReason())('Ctrl-C again while the TUI quits', () => {
	let home: string;

	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-quit-twice-'));
		// A pane whose process ended stays, with its exit status.
		tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
		tmux('set-option', '-g', 'remain-on-exit', 'on');
	});

	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	it('ends with a recording of whole lines and no temporary store left', async () => {
		const tmp = fs.mkdtempSync(path.join(home, 'tmp-'));
		const recs = path.join(home, 'recs');
		const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, `TMPDIR=${tmp}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'replay', path.join(root, 'recordings/ecommerce.jsonl.gz'), '--speed', '10', '--record-dir', recs].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'tui', '-x', '200', '-y', '40', `exec ${command}`);
		await waitForScreen('tui', 'orders.created', {timeoutMs: limit(60_000)});
		tmux('send-keys', '-t', 'tui', 'r');
		await waitForScreen('tui', 'recording to ');
		// A store of some size: closing it takes long enough for the later presses to land while it closes.
		await vi.waitFor(() => {
			const [file] = fs.readdirSync(recs);
			if (fs.statSync(path.join(recs, file!)).size < 2_000_000) throw new Error('recording still small');
		}, {timeout: limit(60_000), interval: 100});
		for (let press = 0; press < 3; press++) {
			tmux('send-keys', '-t', 'tui', 'C-c');
			await new Promise(resolve => setTimeout(resolve, 20));
		}

		await vi.waitFor(() => {
			if (tmux('list-panes', '-t', 'tui', '-F', '#{pane_dead}').trim() !== '1') throw new Error('the TUI still runs');
		}, {timeout: limit(30_000), interval: 100});
		// Killed by the second Ctrl-C, it left its temporary store behind (tmux does not always learn the exit status).
		await vi.waitFor(() => {
			expect(fs.readdirSync(tmp)).toEqual([]);
		}, {timeout: limit(5000), interval: 100});
		const [file] = fs.readdirSync(recs);
		const lines = fs.readFileSync(path.join(recs, file!), 'utf8').split('\n');
		expect(lines.at(-1)).toBe('');
		expect(lines.length).toBeGreaterThan(2);
		for (const line of lines.slice(0, -1)) JSON.parse(line);
	});
});
