// The times the session's sources could not read, for every run on a live source, headless or the TUI: a live
// source's outages found from looks at its health and told to the engine (alerts fired meanwhile say so, a recorder
// writes them, the TUI shows them), and a recording's heard as it says them; each said on `say` as it begins and ends,
// and summed up at the end. Before, only headless runs looked: the TUI on a live broker marked no alert and its `r`
// recording wrote no outage.
import type {Session} from './session.js';
import type {SourceView} from '../../core/engine.js';
import {ConnectionOutages} from './connection-outages.js';

/** How often a run looks at its sources' health. */
const lookEveryMs = 250;

/** Where the words about a source's outages go, with the source they are about. */
export type OutageSay = (view: SourceView, text: string) => void;

/**
 * Whether a source has been read from: connected, finished, delivered events, or (a recording) read bytes. A small
 * recording that breaks at its end is in error before the engine has stored the events it gave.
 */
function reached(view: SourceView): boolean {
	return view.state === 'connected' || view.state === 'finished' || view.events > 0 || (view.progress?.bytesRead ?? 0) > 0;
}

/** One run's outages, live and recorded. */
export class OutageWatch {
	private readonly everReached: boolean[];
	private readonly live: ConnectionOutages[];
	// The outages a recording says, per input and the source it names, at the recording's times.
	private readonly recorded = new Map<string, {index: number; source: string; outages: ConnectionOutages}>();
	private readonly stopHearing: () => void;
	/** Per source, how reading went on after each break (SourceHealth.resumed) as the lines said it (`; ` between findings). */
	private readonly resumedSaid: string[][];

	/** Watch `session`'s sources, saying what is found on `say`. */
	constructor(private readonly session: Session, private readonly say: OutageSay) {
		this.everReached = session.sources.map(() => false);
		this.resumedSaid = session.sources.map(() => []);
		// Told to the engine as the name the source has then (masked).
		this.live = session.sources.map((source, index) => new ConnectionOutages(change => {
			session.engine.noteOutage(index, {source: session.engine.sources()[index]?.name ?? source.id, ...change});
			if (change.resumed !== undefined) this.resumedSaid[index]!.push(change.resumed);
		}, resumed => {
			session.engine.noteNews(index, resumed);
			this.resumedSaid[index]!.push(resumed);
		}));
		this.stopHearing = session.engine.onOutage((index, outage, fromRecording) => {
			if (!fromRecording) return;
			const key = `${index}\u0000${outage.source}`;
			let told = this.recorded.get(key);
			if (!told) this.recorded.set(key, told = {index, source: outage.source, outages: new ConnectionOutages()});
			const view = session.engine.sources()[index];
			if (view) say(view, `${outage.source} (recorded): ${told.outages.recorded(outage)}`);
		});
	}

	/**
	 * Look at source `index` as `view` shows it now: whether it was ever read from is kept; with `heed` (not in a last
	 * look, the sources closing, nor at one given up on), an outage of one read from, begun a second ago or ended, is
	 * said. Only reconnecting and connected tell: a source stopped or failed meanwhile has not read again.
	 */
	look(index: number, view: SourceView, heed: boolean): void {
		this.everReached[index] ||= reached(view);
		if (!heed || !this.everReached[index] || (view.state !== 'reconnecting' && view.state !== 'connected')) return;
		const words = this.live[index]!.note(Date.now(), view.state === 'reconnecting', view.error ?? 'no answer', view.resumed, view.resumedAt);
		if (words) this.say(view, words);
	}

	/** Look at every source now (heeded). */
	lookAll(): void {
		for (const [index, view] of this.session.engine.sources().entries()) this.look(index, view, true);
	}

	/** Whether source `index` was ever read from. */
	wasReached(index: number): boolean {
		return this.everReached[index] ?? false;
	}

	/**
	 * Whether a line said `finding` (a gap of source `index`, SourceHealth.gaps) word for word as how reading went on
	 * after a break (one of the findings a `resumed` joins with `; `): the end of a headless run does not repeat it.
	 */
	saidAsResumed(index: number, finding: string): boolean {
		return (this.resumedSaid[index] ?? []).some(resumed => `; ${resumed}; `.includes(`; ${finding}; `));
	}

	/** Whether any source was ever read from. */
	anyReached(): boolean {
		return this.everReached.some(Boolean);
	}

	/** Stop hearing a recording's outages and say the run's outages in all, each source's. */
	finish(): void {
		this.stopHearing();
		const views = this.session.engine.sources();
		const now = Date.now();
		for (const [index, view] of views.entries()) for (const line of this.live[index]!.summary(now)) this.say(view, line);
		for (const {index, source, outages} of this.recorded.values()) for (const line of outages.summary(now)) this.say(views[index]!, `${source} (recorded): ${line}`);
	}
}

/**
 * Call `look` about four times a second, and before each stored batch reaches the other sinks: a source reading
 * again says so (and a recorder writes the outage's end) before the events it read then, not up to a look's interval
 * after them. Returns the function that stops the looks.
 */
export function lookOften(session: Session, look: () => void): () => void {
	const timer = setInterval(look, lookEveryMs);
	timer.unref();
	const stopSink = session.engine.addSink(look, {first: true});
	return () => {
		clearInterval(timer);
		stopSink();
	};
}
