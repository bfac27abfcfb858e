// When a live run had no source connected: arrival time it could not watch, where a count of 0 events is not known.

/** A span of arrival time (ms) in which no source was connected; `to` absent while none is connected now. */
export type BlindSpan = {from: number; to?: number};

/** How long a span is kept after it ended: the longest window. */
const keptMs = 3_600_000;

/** The spans of a run, from notes (about one a second) of whether a source is connected. */
export class BlindSpans {
	private readonly spans: Array<{from: number; to: number}> = [];
	private open = false;

	/** Note at `now` whether a source is connected: a span runs from the first note without one to the last. */
	note(now: number, connected: boolean): void {
		if (!connected && this.open) this.spans.at(-1)!.to = now;
		else if (!connected) this.spans.push({from: now, to: now});
		this.open = !connected;
		while (this.spans.length > 0 && this.spans[0]!.to < now - keptMs) this.spans.shift();
	}

	/** The spans of the last hour, oldest first. */
	list(): BlindSpan[] {
		return this.spans.map((span, index) => (this.open && index === this.spans.length - 1 ? {from: span.from} : {...span}));
	}
}
