// A private tmux server for tests that drive the real TUI in a real terminal, and waiting for what a pane shows.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {vi} from 'vitest';
import {limit} from './limits.js';

/** Where the tests expect tmux. */
export const tmuxPath = '/usr/bin/tmux';

/**
 * Why tests that drive a real terminal must skip here (undefined when tmux is installed). Under CI=true a missing tmux
 * is an error instead, as a missing broker is (redisSkipReason): CI must never pass by skipping the terminal tests.
 */
export function tmuxSkipReason(): string | undefined {
	if (fs.existsSync(tmuxPath)) return undefined;
	const problem = `${tmuxPath} is missing (install tmux to run the tests that drive a real terminal)`;
	if (process.env.CI === 'true') throw new Error(`terminal tests cannot run: ${problem} (CI=true: failing instead of skipping)`);
	console.warn(`\n!!! SKIPPING terminal tests: ${problem}\n`);
	return problem;
}

/** What to wait for on a screen: a text it contains, or a described condition. */
export type ScreenCheck = string | {awaited: string; holds: (shown: string) => boolean};

/** A tmux server on its own socket (never the user's sessions): tmux commands, pane captures, waits on a screen. */
export function tmuxServer(socket: string) {
	const tmux = (...args: string[]) => execFileSync(tmuxPath, ['-L', socket, '-f', '/dev/null', ...args], {encoding: 'utf8'});
	const screen = (session: string, escapes = false) => tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session);
	/** The session's screen once `check` holds on it; fails with what was awaited and the last screen seen. */
	const waitForScreen = async (session: string, check: ScreenCheck, {timeoutMs = limit(20_000), escapes = false} = {}) => vi.waitFor(() => {
		const shown = screen(session, escapes);
		const {awaited, holds} = typeof check === 'string' ? {awaited: JSON.stringify(check), holds: (text: string) => text.includes(check)} : check;
		if (!holds(shown)) throw new Error(`waiting for ${awaited} on ${session}; last screen:\n${shown}`);
		return shown;
	}, {timeout: timeoutMs, interval: 50});
	/** End the server and remove its socket file (tmux leaves it behind after kill-server). */
	const stop = () => {
		try {
			tmux('kill-server');
		} catch {
			// Already gone.
		}

		fs.rmSync(path.join(process.env.TMUX_TMPDIR || '/tmp', `tmux-${process.getuid!()}`, socket), {force: true});
	};

	return {tmux, screen, waitForScreen, stop};
}

/** The Overview's notes under its sources (`    ⚠ …`) on a screen, each with the rows it wraps to (under its text) joined again. */
export function overviewNotes(shown: string): string[] {
	const found: string[] = [];
	let open = false;
	for (const row of shown.split('\n')) {
		const goesOn = open && /^ {6}\S/.test(row);
		if (row.startsWith('    ⚠ ')) found.push(row.slice(6).trimEnd());
		else if (goesOn) found[found.length - 1] += ` ${row.trim()}`;
		open = row.startsWith('    ⚠ ') || goesOn;
	}

	return found;
}
