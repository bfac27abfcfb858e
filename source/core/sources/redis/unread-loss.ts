// Entries deleted before a running source read them: a capped stream (MAXLEN, MINID) written faster than it is read,
// an XTRIM, an XDEL. XREAD goes on after them without a word. Redis 7 counts every entry a stream was ever given
// (XINFO STREAM's entries-added); looked at on the reading connection just before an XREAD, every entry given by then
// was read, is still there, or was deleted unread. Where what is still there and unread is known (the XREAD reads the
// stream to its end, or the stream's first entry is past our position), the entries deleted unread are counted exactly.
import {compareEntryIds} from './identity.js';
import {fieldsOf} from './lag.js';

/** What one XINFO STREAM, sent just before an XREAD from `position`, said of a stream. */
export type StreamLook = {
	stream: string;
	/** Where the XREAD read the stream from. */
	position: string;
	/** Entries the stream was ever given. */
	added: number;
	/** Entries it holds. */
	length: number;
	/** Its first entry's id (0-0 when empty) and the last id it gave. */
	firstId: string;
	lastId: string;
};

/** What the XREAD after a look gave of its stream: the entries it returned, and those handed out of them (in order). */
export type ReadOfStream = {returned: number; handedOut: string[]};

/**
 * Per stream counted: entries the stream was given before counting started that count for nothing (read, or gone,
 * before), entries read since, and entries deleted unread since.
 */
type Tally = {before: number; read: number; lost: number};

/** An XINFO STREAM reply as a look, or undefined when Redis does not count entries (before 7.0). */
export function streamLook(stream: string, position: string, reply: unknown): StreamLook | undefined {
	const fields = fieldsOf(reply);
	const added = fields.get('entries-added');
	const firstId = fields.get('recorded-first-entry-id');
	if (typeof added !== 'number' || typeof firstId !== 'string') return undefined;
	return {stream, position, added, length: Number(fields.get('length')), firstId, lastId: String(fields.get('last-generated-id'))};
}

/** The entries of each stream deleted before they were read, counted from looks taken just before XREADs. */
export class UnreadLoss {
	private readonly tallies = new Map<string, Tally>();
	/** Per stream, the entries found deleted unread in its earlier lives (before it was made again). */
	private readonly earlier = new Map<string, number>();
	/** Streams that gave entries in the last XREAD: where entries come, and may go unread. */
	private readonly active = new Set<string>();

	/**
	 * Count a stream from a look taken before any XREAD of it in this run (when the run found it): entries it held
	 * after the start position then, or was given since, and that are deleted before they are read, are this run's to
	 * say; those gone before it began are not. Where what it held after the position is not known from the look (a
	 * saved position or a time inside the stream), it is `held` when counted (backlog.ts), else counting starts at the
	 * first look before an XREAD instead.
	 */
	begin(look: StreamLook, held?: number): void {
		const unread = heldUnread(look) ?? held;
		if (unread === undefined || this.tallies.has(look.stream)) return;
		this.tallies.set(look.stream, {before: look.added - unread, read: 0, lost: 0});
	}

	/** Streams to look at before the next XREAD: those that gave entries last, then those not counted yet; at most `max`. */
	toLook(streams: string[], max: number): string[] {
		const active = streams.filter(stream => this.active.has(stream));
		const uncounted = streams.filter(stream => !this.active.has(stream) && !this.tallies.has(stream));
		return [...active, ...uncounted].slice(0, max);
	}

