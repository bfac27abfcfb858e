// The signals that stop a run (Ctrl-C, SIGTERM, SIGHUP), and keeping them from killing the process from the moment it
// owns what it must clean up to its exit.

/**
 * The signals that stop a headless run as if its input had ended there. SIGHUP is among them: a terminal closed or
 * an SSH session dropped would otherwise kill the process, leaving a `.gz` recording unreadable, a temporary store
 * in TMPDIR and a --data-dir's lock behind (and `nohup` cannot prevent it: Node sets an ignored SIGHUP back to its
 * default at start).
 */
export const runStopSignals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** What a command says of a run that a signal stopped while it started, before any of its input was read. */
export const stoppedWhileStarting = 'stopped by Ctrl-C, SIGTERM or SIGHUP while starting, before reading its input';

/** Tell that a signal came while the command already stops (nothing is lost: it finishes writing first). */
export function sayStopping(signal: NodeJS.Signals): void {
	process.stderr.write(`pubsub-tools: ${signal}: already stopping, writing what was read\n`);
}

/** Aborted by the first stop signal once `guardStopSignals` listens, the signal being its reason. */
const asked = new AbortController();
/** Whether `guardStopSignals` listens (from then to the exit). */
let guarded = false;
/** Whether the run is over: the command writes its answer and closes what it opened. */
let over = false;
/** Aborted by a stop signal that comes while `stoppableWork` is under way. */
let work: AbortController | undefined;

/**
 * From now to the exit, Ctrl-C, SIGTERM and SIGHUP never kill the process. Called as a command opens its session
 * (a temporary store in TMPDIR, a --data-dir's lock, then its sources and any output file): from there the signal's
 * default would leave those behind or cut a `.gz` recording mid-write. The first signal aborts `stopAsked()`: a run
 * that has not begun yet begins stopped, one under way stops as at the end of its input. One sent again (a second
 * Ctrl-C while the command starts or stops), or once the run is over, is only acknowledged, unless another listener
 * answers it (the TUI's, a --metrics-hold's). SIGKILL still ends the process at once.
 */
export function guardStopSignals(): void {
	if (guarded) return;
	guarded = true;
	const heard = (signal: NodeJS.Signals) => {
		if (work && !work.signal.aborted) {
			work.abort(signal);
			return;
		}

		if (process.listenerCount(signal) === 1 && (asked.signal.aborted || over)) sayStopping(signal);
		if (!asked.signal.aborted) asked.abort(signal);
	};

	for (const signal of runStopSignals) process.on(signal, heard);
}

/** Aborted once a stop signal came after `guardStopSignals` (whether the run had begun or not). */
export function stopAsked(): AbortSignal {
	return asked.signal;
}

/**
 * Whether a stop signal has come by now. A signal is heard when the event loop looks for input (its poll phase), not
 * when it arrives: one sent while the start kept the main thread busy (compiling a client library, opening the
 * store) is heard first. Two immediates: the first runs in this turn's check phase, the second in the next turn's,
 * after its poll.
 */
export async function stopAskedByNow(): Promise<boolean> {
	for (let turn = 0; turn < 2; turn++) {
		await new Promise(resolve => {
			setImmediate(resolve);
		});
	}

	return asked.signal.aborted;
}

/** Work under way that a stop signal gives up: `signal` aborts then; `end()` once it is over. */
export type Stoppable = {signal: AbortSignal; end(): void};

/**
 * Work on what the run read that a stop signal may cut short (`query`'s group-by, `state`'s fold of a large store): until `end()`,
 * the first stop signal aborts `signal` (its reason being the signal), and the command gives up the work, says so and
 * closes. A signal that stopped the run before does not abort it: the answer then covers what was read.
 */
export function stoppableWork(): Stoppable {
	const controller = new AbortController();
	work = controller;
	return {
		signal: controller.signal,
		end() {
			if (work === controller) work = undefined;
		},
	};
}

/** The run is over (ended or stopped): a stop signal from now on changes nothing and is acknowledged as such. */
export function runIsOver(): void {
	over = true;
}
