// The failures of one saga inside the saga.failed window, for its alert: how many, and the newest ids. O(1) per
// failure (amortized), and memory bounded by the window, not by the failures: a run of failures is one entry.

/** How many of the newest failures' ids an alert names. */
const examples = 5;

/**
 * Failures of one saga as a queue of (time, id) would hold them if, after each failure came, those at its front no
 * later than `at − windowMs` were dropped (`at`: the new failure's time; times need not come in order). A failure
 * no later than the newest time kept joins the last run (it leaves the queue with that run's first failure at the
 * latest, and no earlier: those before it are older than that first one); a later one starts a run. Runs start at
 * rising times within the window of the newest: at most one per distinct time in it (a millisecond each).
 */
export class FailureWindow {
	/** Each run's first (and latest) time, oldest run first from `head`. */
	private starts: number[] = [];
	/** How many failures each run holds. */
	private sizes: number[] = [];
	private head = 0;
	private total = 0;
	/** The newest ids, a ring (only the last `examples` ever come into an alert). */
	private readonly ids: string[] = [];
	private next = 0;

	constructor(private readonly windowMs: number) {}

	/** Count failure `id` at `at`, and drop the runs that left the window ending then; returns the failures kept. */
	add(at: number, id: string): number {
		const {starts, sizes} = this;
		const last = starts.length - 1;
		if (last >= this.head && at <= starts[last]!) sizes[last]!++;
		else {
			starts.push(at);
			sizes.push(1);
		}

		this.total++;
		this.ids[this.next] = id;
		this.next = (this.next + 1) % examples;
		const oldest = at - this.windowMs;
		while (this.head < starts.length && starts[this.head]! <= oldest) this.total -= sizes[this.head++]!;
		if (this.head === starts.length || (this.head > 1024 && this.head * 2 > starts.length)) {
			this.starts = starts.slice(this.head);
			this.sizes = sizes.slice(this.head);
			this.head = 0;
		}

		return this.total;
	}

	/** The ids of the newest failures kept, newest first (five at most). */
	newestIds(): string[] {
		const shown = Math.min(examples, this.total);
		const ids: string[] = [];
		for (let back = 1; back <= shown; back++) ids.push(this.ids[(this.next - back + examples) % examples]!);
		return ids;
	}

	/** Entries held (runs of failures): what memory the window takes, whatever the number of failures. */
	get entries(): number {
		return this.starts.length - this.head;
	}
}
