// Headless runs say what they could not read: a source that never connects within the connect timeout, one that
// fails, one whose broker went away (said while it lasts, when it is back and at the end; after a shorter break, how
// it went on when not from where it stopped, at once) or had not come back when the run ended, and one that connected
// but has nothing
// to read (a pattern matching no topic or stream), or a recording none of whose lines is an event; and a source's
// notices, read or not (a newer recording version).
import type {Session} from './session.js';
import {sanitize} from '../../core/sanitize.js';
import {counted} from '../../core/units/format.js';
import type {SourceView} from '../../core/engine.js';
import {lookOften, OutageWatch} from './outage-watch.js';

/** What the watch found, read once the run has ended. */
export type SourceWatch = {
	/** Look at the sources now, before they are closed: one connected since the last look was reached. */
	look(): void;
	/** Check one last time (a run may end before the connect timeout) and stop watching. */
	finish(): void;
	/**
	 * Sources that never connected (refused, timed out, bad credentials), stopped with an error, were still
	 * reconnecting at the end, or held lines and not one event, as reported (names masked).
	 */
	failed(): string[];
	/** Whether any source ever connected or delivered an event. */
	anyReached(): boolean;
};

/** Options of a watch. */
export type WatchOptions = {
	connectTimeoutMs: number;
	/** Keep a connected source with nothing to read until the run ends (a --duration); otherwise stop it at the timeout. */
	waitForMatches: boolean;
	/** Where the lines go (standard error). */
	report: (line: string) => void;
};

/** A warning line about a source, its name as printed everywhere (masked), control characters escaped. */
export function warning(view: SourceView, text: string): string {
	return `pubsub-tools: warning: ${sanitize(`${view.name}: ${text}`)}`;
}

/**
 * Read, but not all of it: what the broker deleted before it was read, or what was read again from a start (a topic
 * made again), each said once at the end of a run, headless or the TUI's; not one `said` already (index of its source).
 */
export function sayGaps(views: SourceView[], report: (line: string) => void, said?: (index: number, gap: string) => boolean): void {
	for (const [index, view] of views.entries()) for (const gap of view.gaps ?? []) if (!said?.(index, gap)) report(warning(view, gap));
}

/** Watch the session's sources, reporting each problem once on `report`; sources given up on are closed. */
export function watchSources(session: Session, options: WatchOptions): SourceWatch {
	const started = Date.now();
	const seconds = `${Math.round(options.connectTimeoutMs / 100) / 10} s`;
	// Reconnecting at the last look: the broker went away (closing the source at the end makes it `stopped`).
	const lost = session.sources.map(() => false);
	// Connected with a remark and nothing read at the last look (a selection matching nothing yet).
	const remarks = session.sources.map((): string | undefined => undefined);
	const failed = new Map<number, string>();
	const told = new Set<number>();
	const tell = (index: number, text: string) => {
		told.add(index);
		options.report(`pubsub-tools: ${sanitize(text)}`);
	};

	const warn = (view: SourceView, text: string) => {
		options.report(warning(view, text));
	};

	// Each notice of each source, said once as soon as it is seen.
	const noticed = session.sources.map(() => new Set<string>());
	// Connections lost after a source was read from, and found again, and the outages a recording says.
	const outages = new OutageWatch(session, warn);

	const check = (final: boolean) => {
		const timedOut = Date.now() - started >= options.connectTimeoutMs;
		for (const [index, view] of session.engine.sources().entries()) {
			// Not after a source was given up on, nor in the last look (closing the sources is no outage).
			outages.look(index, view, !final && !told.has(index));
			const everReached = outages.wasReached(index);
			if (view.state === 'reconnecting' || view.state === 'connected') lost[index] = view.state === 'reconnecting';
			// Finished too: a live source stopped by --to now at once, its selection matching nothing, says so at the end.
			if (view.state === 'connected' || view.state === 'finished') remarks[index] = view.events === 0 ? view.error : undefined;
			const seen = noticed[index]!;
			for (const notice of (view.notices ?? []).filter(notice => !seen.has(notice))) {
				seen.add(notice);
				warn(view, notice);
			}

			if (told.has(index)) continue;
			const why = view.error ?? 'no answer';
			if (view.state === 'error') {
				// Before it was read from, it never connected; after, what came later was never read: the work failed either way.
				failed.set(index, view.name);
				tell(index, `${view.name}: ${everReached ? 'stopped: ' : 'could not read it: '}${why}`);
			} else if (!everReached && (timedOut || final)) {
				failed.set(index, view.name);
				tell(index, `could not reach ${view.name} ${timedOut ? `within ${seconds} (--connect-timeout)` : 'before the run ended'}: ${why}`);
				void session.sources[index]?.close();
			} else if (final && lost[index]) {
				// A quiet system and a dead broker must not look alike: the run read nothing after the connection went.
				failed.set(index, view.name);
				tell(index, `${view.name}: connection lost and not back when the run ended (what came after was never read): ${why}`);
			} else if (final && view.state === 'finished' && view.events === 0 && view.malformed > 0) {
				// Not one event in a file of bad lines: an answer of zeros would pass for a quiet recording.
				failed.set(index, view.name);
				tell(index, `${view.name}: not one line could be read as an event (${counted(view.malformed, 'malformed line')}): a recording is JSON Lines, one JSON object per line`);
			} else if ((timedOut || final) && remarks[index] !== undefined) {
				// Connected with a remark and nothing read: a topic or stream that does not exist (yet).
				const next = final ? 'nothing matched while the run lasted' : (options.waitForMatches ? 'waiting for it while --duration lasts' : 'stopped reading it (give --duration to wait for it)');
				tell(index, `warning: ${view.name}: ${remarks[index]}; ${next}`);
				if (!final && !options.waitForMatches) void session.sources[index]?.close();
			}
		}
	};

	let finished = false;
	const stopLooking = lookOften(session, () => {
		if (!finished) check(false);
	});
	return {
		look() {
			if (!finished) check(false);
		},
		finish() {
			stopLooking();
			if (finished) return;
			finished = true;
			check(true);
			outages.finish();
			// A gap said word for word by the line that said how reading went on after a break is not said again.
			sayGaps(session.engine.sources(), options.report, (index, gap) => outages.saidAsResumed(index, gap));
		},
		failed: () => [...failed.values()],
		anyReached: () => outages.anyReached(),
	};
}
