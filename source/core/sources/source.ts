// The interfaces every source kind implements: Source to read events (recording, simulator, Kafka, Redis Streams)
// and, for brokers, Publisher to write them.
import type {RawEvent} from '../envelope.js';
import type {Positions, RestartedPartition, StoredPartition} from '../store/types.js';
import type {GapLog} from './gap-log.js';
import type {RecordedOutage} from './recording/outage-line.js';

/** One pull from a source: events plus the read positions that storing them advances to. */
export type SourceBatch = {
	events: RawEvent[];
	/** Positions after this batch (live sources); saved in the same store transaction as the events. */
	positions?: Positions;
	/** Partitions whose offsets went back before this batch (a topic made again): the store forgets what it read of them. */
	restarted?: RestartedPartition[];
	/** Recordings: the alerts' clock the live run reached while nothing arrived (quiet time), for the engine to move on to. */
	clock?: number;
	/** Recordings: a live source could not read from `from` (and read again at `to`), said after the events before it. */
	outage?: RecordedOutage;
	/**
	 * More of the same read follows at once (the other partitions of one Kafka fetch): the hops' watermark waits for
	 * the last part, so that no partition of the read runs ahead of the others' events and makes them late.
	 */
	more?: boolean;
};

/** Every connection state a source can be in (the /metrics state gauge has one series for each). */
export const sourceStates = ['connecting', 'connected', 'reconnecting', 'error', 'finished', 'stopped'] as const;

/** Connection state of a source, shown in the UI and in headless summaries. */
export type SourceState = typeof sourceStates[number];

/** One Kafka partition of a group's lag: the topic's end offset, the group's committed offset, their difference. */
export type PartitionLag = {partition: number; end: number; committed: number; lag: number};

/** One consumer of a Redis consumer group (XINFO CONSUMERS): entries delivered to it and not acknowledged, idle time. */
export type ConsumerState = {name: string; pending: number; idleMs: number};

/**
 * One application consumer group on one topic or stream: its lag (entries it has not read), Redis pending entries,
 * and in detail Kafka's partitions (those it committed on) or Redis's consumers (at most 20 per group).
 */
export type LagEntry = {group: string; topic: string; lag: number; pending?: number; partitions?: PartitionLag[]; consumers?: ConsumerState[]};

/** Health of one source at a point in time. */
export type SourceHealth = {
	/** Display name with credentials masked (e.g. `kafka://broker:9092`, `rec.jsonl`, `demo`). */
	name: string;
	state: SourceState;
	/** Last error or warning, credentials masked. */
	error?: string;
	/** Bad input lines / undecodable messages seen so far. */
	malformed: number;
	/** The first few bad lines with their reason. */
	malformedSamples: Array<{line: number; reason: string}>;
	/** Consumer-group lag or Redis pending, live sources only. */
	lag?: LagEntry[];
	/**
	 * Kafka: consumer groups the cluster lists that lag has not yet checked for commits on the topics read (they are
	 * checked in turn, a bounded number a refresh): while above 0, `lag` may lack a group reading them. Unset elsewhere.
	 */
	lagUnchecked?: number;
	/**
	 * A live source reading what it knows is already waiting for it (a backlog, a slow link's rounds behind): Kafka
	 * while a partition read has more than its fetches gave so far, Redis Streams while its last read came back full.
	 * The engine passes no quiet time meanwhile: time with nothing arriving is not the system's silence then.
	 */
	catchingUp?: boolean;
	/**
	 * What a live source could not read, or read again from a start, each said once (the first ones, at the end of a
	 * run): events the broker deleted before they were read, offsets that went back, a topic or stream made again.
	 */
	gaps?: string[];
	/**
	 * The latest gaps, oldest first, each with when it was found (ms since the epoch, the clock of events' arrival):
	 * the TUI shows them while they are news.
	 */
	recentGaps?: Array<{text: string; at: number}>;
	/**
	 * A live source reading again after it could not (an outage): how it went on when not from where it stopped, as the
	 * first read after the outage found (a topic made again meanwhile read from its new start, a topic gone); unset
	 * while it reads on from where it stopped, and again once it cannot read.
	 */
	resumed?: string;
	/** When the source read again after the outage `resumed` is about (ms since the epoch): tells one outage's `resumed` from the next's. */
	resumedAt?: number;
	/**
	 * Warnings that hold whether or not anything was read, each said once and shown beside the source: a recording
	 * newer than this program reads, a consumer group `groups=` names that the cluster does not list.
	 */
	notices?: string[];
	/** Where the input says its events came from: a recording's header (its source, filter, when it was made). */
	origin?: string;
	/** The same as its header says it (strings that are not empty; a source URL's credentials masked): `record` carries it on. */
	provenance?: {source?: string; filter?: string; createdAt?: string; recordedFrom?: string};
	/** Simulator: the scenario phase now playing (normal, black-friday, incident, recovery). */
	phase?: string;
	/** Replay progress (recording sources). */
	progress?: {bytesRead: number; bytesTotal?: number; position?: number};
};

