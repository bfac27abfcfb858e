// A filter over the whole store, newest first, advanced a slice at a time so that a view asking for it stays
// responsive; it stops after enough matches or enough events looked at, and says how far back it looked.
import type {Envelope} from '../envelope.js';
import type {EventStore} from '../store/types.js';

/** How much one search may do. */
export type StoreSearchOptions = {
	/** Stop after this many matches. */
	limit: number;
	/** Stop after looking at this many events. */
	maxScanned: number;
	/** Events looked at per step. */
	slice: number;
};

/** A search of the store in progress (or done), with how far back it has looked. */
export class StoreSearch {
	/** Matches found so far. */
	found = 0;
	/** Events looked at so far. */
	scanned = 0;
	/** Seq of the newest event the search looked at: events stored later are not part of it. */
	newestSeq = 0;
	/** Receive time of the oldest event looked at. */
	oldestReceivedAt?: number;
	/** The search looked at the oldest stored event: nothing older was left out. */
	reachedOldest = false;
	/** No step will find anything more. */
	done = false;
	private before?: number;

	constructor(
		private readonly search: EventStore['search'],
		private readonly matches: (event: Envelope) => boolean,
		private readonly options: StoreSearchOptions,
	) {}

	/** Look at the next slice of older events; returns its matches, oldest first. */
	step(): Envelope[] {
		if (this.done) return [];
		const result = this.search(this.matches, {
			beforeSeq: this.before,
			limit: this.options.limit - this.found,
			maxScanned: Math.min(this.options.slice, this.options.maxScanned - this.scanned),
		});
		if (this.scanned === 0 && result.newestSeq !== undefined) this.newestSeq = result.newestSeq;
		this.found += result.matches.length;
		this.scanned += result.scanned;
		this.oldestReceivedAt = result.oldestReceivedAt ?? this.oldestReceivedAt;
		this.before = result.continueBefore;
		this.reachedOldest = result.continueBefore === undefined;
		this.done = this.reachedOldest || this.found >= this.options.limit || this.scanned >= this.options.maxScanned;
		return result.matches.reverse();
	}
}
