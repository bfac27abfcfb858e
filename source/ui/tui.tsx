// The TUI on a terminal, giving the terminal back intact on q, Ctrl-C, SIGTERM/SIGHUP, or a crash.
import process from 'node:process';
import {render} from 'ink';
import {App} from './app.js';
import {Recorder} from './recorder.js';
import {startRenderStats} from './render-stats.js';
import {handOverKeys} from './startup-keys.js';
import type {TuiOptions} from './run.js';

// The alternate screen keeps the user's scrollback as it was; the cursor is shown again on the way out.
const enterScreen = '\u001B[?1049h\u001B[H';
const leaveScreen = '\u001B[?25h\u001B[?1049l';
/**
 * Ink's frame throttle restarts its wait on every render, so a key pressed within 1000 / maxFps ms of a data frame
 * waited that long plus any ingest turn in between (bench/tui.ts measures key → frame). Data frames are paced by
 * use-snapshots.ts, so the throttle is set too high to ever hold a frame back.
 */
const maxFps = 1000;

/**
 * Run the TUI until the user quits; rejects (after restoring the terminal) if it crashed. Resolves with whether it
 * opened: a stop signal that came while it loaded (`stop` aborted) leaves the screen as it is.
 */
export async function startTui(options: TuiOptions): Promise<boolean> {
	if (options.stop.aborted) return false;
	const {engine, stdin, stdout} = options;
	const {panes} = options;
	const recorder = new Recorder(engine, {
		directory: options.recordingDirectory,
		header: options.recordingHeader,
	});

	let finish!: (error?: unknown) => void;
	const done = new Promise<unknown>(resolve => {
		finish = resolve;
	});
	const quit = () => {
		finish();
	};

	const crash = (error: unknown) => {
		finish(error ?? new Error('the TUI crashed'));
	};

	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		stdout.write(leaveScreen);
	};

	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	for (const signal of signals) process.on(signal, quit);
	process.on('uncaughtException', crash);
	process.on('unhandledRejection', crash);
	// If something still ends the process abruptly, leave the alternate screen on the way out.
	process.on('exit', restore);

	const stats = options.renderStatsFile === undefined ? undefined : startRenderStats(options.renderStatsFile);
	// First in line, so ingest makes room (and the stats note the key) before Ink reads it.
	const input = () => {
		engine.noteInput();
		stats?.input();
	};
	stdin.prependListener('readable', input);
	stdout.write(enterScreen);
	const instance = render(
		<App engine={engine} mode={options.mode} replay={options.replay} color={!options.noColor} panes={panes} transactionInfo={options.transactionInfo} pluginProblems={options.pluginProblems} recorder={recorder} onQuit={quit} stats={stats} />,
		{stdin, stdout, exitOnCtrlC: false, patchConsole: false, maxFps, onRender: stats?.frame},
	);
	// Keys typed since the start were held (startup-keys.ts); Ink, listening now, reads them first, as if typed now.
	handOverKeys();
	instance.waitUntilExit().then(() => {
		quit();
	}, crash);

	const error = await done;
	try {
		instance.unmount();
		await recorder.stop();
	} finally {
		stdin.off('readable', input);
		stats?.stop();
		restore();
		for (const signal of signals) process.off(signal, quit);
		process.off('uncaughtException', crash);
		process.off('unhandledRejection', crash);
		process.off('exit', restore);
	}

	if (error !== undefined) throw error;
	return true;
}
