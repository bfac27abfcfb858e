// Reading a Redis Cluster: keys of different slots cannot share one XREAD (CROSSSLOT), so each round sends one XREAD
// per slot, all at once (ioredis writes them on each node's connection without waiting for replies).
import calculateSlot from 'cluster-key-slot';
import type {StreamKey} from './stream-name.js';

/** On a cluster, the longest pause between two rounds of XREADs that found nothing (one per slot, none blocking). */
const maxIdlePauseMs = 250;

/** A stream to read: its name as text and its key. */
type Stream = {stream: string; key: StreamKey};

/** Streams in groups that one XREAD can name: those of one slot together. */
function slotGroups<T extends {key: StreamKey}>(streams: T[]): T[][] {
	const groups = new Map<number, T[]>();
	for (const stream of streams) {
		const slot = calculateSlot(stream.key);
		const group = groups.get(slot);
		if (group) group.push(stream);
		else groups.set(slot, [stream]);
	}

	return [...groups.values()];
}

/**
 * Rounds of XREADs over a cluster. A blocking XREAD holds its node's connection: only a selection of a single slot
 * blocks; otherwise a round that found nothing is followed by a pause growing up to maxIdlePauseMs, so an idle
 * cluster costs a few round trips a second per node, not a hot loop.
 */
export class ClusterRounds {
	/** The pause before the next round when the last found nothing: grows while idle. */
	private idlePauseMs = 0;

	/**
	 * One round over `streams`: `send` XREADs one group of streams of one slot (`block`: it may wait for entries);
	 * `wait` pauses. The replies of all groups as one; null when none had an entry. When a group fails, the round
	 * fails: it is asked again whole, from the same ids, so nothing is lost and nothing read twice.
	 */
	async next<Entry>(streams: Stream[], send: (group: string[], block: boolean) => Promise<Entry[] | null>, wait: (ms: number) => Promise<void>): Promise<Entry[] | null> {
		if (this.idlePauseMs > 0) await wait(this.idlePauseMs);
		const groups = slotGroups(streams);
		const block = groups.length === 1;
		const replies = await Promise.all(groups.map(async group => send(group.map(({stream}) => stream), block)));
		const merged = replies.flatMap(reply => reply ?? []);
		this.idlePauseMs = merged.length > 0 || block ? 0 : Math.min(maxIdlePauseMs, Math.max(25, this.idlePauseMs * 2));
		return merged.length > 0 ? merged : null;
	}
}
