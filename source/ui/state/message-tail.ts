// The Messages pane's tail: the newest matching events, bounded, fed batch by batch outside React.
import type {Envelope} from '../../core/envelope.js';

/** The newest `limit` events that pass a filter, oldest first; an event is taken once (by store sequence). */
export class MessageTail {
	private events: Envelope[] = [];
	private lastSeq = 0;
	private looked = 0;

	constructor(private readonly limit: number, private readonly matches?: (event: Envelope) => boolean) {}

	/** Add the matching events of a batch not seen yet; the oldest fall out past the limit. */
	push(batch: readonly Envelope[]): void {
		for (const event of batch) {
			if (event.seq <= this.lastSeq) continue;
			this.lastSeq = event.seq;
			this.looked++;
			if (!this.matches || this.matches(event)) this.events.push(event);
		}

		// Trim in chunks so a steady stream costs one copy per `limit` events, not one per batch.
		if (this.events.length > this.limit * 2) this.events = this.events.slice(-this.limit);
	}

	/** Take only events stored after `seq` from now on (what a store search already looked at is not taken twice). */
	startAfter(seq: number): void {
		this.lastSeq = Math.max(this.lastSeq, seq);
	}

	/** Add events older than every event held (a store search going back), oldest first; they pass no filter here. */
	prependOlder(older: readonly Envelope[]): void {
		if (older.length === 0 || this.events.length >= this.limit) return;
		this.events = [...older.slice(-(this.limit - this.events.length)), ...this.events];
	}

	/** Store sequence of the newest event taken (0 before the first). */
	get newestSeq(): number {
		return this.lastSeq;
	}

	/** Events looked at as they were stored (matching or not): under a filter, those newer than its store search. */
	get followed(): number {
		return this.looked;
	}

	/** The events held, oldest first, at most `limit`. */
	list(): Envelope[] {
		return this.events.slice(-this.limit);
	}
}
