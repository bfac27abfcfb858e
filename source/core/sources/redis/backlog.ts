// How many entries wait after a position inside a stream (a resumed run's backlog), so that entries deleted before
// they are read are counted from the run's start (UnreadLoss.begin). Redis has no count of an id range: the entries
// are asked for (XRANGE, in pages), so only a backlog up to a budget is counted.
import type {RedisClient} from './cluster.js';
import type {StreamKey} from './stream-name.js';

/** Entries one XRANGE asks for while counting: the server builds each reply at once. */
const page = 10_000;

/**
 * The entries `stream` holds after `position` up to `last` (the last id a look saw: none given since are counted),
 * counted while they are at most `budget` (undefined past it). One XRANGE per 10,000 entries.
 */
export async function entriesAfter(client: RedisClient, stream: StreamKey, position: string, last: string, budget: number): Promise<number | undefined> {
	let counted = 0;
	let after = position;
	for (;;) {
		const count = Math.min(page, budget - counted + 1);
		const entries = await client.xrangeBuffer(stream, `(${after}`, last, 'COUNT', count);
		counted += entries.length;
		if (counted > budget) return undefined;
		if (entries.length < count) return counted;
		after = entries.at(-1)![0].toString('latin1');
	}
}
