// A live headless run ended once it has read what the test put there, not after a fixed --duration: on a loaded
// machine connecting and reading took longer than 8 s (flow analyze read nothing of a topic's 14 messages). On a
// terminal the command shows its progress line ("14 events · …", source/commands/support/progress.ts): run in a
// tmux pane, it is stopped with Ctrl-C (which keeps what it read) once that line shows the count.
import fs from 'node:fs';
import path from 'node:path';
import {vi} from 'vitest';
import {cli, type CliResult} from './cli.js';
import {limit} from './limits.js';
import {tmuxServer} from './tmux.js';
import {uniqueName} from './unique-name.js';

const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** Of a run's time, what is kept for it to end after Ctrl-C. */
const endingMs = limit(30_000);

/**
 * Run `pubsub-tools ...args` in a terminal of its own (standard output to a file in `cwd`) and press Ctrl-C once its
 * progress line shows `events` events read; `args` keep a --duration as a backstop, after which the figures say what
 * was missed. Resolves with its exit code, standard output and what the terminal showed (standard error), each
 * screen it showed on the way kept with the time it was seen: a run that read nothing says when it showed what.
 * Its waits take at most `within` ms (a scaled limit, limits.ts), the last 30 s (scaled) of it for the run to end
 * after Ctrl-C; the --duration backstop must end the run before the first wait does. A test gives each run its share
 * of its own limit: a run that never ends fails here, with its screens, and its terminal is stopped (past the test's
 * limit it was left running).
 */
export async function runUntilRead(args: string[], events: number, {cwd, within}: {cwd: string; within: number}): Promise<CliResult> {
	const name = uniqueName('pubsub-live-run');
	const {tmux, screen, stop} = tmuxServer(name);
	const out = path.join(cwd, `${name}.out`);
	const command = ['env', `XDG_STATE_HOME=${path.join(cwd, '.state-for-tests')}`, process.execPath, cli, ...args].map(quote).join(' ');
	const read = new RegExp(`(^|\\s)${events} events · `);
	const screens: string[] = [];
	const shown = () => {
		const now = screen('run').trimEnd();
		if (now !== screens.at(-1)?.slice(25)) screens.push(`${new Date().toISOString()} ${now}`);
		return now;
	};

	try {
		// A pane whose process ended stays, with what it showed and its exit status.
		tmux('new-session', '-d', '-s', 'keep', 'sleep 600');
		tmux('set-option', '-g', 'remain-on-exit', 'on');
		tmux('new-session', '-d', '-s', 'run', '-x', '200', '-y', '40', '-c', cwd, `exec ${command} > ${quote(out)}`);
		const dead = () => tmux('display', '-p', '-t', 'run', '#{pane_dead}').trim() === '1';
		await vi.waitFor(() => {
			if (!dead() && !read.test(shown())) throw new Error(`waiting for "${events} events" on the progress line`);
		}, {timeout: within - endingMs, interval: 100});
		if (!dead()) tmux('send-keys', '-t', 'run', 'C-c');
		await vi.waitFor(() => {
			if (!dead()) throw new Error('waiting for the run to end after Ctrl-C');
		}, {timeout: endingMs, interval: 100});
		shown();
		const code = Number(tmux('display', '-p', '-t', 'run', '#{pane_dead_status}').trim());
		return {code, stdout: fs.readFileSync(out, 'utf8'), stderr: screens.join('\n')};
	} finally {
		stop();
		fs.rmSync(out, {force: true});
	}
}
