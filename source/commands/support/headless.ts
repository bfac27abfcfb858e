// Run a session to the end of its input without a UI, with progress on stderr and a clean stop on Ctrl-C.
import type {EngineTotals} from '../../core/engine.js';
import {openSession, type Session} from './session.js';
import {showProgress} from './progress.js';
import {analysisStore, connectTimeoutOf, defaultConnectTimeoutMs, durationOf, type InputFlags} from './inputs.js';
import {watchSources} from './source-watch.js';
import {onOutputClosed} from './closed-output.js';
import {skippedReport} from './malformed.js';
import {counted} from '../../core/units/format.js';
import {afterNextPoll} from '../../core/queries/steps.js';
import {outageJson, type OutageJson} from '../../core/sources/recording/outage-line.js';
import {runIsOver, stopAsked, stopAskedByNow, stoppableWork, stoppedWhileStarting, type Stoppable} from './stop-signals.js';

/**
 * How a headless run ended: its totals, whether Ctrl-C, SIGTERM or SIGHUP stopped it before its input ended (and
 * whether that was while the command started, before any source was read), the sources that never connected or
 * stopped with an error (already reported on stderr) and whether any source was read from.
 */
export type RunEnd = {totals: EngineTotals; interrupted: boolean; stoppedAtStart: boolean; failedSources: string[]; anyReached: boolean};

/** What a summary says of a run Ctrl-C, SIGTERM or SIGHUP stopped before its input ended. */
export const stoppedEarly = 'stopped by Ctrl-C, SIGTERM or SIGHUP before the end of its input';

/** The exit code every headless command uses when a source never connected or failed (headless-json.md: the work failed). */
export const sourceFailedExitCode = 1;

/** The exit code of a command a stop signal ended before it had an answer (while it started, or while it worked on what it read). */
export const stoppedWorkExitCode = sourceFailedExitCode;

/**
 * What `work` on what the run read (stoppableWork) resolves to, or undefined when a stop signal gave it up: that is
 * then said on stderr ("stopped … while DOING: no answer", `doing` telling what), and the command prints no answer
 * (a part of one would pass for the whole) and exits with stoppedWorkExitCode.
 */
export async function unlessStopped<T extends object>(doing: () => string, work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
	const stoppable = stoppableWork();
	return settledUnlessStopped(stoppable, doing, work(stoppable.signal));
}

/** What `answer`, work begun as `stoppable` (stoppableWork), resolves to, or undefined when a stop signal gave it up (said as unlessStopped says it). */
export async function settledUnlessStopped<T extends object>(stoppable: Stoppable, doing: () => string, answer: Promise<T>): Promise<T | undefined> {
	try {
		const answered = await answer;
		// A signal that came while the last part of the work kept the main thread busy is heard here, before any answer is printed.
		await afterNextPoll(stoppable.signal);
		return answered;
	} catch (error) {
		if (!stoppable.signal.aborted) throw error;
		process.stderr.write(`pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP while ${doing()}: no answer\n`);
		return undefined;
	} finally {
		stoppable.end();
	}
}

/**
 * The exit code of a run: `sourceFailedExitCode` when a source never connected or failed, or when a signal stopped
 * the run while it started (nothing was read: an answer of nothing must not pass for a done job), else `otherwise`.
 */
export function runExitCode(end: RunEnd, otherwise = 0): number {
	return end.failedSources.length > 0 || end.stoppedAtStart ? sourceFailedExitCode : otherwise;
}

/**
 * The `outages` of a headless JSON answer (headless-json.md): the times a source of the run could not read, live or
 * said by a recording, so that a script tells a quiet system from one we were not reading. Empty when none.
 */
export function outagesJson(session: Session): OutageJson[] {
	return session.engine.outages().map(outage => outageJson(outage));
}

/**
 * `json` with the run's `outages` (outagesJson) when `end` says an input was read; as it is for a kept store (no
 * `end`), whose runs' outages are not kept.
 */
export function withOutages<T extends object>(json: T, session: Session, end: RunEnd | undefined): T & {outages?: OutageJson[]} {
	return end === undefined ? json : {...json, outages: outagesJson(session)};
}

