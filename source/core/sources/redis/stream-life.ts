// Whether a stream is still the one read up to a position (XINFO STREAM, read-only): XREAD goes on strictly after
// that position, so a stream deleted and written again with lower ids (explicit ids, a backfill, a server replaced or
// flushed) would look quiet while its entries come. Its last generated id behind the position says so; entries
// deleted before they were read show as a first entry past the position (XTRIM, MAXLEN) or a largest deleted id past
// it (XDEL). A stream that went back and was written again past the position (a server restored from an older copy,
// then new entries) no longer holds the entry read at the position, though nothing deleted it: the newest entry it
// holds up to the position (XREVRANGE) is where it went back to.
import {eachCommand, type RedisClient} from './cluster.js';
import {compareEntryIds} from './identity.js';
import {fieldsOf} from './lag.js';
import type {StreamKey} from './stream-name.js';
import {streamLook, type StreamLook} from './unread-loss.js';

/** Highest sequence number of an entry id: `<ms-1>-max` is just before every entry of millisecond `ms`. */
export const maxSequence = '18446744073709551615';

/** A stream read up to `position`: its name as text and its key. */
export type HeldStream = {stream: string; key: StreamKey; position: string};

/**
 * What XINFO STREAM tells of a stream held at `position`: its ids went back (to `lastId`; `writtenPast`: and it was
 * written past the position again since; `held`: the entries it holds up to `lastId`, all at or before the position,
 * which are read again; unknown when more than maxCountedPast were written past it), it was trimmed past the
 * position (its first entry now `firstId`; `look`: the stream as UnreadLoss counts it, Redis 7 and later), or entries after the position were deleted (the largest `deletedUpTo`).
 */
export type StreamLife = HeldStream & ({change: 'went back'; lastId: string; writtenPast?: true; held?: number} | {change: 'trimmed'; firstId: string; look?: StreamLook} | {change: 'deleted'; deletedUpTo: string});

/** Entries written past the position of a stream that went back, counted to tell the entries it held before them. */
const maxCountedPast = 10_000;

/** Replies that mean the stream is not there to look at (gone, or made another type): discovery and XREAD say those. */
const notAStream = /^(ERR no such key|WRONGTYPE)/;

/**
 * Whether a position is an entry's id: not the start of an empty stream (0-0), nor the start of a time (`--from`,
 * `<ms-1>-max`), which a stream with nothing after that time has not reached: neither can be behind a stream.
 */
export function entryPosition(position: string): boolean {
	return position !== '0-0' && !position.endsWith(`-${maxSequence}`);
}

/**
 * Look at streams held at entry positions (one XINFO STREAM each, sent at once): those whose last generated id is
 * behind their position (made again), those written past it that no longer hold the entry read there (wentBackPast),
 * and those with entries deleted after it (never read). Others are left out.
 */
export async function changedStreams(client: RedisClient, streams: HeldStream[]): Promise<StreamLife[]> {
	const asked = streams.filter(({position}) => entryPosition(position));
	const replies = await eachCommand(asked.map(async ({key}) => client.call('XINFO', 'STREAM', key)));
	const changed: StreamLife[] = [];
	/** Streams given entries past the position, nothing deleted up to it by XDEL or a trim: is the entry read there still there? With their lengths. */
	const past: Array<HeldStream & {length: number}> = [];
	for (const [index, [error, reply]] of replies.entries()) {
		if (error && notAStream.test(error.message)) continue;
		if (error) throw error;
		const held = asked[index]!;
		const fields = fieldsOf(reply);
		const lastId = String(fields.get('last-generated-id'));
		const first = fields.get('first-entry');
		const firstId = Array.isArray(first) ? String(first[0]) : undefined;
		// Redis 7 and later: the largest id XDEL deleted from the stream (0-0: none; trimming leaves it).
		const deleted = fields.get('max-deleted-entry-id');
		const length = Number(fields.get('length'));
		// Every entry it holds is at or before its last id, behind the position: all read again.
		if (compareEntryIds(lastId, held.position) < 0) changed.push({...held, change: 'went back', lastId, held: length});
		else if (firstId !== undefined && compareEntryIds(firstId, held.position) > 0) changed.push({...held, change: 'trimmed', firstId, look: streamLook(held.stream, held.position, reply)});
		else if (typeof deleted === 'string' && compareEntryIds(deleted, held.position) > 0) changed.push({...held, change: 'deleted', deletedUpTo: deleted});
		// Before Redis 7 nothing says whether XDEL took the entry at the position; an empty stream was maybe trimmed whole.
		else if (firstId !== undefined && typeof deleted === 'string' && compareEntryIds(deleted, held.position) < 0 && compareEntryIds(lastId, held.position) > 0) past.push({...held, length});
	}

	return [...changed, ...await wentBackPast(client, past)];
}

/**
 * Of streams written past their positions, with nothing deleted up to them (changedStreams), those that no longer
 * hold the entry read at the position: they went back (to the newest entry they hold before it) and
 * were written again since. One XREVRANGE each, sent at once; then, for those, one XRANGE each of the entries past
 * the position (written since), which tells the ones held before it (read again) from the stream's length.
 */
async function wentBackPast(client: RedisClient, streams: Array<HeldStream & {length: number}>): Promise<StreamLife[]> {
	const replies = await eachCommand(streams.map(async ({key, position}) => client.call('XREVRANGE', key, position, '-', 'COUNT', 1)));
	const changed: Array<HeldStream & {lastId: string; length: number}> = [];
	for (const [index, [error, reply]] of replies.entries()) {
		if (error && notAStream.test(error.message)) continue;
		if (error) throw error;
		const held = streams[index]!;
		// None held up to the position, where the look saw a first entry at or before it: trimmed past it since (a capped
		// stream written on), not gone back; the next look finds it trimmed.
		if (!Array.isArray(reply) || !Array.isArray(reply[0])) continue;
		const newest = String(reply[0][0]);
		if (newest !== held.position) changed.push({...held, lastId: newest});
	}

	// The position itself is not held (the newest entry up to it is another): from it on are the entries written since.
	const written = await eachCommand(changed.map(async ({key, position}) => client.call('XRANGE', key, position, '+', 'COUNT', maxCountedPast + 1)));
	return changed.map(({length, ...held}, index) => {
		const [error, reply] = written[index]!;
		const since = !error && Array.isArray(reply) && reply.length <= maxCountedPast ? reply.length : undefined;
		return {...held, change: 'went back', writtenPast: true, ...since === undefined ? {} : {held: length - since}};
	});
}
