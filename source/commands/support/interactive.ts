// Start the TUI over a session: checks for a terminal, reads keys from the terminal even when stdin is a pipe.
import type {ReplayControl} from '../../core/sources/paced-source.js';
import {UserError} from './errors.js';
import path from 'node:path';
import {defaultRecordDir, type Session} from './session.js';
import {activePlugins} from './plugins.js';
import {holdKeys, releaseKeys} from '../../ui/startup-keys.js';
import {runIsOver, stopAsked, stopAskedByNow, stoppedWhileStarting} from './stop-signals.js';
import {sayGaps, warning} from './source-watch.js';
import {lookOften, OutageWatch} from './outage-watch.js';
import {recordingHeader} from './recording-header.js';

/** The --record-dir flag of the commands that open the TUI. */
export const recordDirFlag = {recordDir: {type: 'string'}} as const;

/** Help line for recordDirFlag. */
export const recordDirHelp = `    --record-dir DIR   where the r key records (default $XDG_DATA_HOME/pubsub-tools/recordings,
                       i.e. ~/.local/share/pubsub-tools/recordings); the footer says the full path`;

/** Say that the TUI was not opened, a stop signal having come while the command started (the keyboard given back first). */
function sayStoppedBeforeTui(): void {
	releaseKeys();
	process.stderr.write(`pubsub-tools: ${stoppedWhileStarting}\n`);
}

/** Run the TUI over the session of `specs` until the user quits; resolves with the exit code. */
export async function runInteractive(session: Session, specs: string[], options: {mode: 'live' | 'replay'; noColor?: boolean; recordDir?: string}): Promise<number> {
	if (!process.stdout.isTTY) {
		await session.close();
		throw new UserError('the TUI needs a terminal; for pipes use replay --headless or a headless command (metrics, alerts, flow analyze)', 2);
	}

	if (await stopAskedByNow()) {
		runIsOver();
		await session.close();
		sayStoppedBeforeTui();
		// The exit code of a TUI a signal quit.
		return 0;
	}

	// Held since the start (cli.tsx), or from now on: keys typed until the TUI reads them are its own, not echoed.
	const stdin = holdKeys();
	if (stdin === undefined) {
		await session.close();
		throw new UserError('no terminal to read keys from; use --headless (replay) or a headless command (metrics, alerts, flow analyze)', 2);
	}

	const {runTui} = await import('../../ui/run.js');
	const {readyPanes} = await import('../../ui/panes/registry.js');
	const panes = await readyPanes(activePlugins().panes);
	const replay = session.sources.find((source): source is typeof source & {replay: ReplayControl} => 'replay' in source)?.replay;
	// A live source's outages, told to the engine as headless runs tell them: the TUI shows them (under the input, on
	// the charts, in the alerts fired meanwhile) and its `r` recording writes them. Their summary, and a recording's,
	// is said once the terminal is restored.
	let restored = false;
	const outages = new OutageWatch(session, (view, text) => {
		if (restored) process.stderr.write(`${warning(view, text)}\n`);
	});
	const stopLooking = lookOften(session, () => {
		outages.lookAll();
	});
	const ingest = session.engine.run().catch(() => undefined);
	// False when a stop signal came before it opened (while React and the panes loaded).
	let opened = true;
	try {
		opened = await runTui({engine: session.engine, mode: options.mode, replay, stdin, stdout: process.stdout, stop: stopAsked(), panes: panes.panes, transactionInfo: activePlugins().transactionInfo, pluginProblems: [...activePlugins().problems, ...panes.problems], noColor: Boolean(options.noColor) || Boolean(process.env.NO_COLOR), recordingDirectory: path.resolve(options.recordDir ?? defaultRecordDir()), recordingHeader: recordingHeader(specs, undefined, session.sources)});
	} finally {
		// The TUI has quit (its recording closed): a signal from now on is only acknowledged while the store closes.
		runIsOver();
		stopLooking();
		// The terminal is restored: what the Overview showed only while it was news stays said.
		restored = true;
		outages.finish();
		sayGaps(session.engine.sources(), line => process.stderr.write(`${line}\n`));
		await session.close();
		await ingest;
		if (!opened) sayStoppedBeforeTui();
		if (stdin !== process.stdin) stdin.destroy();
	}

	return 0;
}