	/**
	 * Count an XREAD that asked for `count` entries per stream: what it gave of each stream (`reads`), and the looks
	 * taken just before it. Returns the streams with entries newly found deleted unread, with their totals (of every
	 * life of the stream).
	 */
	count(reads: Map<string, ReadOfStream>, count: number, looks: StreamLook[]): Array<{stream: string; lost: number}> {
		/** Streams whose reads were counted with their looks. */
		const looked = new Set<string>();
		const found: Array<{stream: string; lost: number}> = [];
		for (const look of looks) {
			const read = reads.get(look.stream) ?? {returned: 0, handedOut: []};
			// Entries given by the look: read (before this XREAD, or by it up to the look's last id), still there and unread, or deleted unread.
			const readByLook = idsUpTo(read.handedOut, look.lastId);
			const unread = unreadBeforeRead(look, read, count, readByLook);
			if (unread === undefined) continue;
			looked.add(look.stream);
			const tally = this.tallies.get(look.stream);
			if (!tally) {
				this.tallies.set(look.stream, {before: look.added - readByLook - unread, read: read.handedOut.length, lost: 0});
				continue;
			}

			const total = this.tallyLost(look, tally, readByLook, unread);
			tally.read += read.handedOut.length;
			if (total !== undefined) found.push({stream: look.stream, lost: total});
		}

		this.active.clear();
		for (const [stream, read] of reads) {
			if (read.handedOut.length > 0) this.active.add(stream);
			const tally = this.tallies.get(stream);
			if (tally && !looked.has(stream)) tally.read += read.handedOut.length;
		}

		return found;
	}

	/**
	 * Count a look taken while no XREAD reads its stream (reading stopped, an outage), where it tells what the stream
	 * holds unread (heldUnread: its first entry past the position, a trim): the entries newly found deleted unread (0:
	 * none), and the stream's total (of every life); undefined when it cannot tell (not counted, Redis before 7.0).
	 */
	countStopped(look: StreamLook): {lost: number; total: number} | undefined {
		const tally = this.tallies.get(look.stream);
		const unread = heldUnread(look);
		if (!tally || unread === undefined) return undefined;
		const before = tally.lost;
		const total = this.tallyLost(look, tally, 0, unread);
		return total === undefined ? {lost: 0, total: before + (this.earlier.get(look.stream) ?? 0)} : {lost: tally.lost - before, total};
	}

	/**
	 * Note in `tally` the entries `look` finds deleted unread (`readByLook` of those it saw read since the tally's
	 * reads, `unread` still there): the stream's new total (of every life) when it grew, else undefined.
	 */
	private tallyLost(look: StreamLook, tally: Tally, readByLook: number, unread: number): number | undefined {
		const lost = look.added - tally.before - (tally.read + readByLook) - unread;
		if (lost <= tally.lost) return undefined;
		tally.lost = lost;
		return lost + (this.earlier.get(look.stream) ?? 0);
	}

	/** Count `stream` afresh: it was deleted, made again, or is no longer read. */
	forget(stream: string): void {
		const lost = this.tallies.get(stream)?.lost ?? 0;
		if (lost > 0) this.earlier.set(stream, lost + (this.earlier.get(stream) ?? 0));
		this.tallies.delete(stream);
		this.active.delete(stream);
	}
}

/**
 * Entries the stream held at the look, unread, that the XREAD after it did not read: none when that XREAD read the
 * stream to its end (and handed it all out); all it held when its first entry is past our position (or it held
 * none). Otherwise unknown.
 */
function unreadBeforeRead(look: StreamLook, read: ReadOfStream, count: number, readByLook: number): number | undefined {
	const toEnd = read.returned < count && read.handedOut.length === read.returned;
	const held = heldUnread(look);
	// All it held was unread: what the XREAD read of it is counted as read (`readByLook`: up to the look's last id), the rest is still there.
	if (held !== undefined && held > 0) return held - readByLook;
	return held === 0 || toEnd ? 0 : undefined;
}

/** How many of `ids` (in entry-id order, as an XREAD hands them out) are at or before `last`: a binary search, not a comparison per entry. */
export function idsUpTo(ids: readonly string[], last: string): number {
	let low = 0;
	let high = ids.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (compareEntryIds(ids[middle]!, last) <= 0) low = middle + 1;
		else high = middle;
	}

	return low;
}

/**
 * Entries a stream held after the position at a look, where the look tells: all it held when its first entry is past
 * the position (or it held none), none when it gave no id past the position. Otherwise unknown.
 */
export function heldUnread(look: StreamLook): number | undefined {
	if (look.length === 0 || compareEntryIds(look.firstId, look.position) > 0) return look.length;
	return compareEntryIds(look.lastId, look.position) <= 0 ? 0 : undefined;
}
