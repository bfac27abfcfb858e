// The signals that stop a run (Ctrl-C, SIGTERM, SIGHUP), and keeping them from killing the process while it closes.

/**
 * The signals that stop a headless run as if its input had ended there. SIGHUP is among them: a terminal closed or
 * an SSH session dropped would otherwise kill the process, leaving a `.gz` recording unreadable, a temporary store
 * in TMPDIR and a --data-dir's lock behind (and `nohup` cannot prevent it: Node sets an ignored SIGHUP back to its
 * default at start).
 */
export const runStopSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Tell that a signal came while the command already stops (nothing is lost: it finishes writing first). */
export function sayStopping(signal: NodeJS.Signals): void {
	process.stderr.write(`pubsub-tools: ${signal}: already stopping, writing what was read\n`);
}

/** Whether `keepStopSignals` has taken over the stop signals for the rest of the process. */
let kept = false;

/**
 * From now to the exit, Ctrl-C, SIGTERM and SIGHUP never kill the process: a listener of a run (or of a
 * --metrics-hold, or the TUI's) answers them, and one sent again (a second Ctrl-C while the run stops, or while the
 * command writes its file and closes its store) is only acknowledged. Called once a run has begun (headless) or
 * ended (TUI): the signal's default would cut a `.gz` recording mid-write and leave the temporary store behind.
 * SIGKILL still ends the process at once.
 */
export function keepStopSignals(): void {
	if (kept) return;
	kept = true;
	const after = (signal: NodeJS.Signals) => {
		if (process.listenerCount(signal) === 1) sayStopping(signal);
	};

	for (const signal of runStopSignals) process.on(signal, after);
}