/**
 * A source of events. `batches()` is pulled: the engine asks for the next batch only once the previous one is
 * stored, so a slow store slows the source down instead of growing memory (backpressure).
 */
export type Source = {
	/**
	 * Stable identity used to save and resume read positions (credentials masked), read whenever positions are saved:
	 * a source that learns a better one once connected (a Kafka cluster's id) may change it before its first batch.
	 */
	readonly id: string;
	/** Identities earlier versions saved this source's positions under: read when none are saved under `id` yet. */
	readonly formerIds?: readonly string[];
	/**
	 * Further identities positions are saved under as well, read whenever positions are saved: other names of what
	 * `id` names (a Redis server's address, whichever way its host was spelled), which the source looks up itself.
	 */
	readonly alsoSavedUnder?: readonly string[];
	/**
	 * Batches until the source ends (finite inputs) or `close()` is called. `resume` holds the positions saved by
	 * an earlier run (live sources continue strictly after them: no gap, no duplicate); `positionsOf` gives those
	 * saved under another identity, for a source whose id changes once connected; `storedBetween` how many messages of
	 * a partition the store holds at offsets in (after, upTo] (EventStore.storedBetween).
	 */
	batches(resume?: Positions, positionsOf?: (id: string) => Positions, storedBetween?: StoredBetween): AsyncIterable<SourceBatch>;
	/** Current health; cheap to call often. */
	health(): SourceHealth;
	/** Stop reading and release connections; the iterator from `batches()` then ends. */
	close(): Promise<void>;
};

/** How many messages of a partition the store holds at offsets in (`after`, `upTo`]; undefined when it holds none of it. */
export type StoredBetween = (at: StoredPartition, after: string, upTo: string) => number | undefined;

/** What a live source knows about itself; `liveHealth` turns it into SourceHealth. */
export type LiveState = {
	name: string;
	state: SourceState;
	error?: string;
	/** A non-fatal remark on what there is to read (e.g. a deleted topic), shown when there is no error. */
	notice?: string;
	lag?: SourceHealth['lag'];
	/** SourceHealth.lagUnchecked. */
	lagUnchecked?: number;
	catchingUp?: boolean;
	gaps?: GapLog;
	/** Said whether or not anything was read (SourceHealth.notices). */
	notices?: string[];
	/** SourceHealth.resumed. */
	resumed?: string;
	/** SourceHealth.resumedAt. */
	resumedAt?: number;
};

/** Health of a broker source: no malformed lines (undecodable bytes are kept as base64), error before notice. */
export function liveHealth({name, state, error, notice, lag, lagUnchecked, catchingUp, gaps, notices, resumed, resumedAt}: LiveState): SourceHealth {
	return {name, state, error: error ?? notice, malformed: 0, malformedSamples: [], lag, ...(lagUnchecked !== undefined && {lagUnchecked}), catchingUp, ...gaps?.health(), notices: nonEmpty(notices), ...(resumed !== undefined && {resumed, resumedAt})};
}

/** A copy of `list`, or undefined when it holds nothing. */
function nonEmpty(list: string[] | undefined): string[] | undefined {
	return list && list.length > 0 ? [...list] : undefined;
}

/** How a publisher treats events it cannot send yet. */
export type PublishOptions = {
	/**
	 * Keep the events for a partition without a leader and send them, in order, with a later batch once it has one
	 * (the demo goes on through a broker's outage), instead of failing after a short wait (a scenario check); Kafka
	 * topics the cluster loses meanwhile (a broker come back empty) are made again.
	 */
	hold?: boolean;
};

/** Events a publisher keeps back (`PublishOptions.hold`). */
export type HeldEvents = {
	/** Events kept, to be sent. */
	events: number;
	/** Older events given up on because too many were kept. */
	dropped: number;
	/** What they wait for, said for people (`partition orders.created/1 without a leader`). */
	where: string;
};

/** Writes batches of events to a broker. */
export type Publisher = {
	/** Display name, credentials masked. */
	readonly name: string;
	publish(events: RawEvent[]): Promise<void>;
	/** With `hold`: the events kept back now (undefined when none are, nor were dropped). */
	held?(): HeldEvents | undefined;
	/** With `hold`: what the publisher did of its own accord since last asked (topics a broker lost, made again), said once. */
	news?(): string | undefined;
	/** Sends what it still holds if it can (no waiting), then disconnects. */
	close(): Promise<void>;
};