/** How a summary says that a signal stopped the run: while it started, or before the end of its input. */
export function stoppedWords(end: RunEnd): string {
	return end.stoppedAtStart ? stoppedWhileStarting : stoppedEarly;
}

/**
 * Ingest every source to its end (or until Ctrl-C / SIGTERM / SIGHUP / `durationMs`), then resolve with the totals. A source
 * not connected within `connectTimeoutMs` is reported on stderr and given up on, so no run waits forever in silence.
 * What the input held that was skipped (bad lines by number, messages read twice) and a stop by a signal go
 * to stderr at the end, unless the command says them in its own summary (`ownSummary`). A signal that came while the
 * command started (stop-signals.ts) ends the run before any source is started.
 */
export async function runToEnd(session: Session, options: {durationMs?: number; connectTimeoutMs?: number; ownSummary?: boolean} = {}): Promise<RunEnd> {
	const asked = stopAsked();
	if (await stopAskedByNow()) {
		runIsOver();
		if (!options.ownSummary) process.stderr.write(`pubsub-tools: ${stoppedWhileStarting}\n`);
		return {totals: session.engine.totals(), interrupted: true, stoppedAtStart: true, failedSources: [], anyReached: false};
	}

	const stopProgress = showProgress(session.engine);
	const watch = watchSources(session, {
		connectTimeoutMs: options.connectTimeoutMs ?? defaultConnectTimeoutMs,
		waitForMatches: options.durationMs !== undefined,
		report(line) {
			// Over the progress line when there is one (a terminal), else plain lines for logs.
			process.stderr.write(`${process.stderr.isTTY ? '\r\u001B[K' : ''}${line}\n`);
		},
	});
	let interrupted = false;
	const stop = () => {
		// Closed, a source that connected since the last look is 'stopped' with nothing read, as one never reached.
		watch.look();
		void session.engine.stop();
	};

	const interrupt = () => {
		interrupted = true;
		stop();
	};

	asked.addEventListener('abort', interrupt);
	const unwatch = onOutputClosed(stop);
	const timer = options.durationMs === undefined ? undefined : setTimeout(stop, options.durationMs);
	try {
		const totals = await session.engine.run();
		watch.finish();
		// A plugin stage that threw was switched off: what it would have said is missing from the answer.
		for (const line of session.engine.stageErrors()) process.stderr.write(`pubsub-tools: ${line}\n`);
		if (!options.ownSummary) {
			for (const line of skippedReport(session.engine)) process.stderr.write(`${line}\n`);
			// A cut answer must not pass for a whole one: a script reading the figures sees why they are short.
			if (interrupted) process.stderr.write(`pubsub-tools: ${stoppedEarly}: the answer covers the ${counted(totals.events, 'event')} read\n`);
		}

		return {totals, interrupted, stoppedAtStart: false, failedSources: watch.failed(), anyReached: watch.anyReached()};
	} finally {
		runIsOver();
		watch.finish();
		if (timer) clearTimeout(timer);
		asked.removeEventListener('abort', interrupt);
		unwatch();
		stopProgress();
	}
}

/**
 * For commands that answer from a store (`state`, `query`): the input read to its end when one is given (a
 * recording, `-`, `--source`), else the kept store (`--data-dir` or the default) opened read-only, with no lock.
 * `end` is undefined for a kept store; with an input that could not be read at all, say nothing more: exit `runExitCode(end)`.
 */
export async function inputOrKeptStore(args: string[], input: InputFlags): Promise<{session: Session; end?: RunEnd}> {
	const specs = [...args, ...(input.source ?? [])];
	if (specs.length === 0) return {session: await openSession([], {dataDir: input.dataDir, config: input.config, readOnly: true})};
	const durationMs = durationOf(input);
	const session = await openSession(specs, analysisStore(input), {from: input.from, to: input.to, seed: input.seed, demoDurationMs: durationMs});
	try {
		return {session, end: await runToEnd(session, {durationMs, connectTimeoutMs: connectTimeoutOf(input)})};
	} catch (error) {
		await session.close();
		throw error;
	}
}
