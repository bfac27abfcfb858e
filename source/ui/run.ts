// The TUI's entry point for the commands: picks React's production build, then starts the TUI.
import type {Engine} from '../core/engine.js';
import type {RecordingWriterHeader} from '../core/recording-writer.js';
import type {ReplayControl} from '../core/sources/paced-source.js';
import type {TransactionInfo} from '../plugin-api/index.js';
import type {ReadyPane} from './panes/registry.js';

/** What the TUI runs on. */
export type TuiOptions = {
	engine: Engine;
	mode: 'live' | 'replay';
	replay?: ReplayControl;
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** Aborted by a stop signal (the command's, stop-signals.ts): one that came before the TUI opened keeps it closed. */
	stop: AbortSignal;
	/** --no-color; a non-empty NO_COLOR in the environment turns colour off too. */
	noColor: boolean;
	/** The panes to show: built-in and plugins', checked and keyed (see plugin-setup.ts). */
	panes: ReadyPane[];
	/** Plugins' lines for the transaction view. */
	transactionInfo?: TransactionInfo[];
	/** Plugins left out at start, one line each: shown in the status line. */
	pluginProblems?: string[];
	/** Where `r` writes recordings (created when missing). */
	recordingDirectory: string;
	/** The header of what `r` records: the one `record` writes for the same input. */
	recordingHeader: RecordingWriterHeader | (() => RecordingWriterHeader);
	/** Write frame and event-loop timings to this file at exit (the benchmark's PUBSUB_TUI_RENDER_STATS). */
	renderStatsFile?: string;
};

/**
 * Run the TUI until the user quits (q, Ctrl-C, :q, SIGTERM); rejects, after restoring the terminal, if it crashed.
 * Resolves with whether it opened (not when `stop` was aborted before).
 */
export async function runTui(options: TuiOptions): Promise<boolean> {
	// React reads NODE_ENV when it is first loaded, here; its development build renders several times slower.
	process.env.NODE_ENV ??= 'production';
	const {startTui} = await import('./tui.js');
	return startTui({
		...options,
		noColor: options.noColor || (process.env.NO_COLOR ?? '') !== '',
		renderStatsFile: options.renderStatsFile ?? (process.env.PUBSUB_TUI_RENDER_STATS || undefined),
	});
}
