// Live Redis Streams source: XREAD only (XREADGROUP would take entries from the applications' groups), binary-safe,
// every stream in one XREAD (on a cluster, one per slot: cluster-read.ts), entries merged across streams in entry-id time,
// resuming strictly after the last stored entry id of each stream.
import {Redis, type RedisOptions} from 'ioredis';
import type {RawEvent} from '../../envelope.js';
import {InputError} from '../../errors.js';
import {maskSecrets, safeErrorMessage} from '../../redact.js';
import type {Positions} from '../../store/types.js';
import {counted, formatSpan} from '../../units/format.js';
import {cutShort, pause, unlessCut} from '../cut-short.js';
import {decodeStreamFields} from '../decode.js';
import {GapLog} from '../gap-log.js';
import {clusterNodeIds, eachCommand, nodeProblem, redisClusterClient, scannedNodes, type RedisClient} from './cluster.js';
import {ClusterRounds} from './cluster-read.js';
import {redisConnectionOptions, redisTlsProblem} from './connection.js';
import {compareEntryIds, latestPositions, serverNames, serverOrigin} from './identity.js';
import {fetchRedisLag, type LagEntry} from './lag.js';
import {liveHealth, type Source, type SourceBatch, type SourceHealth, type SourceState, type StoredBetween} from '../source.js';
import {parseRedisUrl, type RedisSourceUrl} from './url.js';
import {parseStartFrom, type StartFrom} from '../start-from.js';
import {sameKey, streamName, type StreamKey} from './stream-name.js';
import {changedStreams, entryPosition, maxSequence, type StreamLife} from './stream-life.js';
import {heldUnread, streamLook, UnreadLoss, type ReadOfStream, type StreamLook} from './unread-loss.js';
import {entriesAfter} from './backlog.js';
import {unreachableWords} from '../unreachable.js';
import {hostPort} from '../../units/host-port.js';

/** Options of the Redis Streams source; credentials given here win over the URL and the environment. */
export type RedisStreamsSourceOptions = {
	/** `latest` (default), `earliest` or an ISO time: where a stream starts when no position was saved. */
	from?: string;
	/** `--to now`: stop once every stream is read up to the entry that was its last when the run started. */
	toNow?: boolean;
	username?: string;
	password?: string;
	/** Entries per stream per XREAD; default 1,000 shared among the streams read (at least 100 each). */
	count?: number;
	/** How long one XREAD blocks waiting for entries. */
	blockMs?: number;
	/**
	 * How long a connection may hear nothing past what it waits for (an XREAD's block) before it is taken for dead
	 * and made again: a partition or a stopped server closes nothing. Default 10 s.
	 */
	silenceMs?: number;
	/** How often streams matching the patterns are looked for again. */
	discoveryIntervalMs?: number;
	/** How often groups' lag and pending are fetched. */
	lagIntervalMs?: number;
};

/** One XREAD reply: per stream, its entries `[id, [field, value, …]]`. */
type XReadReply = Array<[Buffer, Array<[Buffer, Buffer[]]>]> | null;

/** Entries one XREAD asks for, shared among the streams read (at least 100 each: see xread). */
const readBudget = 1000;

/** An XREAD sent, with the COUNT per stream it asked for and the looks taken just before it (UnreadLoss). */
type XRead = {reply: Promise<XReadReply>; count: number; looks: Promise<StreamLook[]>};

/** One entry of a reply, with its id's parts for ordering. */
type StreamEntry = {stream: string; id: string; ms: number; sequence: number; fields: Buffer[]};

/** At most this many streams are read at once (one XREAD names them all). */
const maxStreams = 1000;

/** Streams whose name shows like another's are said while a discovery has fewer warnings than this (SourceHealth.notices). */
const maxAlike = 20;

/** Streams idle since the last look whose ids are looked at (XINFO STREAM) per look, in turn: the cost of an idle source. */
const maxLooks = 100;

/**
 * How often idle streams are looked at (lookBack): a stream made again below the position read gives nothing to
 * XREAD, so this, with the XREAD block under way, is how long its new entries may wait.
 */
const idleLookMs = 1000;

/**
 * At most this many entries are held by the streams whose backlog after a resumed position is counted as a run
 * begins (beginCounting): the backlog is asked for entry by entry (XRANGE), before the run reads it.
 */
const maxCounted = 100_000;

/** Streams read and gone (deleted, made another type) that are remembered as read, the oldest forgotten first. */
const maxVanished = 10_000;

/** A redirection: a cluster node that was not recognised as one (its user may run neither INFO nor CLUSTER SLOTS). */
const redirected = /^(MOVED|ASK) /;

// Errors no retry cures: wrong or missing credentials, missing ACL rights, a database the server does not have
// (ioredis would otherwise go on reading database 0).
const fatalReply = /^(WRONGPASS|NOAUTH|NOPERM)|invalid password|called without any password configured|DB index is out of range/i;

/** How long one XREAD blocks waiting for entries, unless told (RedisStreamsSourceOptions.blockMs). */
const defaultBlockMs = 1000;

/** ioredis's words for a connection that heard nothing for its socketTimeout, with that time in ms. */
const socketSilence = /^Socket timeout\. Expecting data, but didn't receive any in (\d+)ms/;

/** The reply to a command on a key of another type: an XREAD naming a stream that was made again as a string, a hash, … */
const wrongType = /^WRONGTYPE/;

/** Whether an ioredis error is an authentication or permission failure. */
function isFatalRedisError(error: unknown): boolean {
	return error instanceof Error && (fatalReply.test(error.message) || redisTlsProblem(error) !== undefined);
}

/** A fatal reply in words a person reads first ("authentication failed"), Redis's own words after them. */
function fatalWords(error: unknown, secrets: string[]): string {
	const message = safeErrorMessage(error, secrets);
	const what = /^NOPERM/i.test(message) ? 'permission denied' : (/DB index/i.test(message) ? 'no such database' : 'authentication failed');
	return `${what}: ${message}`;
}

/** The Redis Streams source behind `redis://` URLs. */
class RedisStreamsSource implements Source {
	readonly id: string;
	readonly formerIds: readonly string[];
	/** Once connected, the server's other names (identity.ts): its address, its process id, beside the host as given. */
	alsoSavedUnder: readonly string[] = [];
	/** The name shown (the URL without credentials, as given). */
	private readonly name: string;
	/**
	 * The database, as its entries say where they came from (RawEvent.origin): the host as given until identify
	 * names the server whatever it was called (serverOrigin).
	 */
	private origin: string;
	private readonly url: RedisSourceUrl;
	/** RedisStreamsSourceOptions.silenceMs. */
	private readonly silenceMs: number;
	private readonly from: StartFrom;
	/** RedisStreamsSourceOptions.blockMs, or its default. */
	private readonly blockMs: number;
	/** Options of every connection (and of every node of a cluster). */
	private readonly connection: RedisOptions;
	/**
	 * Connection for the blocking XREAD; the other one (SCAN, XINFO, XREVRANGE) never waits behind it. On a cluster
	 * (identify), each is a Cluster client: one connection to each node.
	 */
	private reader: RedisClient;
	private admin: RedisClient;
	/** On a cluster, the last failure of a node (nodeProblem), until a command works again. */
	private nodeTrouble: string | undefined;
	/** On a cluster, the rounds of XREADs, one per slot. */
	private readonly rounds = new ClusterRounds();
	/** Stream (its name as text, streamName) → id of the last entry read (XREAD returns entries strictly after it). */
	private readonly ids = new Map<string, string>();
	/** Stream name as text → its key's exact bytes, for every command that names it. */
	private readonly keys = new Map<string, StreamKey>();
	private state: SourceState = 'connecting';
	private error: string | undefined;
	/** Remarks of the last discovery on what there is to read, other than the streams named that did not exist then (`missing`). */
	private remarks: string[] = [];
	/** Warnings of the last discovery that hold whatever is read (a named key of another type, a stream whose name shows like another's, too many streams): SourceHealth.notices. */
	private warnings: string[] = [];
	/** Streams read that were made again as another type (XREAD said WRONGTYPE), with what is said of each, until discovery finds them again. */
	private readonly retyped = new Map<string, string>();
	/** Streams named in the URL that did not exist at the last discovery and have given no entry since. */
	private missing = new Set<string>();
	private lag: LagEntry[] | undefined;
	/** What the bounds of the lag refresh left out, said as notices. */
	private lagCut: string[] = [];
	private fatal: unknown;
	private started = false;
	private closed = false;
	/** Aborted on close or on a fatal error: waits are cut short by it (ioredis may never settle a queued command). */
	private readonly interruption = new AbortController();
	private lagTimer: NodeJS.Timeout | undefined;
	private lagging = false;
	private discovered = false;
	/** A stream was found since positions were last handed out: its start is saved even if no entry ever comes. */
	private unsaved = false;
	/** The XREAD already sent for the entries after the last batch. */
	private prefetched: XRead | undefined;
	/** What could not be read, or was read again from a stream's start (SourceHealth.gaps). */
	private readonly gaps = new GapLog();
	/**
	 * A stream is read again from its start (its ids went back, or gone and found again) and no batch has carried its
	 * position since. The store forgets nothing of it: an entry read again is stored again only when its content is
	 * not the one stored at its id (store/guard.ts), as a stream made again holds other entries under the same ids,
	 * and a server restored from an older copy the same ones.
	 */
	private rewound = false;
	/** Streams read that are gone (deleted, or made another type): found again, they are streams of their own, read from their start. */
	private readonly vanished = new Set<string>();
	/** Streams read again from their start since the last discovery, said in the state (SourceHealth.error as a notice). */
	private restarts: string[] = [];
	/** The last XREAD gave a stream as many entries as it asked for: more wait behind them (SourceHealth.catchingUp). */
	private fullPage = false;
	/** Streams that gave entries to the last XREAD: alive where we read them, not looked at (lookBack) while they give. */
	private readonly heard = new Set<string>();
	/** Where the next look at idle streams starts among them, when there are more than maxLooks. */
	private lookFrom = 0;
	/** When idle streams are next looked at (idleLookMs). */
	private nextLook = 0;
	/**
	 * Times the reading connection was made again (after its first): a server restarted, maybe restored from an older
	 * copy and written again since, which no idle look would find (read, below). `lookedAfter`: those looked after.
	 */
	private reconnections = 0;
	/** How many entries of a stream the store holds between two ids (Source.batches), to say how many are gone. */
	private storedBetween: StoredBetween | undefined;
	private lookedAfter = 0;
	/**
	 * What the looks found changed while the source could not read (reconnecting), per stream: its ids gone back
	 * (deleted and made again, or the server restored from an older copy), made again, gone. Said once it reads again
	 * (resumed), then cleared.
	 */
	private readonly meanwhile = new Map<string, string>();
	/** How the source went on after its last outage when not from where it stopped (SourceHealth.resumed). */
	private resumed: string | undefined;
	/** When it read again after that outage (SourceHealth.resumedAt). */
	private resumedAt: number | undefined;
	/** Entries deleted before they were read, counted while reading. */
	private readonly unread = new UnreadLoss();
	/** When the latest discovery began: a stream it did not see was made (or came into the selection) after. */
	private lookedAt = 0;
	/**
	 * Streams found by a discovery after the first (made during the run), until an entry written after they were found
	 * is read: `since` the discovery before, which did not see them; `foundAt` the end of the one that did (arrival).
	 */
	private readonly foundLate = new Map<string, {since: number; foundAt: number}>();

	/** `--to now`: each stream's last entry id when the run started (empty streams and those not made yet have none). */
	private stopAt: Map<string, string> | undefined;
	constructor(url: string, private readonly options: RedisStreamsSourceOptions) {
		const parsed = parseRedisUrl(url);
		this.url = {
			...parsed,
			username: options.username ?? parsed.username,
			password: options.password ?? parsed.password,
			secrets: [...parsed.secrets, options.password].filter((secret): secret is string => Boolean(secret)),
		};
		this.id = parsed.positionKey;
		this.name = parsed.display;
		// Positions were saved under the name before positions had a key of their own.
		this.formerIds = parsed.display === parsed.positionKey ? [] : [parsed.display];
		this.origin = parsed.server;
		this.from = parseStartFrom(options.from);
		this.silenceMs = options.silenceMs ?? 10_000;
		this.blockMs = options.blockMs ?? defaultBlockMs;
		this.connection = {
			...redisConnectionOptions(this.url),
			// Commands wait through reconnections instead of failing after 20 tries; the loop decides what to retry.
			maxRetriesPerRequest: null,
			retryStrategy: times => Math.min(100 * times, 2000),
			// A partition or a stopped server closes nothing: a connection that hears nothing this long past what it
			// waits for is made again (commands in flight are sent again on the new one), and said.
			socketTimeout: this.silenceMs,
		};
		this.reader = new Redis({...this.connection, socketTimeout: this.blockMs + this.silenceMs});
		this.admin = new Redis(this.connection);
		this.watch();
	}

	async* batches(resume?: Positions, positionsOf?: (id: string) => Positions, storedBetween?: StoredBetween): AsyncIterable<SourceBatch> {
		if (this.started) throw new Error('batches() of a Redis source can be iterated once');
		this.started = true;
		this.storedBetween = storedBetween;
		try {
			const saved = await this.retrying(async () => this.identify(resume, positionsOf));
			if (this.closed) return;
			for (const [stream, id] of Object.entries(saved ?? {})) this.ids.set(stream, id);
			await this.retrying(async () => this.discover(this.ids.size > 0 ? {kind: 'earliest'} : this.from));
			// What changed in the streams while no run read them: made again below their positions, or trimmed unread.
			await this.retrying(async () => this.lookBack(Object.keys(saved ?? {}), true));
			this.nextLook = Date.now() + idleLookMs;
			if (this.options.toNow) await this.retrying(async () => this.learnEnds());
			if (this.closed) return;
			this.discovered = true;
			this.settle();
			this.lagTimer = setInterval(() => void this.refreshLag(), this.options.lagIntervalMs ?? 10_000);
			this.lagTimer.unref();
			void this.refreshLag();
			const discoveryMs = this.options.discoveryIntervalMs ?? 5000;
			let nextDiscovery = Date.now() + discoveryMs;
			while (!this.closed) {
				if (Date.now() >= nextDiscovery) {
					await this.retrying(async () => this.discover({kind: 'earliest'}));
					nextDiscovery = Date.now() + discoveryMs;
				}

				// With no XREAD under way (read sends none ahead once a look is due), so the next one asks from where the look left each stream.
				if (this.prefetched === undefined && Date.now() >= this.nextLook) {
					const idle = this.idle();
					await this.retrying(async () => this.lookBack(idle, false));
					this.nextLook = Date.now() + idleLookMs;
				}

				if (this.unsaved || this.rewound) {
					// Where a new stream starts is saved with no entry to store: a run that reads nothing must still let
					// the next one resume there, not at what is newest by then; so is a stream's start read again.
					this.unsaved = false;
					this.rewound = false;
					yield {events: [], positions: Object.fromEntries(this.ids)};
				}

				if (this.readToNow()) {
					this.state = 'finished';
					return;
				}

				if (this.ids.size === 0) {
					await pause(discoveryMs, this.interruption.signal);
					continue;
				}

				const batch = await this.retrying(async () => this.read());
				if (batch) yield batch;
			}
		} finally {
			await this.close();
		}
	}

	/** Say the clients' connection troubles in the state; bad credentials stop the source; count the reader's reconnections. */
	private watch(): void {
		let ready = false;
		this.reader.on('ready', () => {
			if (ready) this.reconnections++;
			ready = true;
		});
		for (const client of [this.reader, this.admin]) {
			client.on('error', error => {
				this.clientError(error);
			});
			// A connection made is not yet an answer (a stopped server's kernel accepts connections): connected is said
			// when a command works (retrying). The XREAD under way is sent again after 'ready' (autoResendUnfulfilledCommands).
			client.on('reconnecting', () => {
				this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', this.error);
			});
			// A cluster's node that fails is named (a cluster client's own errors do not say which node).
			client.on('node error', (error: Error, address: string) => {
				if (isFatalRedisError(error)) this.clientError(error);
				else {
					this.nodeTrouble = nodeProblem(address, error, this.url.secrets);
					this.troubled(error);
				}
			});
		}
	}

	/**
	 * Learn the server's other names (identity.ts): positions are saved under them too from now on, and those saved
	 * under them by runs that spelled the host otherwise are read with the ones under the host as given (`resume`):
	 * per stream the latest, as a run on one name may have gone further than one on another. A cluster node makes
	 * the source read the whole cluster; its names are those of every node that serves slots (README, Redis Cluster).
	 */
	private async identify(resume: Positions | undefined, positionsOf: ((id: string) => Positions) | undefined): Promise<Positions> {
		const {admin} = this;
		if (!(admin instanceof Redis)) throw new Error('identify() runs once, on the first connection');
		const {peer, runId, cluster} = await serverNames(admin);
		const {db, selection} = this.url;
		const nodeIds = await clusterNodeIds(admin, cluster);
		const names = [peer && `redis://${peer}/${db}${selection}`, ...nodeIds ? nodeIds.map(id => `redis-cluster-node://${id}/${db}${selection}`) : [runId && `redis-run://${runId}/${db}${selection}`]];
		this.alsoSavedUnder = names.filter((name): name is string => Boolean(name) && name !== this.id);
		this.origin = serverOrigin(peer, nodeIds, db) ?? this.origin;
		if (nodeIds) this.useCluster();
		return latestPositions([resume ?? {}, ...this.alsoSavedUnder.map(name => positionsOf?.(name) ?? {})]);
	}

	/** Read the whole cluster the node given belongs to, through Cluster clients in place of the node's connections. */
	private useCluster(): void {
		this.reader.disconnect();
		this.admin.disconnect();
		this.reader = redisClusterClient(this.url, {...this.connection, socketTimeout: this.blockMs + this.silenceMs});
		this.admin = redisClusterClient(this.url, this.connection);
		this.watch();
	}

	health(): SourceHealth {
		const notes = [...[...this.missing].map(stream => `stream "${stream}" does not exist`), ...this.remarks, ...this.restarts];
		return liveHealth({name: this.name, state: this.state, error: this.error, notice: notes.length > 0 ? notes.join('; ') : undefined, lag: this.lag, catchingUp: this.fullPage, gaps: this.gaps, notices: [...this.warnings, ...this.retyped.values(), ...this.lagCut], resumed: this.resumed, resumedAt: this.resumedAt});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		const short = this.shortOfEnd();
		if (short) this.gaps.add(short);
		clearInterval(this.lagTimer);
		this.interruption.abort();
		// disconnect() also ends a blocking XREAD in flight.
		this.reader.disconnect();
		this.admin.disconnect();
		if (this.state !== 'error' && this.state !== 'finished') this.state = 'stopped';
	}

	/** `--to now`: the id of each stream's last entry as the run starts (stopAt); an empty stream has nothing to wait for. */
	private async learnEnds(): Promise<void> {
		const streams = [...this.ids.keys()];
		const newest = await eachCommand(streams.map(async stream => this.admin.xrevrange(this.keys.get(stream) ?? stream, '+', '-', 'COUNT', 1)));
		this.stopAt = new Map();
		for (const [index, [error, entries]] of newest.entries()) {
			if (error) throw error;
			const last = entries?.[0]?.[0];
			if (last !== undefined) this.stopAt.set(streams[index]!, last);
		}
	}

	/** `--to now`: every stream read then is read up to its last entry of then (or gone since); streams made later are not waited for. */
	private readToNow(): boolean {
		return this.stopAt !== undefined && this.shortOfNow().length === 0;
	}

	/** `--to now`: the streams still read whose position is before their last entry when the run started, with that entry's id. */
	private shortOfNow(): Array<[stream: string, last: string]> {
		return [...this.stopAt ?? []].filter(([stream, last]) => {
			const id = this.ids.get(stream);
			return id !== undefined && compareEntryIds(id, last) < 0;
		});
	}

	/** `--to now` ended by --duration or a signal before every stream was read to its end: how far each was, said at the end. */
	private shortOfEnd(): string | undefined {
		if (!this.stopAt || this.state === 'finished') return undefined;
		const short = this.shortOfNow();
		if (short.length === 0) return undefined;
		const named = short.slice(0, 3).map(([stream, last]) => `${stream} read up to ${this.ids.get(stream)!} of ${last}`).join(', ');
		return `--to now: the run ended before reading up to where the streams ended when it started: ${named}${short.length > 3 ? `, and ${short.length - 3} streams more` : ''}`;
	}

	/** XREAD over every stream, strictly after the ids read so far, the streams where entries may go unread looked at just before. */
	private xread(): XRead {
		const count = this.readCount();
		const streams = [...this.ids.keys()];
		const looks = this.lookBeforeRead(this.unread.toLook(streams, maxLooks));
		return {reply: this.xreadOf(streams, count, this.blockMs), count, looks};
	}

	/**
	 * XINFO STREAM of `streams` on the reading connection, so the server answers them just before the XREAD sent next
	 * (UnreadLoss); a stream that cannot be looked at (gone, another type, Redis before 7.0) is left out.
	 */
	private async lookBeforeRead(streams: string[]): Promise<StreamLook[]> {
		const looks = await Promise.all(streams.map(async stream => {
			const position = this.ids.get(stream)!;
			const reply = await this.reader.call('XINFO', 'STREAM', this.keys.get(stream) ?? stream).catch(() => undefined);
			return streamLook(stream, position, reply);
		}));
		return looks.filter((look): look is StreamLook => look !== undefined);
	}

	/**
	 * Entries per stream one XREAD asks for. The next XREAD is already under way while a reply is handled, so a reply
	 * need not be large to hide the round trip; a large one keeps all of its events alive while they are stored and
	 * analysed, which the collector pays for (README, Benchmark). Shared, so that many streams do not multiply one
	 * reply's memory.
	 */
	private readCount(): number {
		return this.options.count ?? Math.max(100, Math.floor(readBudget / this.ids.size));
	}

	/** XREAD of `streams` strictly after their ids read so far, waiting up to `blockMs` for an entry (none: at once). */
	private async xreadOf(streams: string[], count: number, blockMs: number | undefined): Promise<XReadReply> {
		return this.reader.callBuffer(
			'XREAD', 'COUNT', count, ...blockMs === undefined ? [] : ['BLOCK', blockMs],
			'STREAMS', ...streams.map(stream => this.keys.get(stream) ?? stream), ...streams.map(stream => this.ids.get(stream)!),
		) as Promise<XReadReply>;
	}

	/** On a cluster, one XREAD per slot (cluster-read.ts), all sent at once over the one connection to each node, as one reply. */
	private clusterRead(): XRead {
		const count = this.readCount();
		const streams = [...this.ids.keys()].map(stream => ({stream, key: this.keys.get(stream) ?? stream}));
		const reply = this.rounds.next(streams, async (group, block) => this.xreadOf(group, count, block ? this.blockMs : undefined), async ms => pause(ms, this.interruption.signal));
		// Across a cluster's nodes no look can be sent just before its stream's XREAD: entries deleted unread are not counted.
		return {reply, count, looks: Promise.resolve([])};
	}

	/**
	 * The next entries, merged across streams in entry-id time; undefined when the XREAD timed out with nothing new
	 * (or the source closed). The following XREAD is sent before these entries are decoded and handled, so the
	 * server works while we do; when it fails (a disconnect), the retry asks again from the ids of the entries
	 * handed out: nothing lost, nothing twice.
	 */
	private async read(): Promise<SourceBatch | undefined> {
		const reconnections = this.reconnections;
		if (reconnections !== this.lookedAfter) {
			// The server may have come back from an older copy (and been written again since), or without streams read:
			// they are looked for and at before reading on, or XREAD reads the new entries past entries gone, unsaid
			// (they give, so are not idle). Connected is said once looked (settle), with what was found (resumed).
			this.prefetched = undefined;
			await this.discover({kind: 'earliest'});
			await this.lookBack([...this.ids.keys()], false);
			this.lookedAfter = reconnections;
			return undefined;
		}

		const {reply: pending, count, looks} = this.prefetched ?? this.nextRead();
		this.prefetched = undefined;
		let reply: XReadReply;
		try {
			reply = await pending;
		} catch (error) {
			// One stream deleted and made again as another key type fails every XREAD that names it: no retry cures that.
			if (!wrongType.test(safeErrorMessage(error, this.url.secrets))) throw error;
			await this.dropRetyped();
			return undefined;
		}

		this.heard.clear();
		if (this.closed) return undefined;
		// Sent before a reconnection (and sent again on the new one): left unread, positions unmoved, until the look above.
		if (this.reconnections !== this.lookedAfter) return undefined;
		this.fullPage = reply?.some(([, streamEntries]) => streamEntries.length >= count) ?? false;
		if (!reply) {
			// Nothing after any position: the streams looked at are counted as read to their end, and no longer looked at
			// before every XREAD (a stream that gives entries is again).
			this.countUnread([], [], count, await looks);
			return undefined;
		}

		const entries = mergedEntries(reply, count);
		// In time order, so each stream's last entry handed out is where it resumes.
		for (const entry of entries) {
			this.ids.set(entry.stream, entry.id);
			this.heard.add(entry.stream);
		}

		this.countUnread(reply, entries, count, await looks);
		// A stream that gives an entry exists now, whenever the next discovery comes.
		if (this.missing.size > 0) for (const entry of entries) this.missing.delete(entry.stream);
		// A named stream read before, gone, waited for from its start: a stream of its own, its first entries here.
		if (this.vanished.size > 0) for (const entry of entries) if (this.vanished.delete(entry.stream)) this.startsAgain(entry.stream, madeAgain(entry.stream), madeAgainMeanwhile(entry.stream));
		const positions = Object.fromEntries(this.ids);
		// Not once idle streams are to be looked at: an XREAD sent now would ask from positions the look may move.
		if (Date.now() < this.nextLook) {
			this.prefetched = this.nextRead();
			this.prefetched.reply.catch(() => undefined);
		}
		const readAt = Date.now();
		const events = new Array<RawEvent>(entries.length);
		for (let i = 0; i < entries.length; i++) {
			const {stream, id, ms, fields} = entries[i]!;
			const {value, valueEncoding, valueText} = decodeStreamFields(fields);
			const receivedAt = this.foundLate.size > 0 ? this.arrival(stream, ms, readAt) : readAt;
			// The entry id's time is the broker's: the event time only when the payload carries none (envelope.ts).
			events[i] = {source: 'redis', topic: stream, offset: id, origin: this.origin, key: undefined, value, valueEncoding, valueText, timestamp: ms, receivedAt};
		}

		if (events.length === 0) return undefined;
		this.rewound = false;
		return {events, positions};
	}

	/**
	 * When an entry read at `readAt` reached us (docs/event-model.md, receivedAt): then, unless it waited in a stream
	 * found late (foundLate) for the discovery that found it; such an entry arrived when Redis took it (its id's `ms`),
	 * as it would have for a reader already watching, kept between the look that did not see its stream and `readAt`
	 * (the server's clock is not ours). The first entry written after the stream was found ends the wait.
	 */
	private arrival(stream: string, ms: number, readAt: number): number {
		const late = this.foundLate.get(stream);
		if (!late) return readAt;
		if (ms < late.foundAt) return Math.min(readAt, Math.max(ms, late.since));
		this.foundLate.delete(stream);
		return readAt;
	}

	/** Say the entries found deleted before they were read, per stream their total so far. */
	private countUnread(reply: NonNullable<XReadReply>, entries: StreamEntry[], count: number, looks: StreamLook[]): void {
		const reads = new Map<string, ReadOfStream>();
		for (const [key, streamEntries] of reply) reads.set(streamName(key), {returned: streamEntries.length, handedOut: []});
		for (const entry of entries) reads.get(entry.stream)!.handedOut.push(entry.id);
		for (const {stream, lost} of this.unread.count(reads, count, looks)) this.sayUnread(stream, lost);
	}

	/** Say in the gaps the entries of `stream` found deleted before they were read: `lost` in all so far. */
	private sayUnread(stream: string, lost: number): void {
		// One entry is said as one (it said `1 entries … were deleted`).
		const [were, they] = lost === 1 ? ['was', 'it was'] : ['were', 'they were'];
		this.gaps.set(`unread ${stream}`, `${counted(lost, 'entry', 'entries')} of stream ${stream} ${were} deleted (XTRIM, MAXLEN or XDEL) before ${they} read`);
	}

	/** The next XREAD (or round of them, on a cluster). */
	private nextRead(): XRead {
		return this.reader instanceof Redis ? this.xread() : this.clusterRead();
	}

	/**
	 * Drop the streams read that are now keys of another type (a stream deleted, then its name SET): said in the
	 * notices until discovery finds the name a stream again (read then from its start, a new stream) or gone.
	 */
	private async dropRetyped(): Promise<void> {
		const streams = [...this.ids.keys()];
		const types = await eachCommand(streams.map(async stream => this.admin.type(this.keys.get(stream) ?? stream)));
		for (const [index, [error, type]] of types.entries()) {
			if (error) throw error;
			if (type === 'stream' || type === 'none') continue;
			const stream = streams[index]!;
			this.drop(stream);
			this.retyped.set(stream, `"${stream}" is a ${String(type)}, not a stream: it was one, made again as another type; not read until it is a stream again`);
		}
	}

	/**
	 * Find the streams to read: exact names that are streams or do not exist yet (XREAD waits for them), and
	 * streams matching the patterns (`SCAN … TYPE stream`, names as bytes: they need not be UTF-8). New ones start
	 * per `start`; vanished ones are dropped. A stream whose name shows like another's cannot be told apart by its
	 * position or topic: it is not read, and said.
	 */
	private async discover(start: StartFrom): Promise<void> {
		const {names, globs} = this.url.streams;
		const since = this.lookedAt;
		this.lookedAt = Date.now();
		/** Name as text → key. */
		const found = new Map<string, StreamKey>();
		const missing = new Set<string>();
		this.restarts = [];
		const notes: string[] = [];
		const warnings: string[] = [];
		if (names.length > 0) {
			const types = await eachCommand(names.map(async name => this.admin.type(name)));
			for (const [index, [error, type]] of types.entries()) {
				if (error) throw error;
				if (type === 'stream' || type === 'none') found.set(names[index]!, names[index]!);
				// Read as soon as it appears, like a topic that does not exist yet: but said, or a typo looks like a quiet stream.
				if (type === 'none') missing.add(names[index]!);
				// A stream made again as another type is said once, as such (retyped).
				else if (type !== 'stream' && !this.retyped.has(names[index]!)) warnings.push(`"${names[index]!}" is a ${String(type)}, not a stream`);
			}
		}

		/** The scan stopped before the end of the keyspace: more streams match than are read. */
		let cut = false;
		for (const node of await scannedNodes(this.admin)) {
			for (const glob of globs.length > 0 || names.length > 0 ? globs : ['*']) {
				let cursor = '0';
				do {
					const [next, keys] = await node.scanBuffer(cursor, 'MATCH', glob, 'COUNT', 1000, 'TYPE', 'stream');
					for (const key of keys) this.add(found, key, warnings);
					cursor = next.toString('latin1');
				} while (cursor !== '0' && found.size < maxStreams);
				cut ||= cursor !== '0';
			}
		}

		// A scan cut short reaches first whatever streams were made where it looks first: those read go on being read.
		if (cut) await this.keepReading(found);
		if (cut || found.size > maxStreams) warnings.push(`more than ${maxStreams} streams match: reading ${maxStreams} of them, the same ones for as long as they exist (name streams or narrower patterns in ?streams= to choose which)`);
		// A stream named that is gone is waited for from its start, as a stream of its own (below).
		for (const [stream, id] of [...this.ids]) if (!found.has(stream) || (missing.has(stream) && entryPosition(id))) this.drop(stream);
		// Those read so far first: streams made since do not take their place.
		const read = [...[...found].filter(([stream]) => this.ids.has(stream)), ...[...found].filter(([stream]) => !this.ids.has(stream))].slice(0, maxStreams);
		// Asked all at once: one round trip for every new stream, not one each (1,000 streams 20 ms away took 20 s).
		const starts = new Map(await Promise.all(read.filter(([stream]) => !this.ids.has(stream)).map(async ([stream, key]) => [stream, await this.startId(key, start)] as const)));
		for (const [stream, key] of read) {
			this.keys.set(stream, key);
			const startId = starts.get(stream);
			if (startId !== undefined) {
				this.ids.set(stream, startId);
				this.unsaved = true;
				// Made during the run: what it holds was written while we looked for it (receivedAt, arrival).
				if (this.discovered) this.foundLate.set(stream, {since, foundAt: Date.now()});
			}

			// Read before and gone since: a stream of its own now, whose ids may be ones stored of the one before.
			if (!missing.has(stream) && this.vanished.delete(stream)) this.restart(stream, madeAgain(stream), madeAgainMeanwhile(stream));
		}

		// Counted from now (the first discovery: every stream; later ones: those found), before any XREAD names them.
		await this.beginCounting(read.filter(([stream]) => starts.has(stream) || !this.discovered));
		// A stream again, or gone (a name that does not exist is found): no longer said as made again.
		for (const stream of [...this.retyped.keys()]) if (found.has(stream)) this.retyped.delete(stream);
		if (found.size === 0) notes.push('no stream matches the selection yet');
		this.missing = missing;
		this.remarks = notes;
		this.warnings = warnings;
	}

	/** Add to `found` the streams read that a scan cut short did not reach, while they are streams (TYPE, all at once). */
	private async keepReading(found: Map<string, StreamKey>): Promise<void> {
		const unseen = [...this.ids.keys()].filter(stream => !found.has(stream));
		const types = await eachCommand(unseen.map(async stream => this.admin.type(this.keys.get(stream) ?? stream)));
		for (const [index, [error, type]] of types.entries()) {
			if (error) throw error;
			const stream = unseen[index]!;
			if (type === 'stream') found.set(stream, this.keys.get(stream) ?? stream);
		}
	}

	/**
	 * Take what each of `streams` held after its start position as the run began (XINFO STREAM, all at once), so that
	 * entries deleted before the first XREAD are counted as unread (UnreadLoss.begin), not taken for gone before: a
	 * backlog after a position inside a stream (a resumed run) is counted (backlog.ts) while the lengths of the streams
	 * counted fit in maxCounted. On a cluster nothing is counted (clusterRead).
	 */
	private async beginCounting(streams: Array<[string, StreamKey]>): Promise<void> {
		if (!(this.reader instanceof Redis) || streams.length === 0) return;
		const replies = await eachCommand(streams.map(async ([, key]) => this.admin.call('XINFO', 'STREAM', key)));
		const looks: Array<{look: StreamLook; key: StreamKey}> = [];
		for (const [index, [error, reply]] of replies.entries()) {
			// Gone, another type, or Redis before 7.0: counted from its first look, if ever.
			if (error) continue;
			const [stream, key] = streams[index]!;
			const look = streamLook(stream, this.ids.get(stream)!, reply);
			if (look) looks.push({look, key});
		}

		let budget = maxCounted;
		const counts = await Promise.all(looks.map(async ({look, key}) => {
			if (heldUnread(look) !== undefined || look.length > budget) return undefined;
			budget -= look.length;
			// Advisory: a stream not counted (gone meanwhile, a connection lost) is counted from its first look, as before.
			return entriesAfter(this.admin, key, look.position, look.lastId, look.length).catch(() => undefined);
		}));
		for (const [index, {look}] of looks.entries()) this.unread.begin(look, counts[index]);
	}

	/**
	 * Add a stream SCAN found, under its name as text; one whose name shows like a stream's already found is left out
	 * and said once, whatever is read (`warnings`: SourceHealth.notices).
	 */
	private add(found: Map<string, StreamKey>, key: Buffer, warnings: string[]): void {
		const stream = streamName(key);
		const known = found.get(stream);
		if (known === undefined) {
			found.set(stream, key);
			return;
		}

		if (sameKey(known, key)) return;
		// The one read so far goes on being read: its position and topic keep meaning the same stream.
		const reading = this.keys.get(stream);
		if (reading !== undefined && sameKey(reading, key)) found.set(stream, key);
		const note = `a stream named "${stream}" cannot be read: another one, read instead, has a name shown the same (a byte that is not UTF-8 is shown as \\xNN)`;
		if (warnings.length < maxAlike && !warnings.includes(note)) warnings.push(note);
	}

	/** Stop reading a stream that is gone (deleted, or made another type), remembering whether it was read. */
	private drop(stream: string): void {
		if (entryPosition(this.ids.get(stream)!)) {
			this.vanished.add(stream);
			this.noteMeanwhile(stream, `stream ${stream} is gone (deleted, or the server came back without it): read from its start if it is made again`);
		}

		this.unread.forget(stream);
		this.foundLate.delete(stream);
		this.ids.delete(stream);
		this.keys.delete(stream);
		if (this.vanished.size > maxVanished) this.vanished.delete(this.vanished.values().next().value!);
	}

	/**
	 * Streams read that gave no entry to the last XREAD, at most maxLooks of them, in turn: a stream whose ids went back
	 * gives none (XREAD waits for ids after ours); one that gives entries is alive where we read it.
	 */
	private idle(): string[] {
		const idle = [...this.ids.keys()].filter(stream => !this.heard.has(stream));
		if (idle.length <= maxLooks) return idle;
		this.lookFrom %= idle.length;
		const looked = [...idle.slice(this.lookFrom), ...idle].slice(0, maxLooks);
		this.lookFrom += maxLooks;
		return looked;
	}

	/**
	 * Look whether `streams` are still the ones read up to their positions (stream-life.ts): each whose ids went back
	 * is read again from its start, and said. `resumed`: the positions were saved by an earlier run, and entries
	 * deleted after them before they were read are said too (while running, entries are read as they come: an entry
	 * deleted after a position may well have been read in the XREAD already under way).
	 */
	private async lookBack(streams: string[], resumed: boolean): Promise<void> {
		const held = streams.filter(stream => this.ids.has(stream)).map(stream => ({stream, key: this.keys.get(stream) ?? stream, position: this.ids.get(stream)!}));
		for (const life of await changedStreams(this.admin, held)) {
			// Moved on meanwhile (nothing is read during the look, but keep to what was looked at).
			if (this.ids.get(life.stream) !== life.position) continue;
			if (life.change === 'went back') this.restart(life.stream, wentBack(life, this.storedBetween?.({source: 'redis', origin: this.origin, topic: life.stream}, life.lastId, life.position)), wentBackMeanwhile(life));
			else if (!resumed) this.deletedMeanwhile(life);
			else if (life.change === 'trimmed') this.gaps.add(`stream ${life.stream} was trimmed past the position read (${life.position}): its first entry is ${life.firstId}, any entries between were deleted before they were read`);
			else this.gaps.add(`entries of stream ${life.stream} after ${life.position} (up to ${life.deletedUpTo}) were deleted (XDEL) before they were read`);
		}
	}

	/**
	 * Entries of a stream deleted after its position while the source could not read (reconnecting: an outage), so
	 * never read: a trim past it (XTRIM, MAXLEN; counted where the stream is, UnreadLoss) or an XDEL. Said once it reads
	 * again (resumed), the count in the gaps too. Found while reading (an idle look), they are the XREADs' to count.
	 */
	private deletedMeanwhile(life: StreamLife & {change: 'trimmed' | 'deleted'}): void {
		if (this.state !== 'reconnecting') return;
		const {stream, position} = life;
		const counts = life.change === 'trimmed' && life.look ? this.unread.countStopped(life.look) : undefined;
		if (counts?.lost === 0) return;
		const words = life.change === 'deleted'
			? `entries of stream ${stream} after ${position} (up to ${life.deletedUpTo}) were deleted (XDEL) before they were read`
			: `stream ${stream} was trimmed past where reading stopped (${position})${counts ? `: ${counted(counts.lost, 'entry', 'entries')} deleted before they were read` : `, its first entry now ${life.firstId}: any entries between were deleted before they were read`}`;
		this.noteMeanwhile(stream, words);
		// Kept for the end of the run: counted, in the stream's running total; else as said.
		if (counts) this.sayUnread(stream, counts.total);
		else this.gaps.add(words, false);
	}

	/** Read `stream` again from its start, and say `why` (`meanwhile`: how, in the line that says reading went on, when it does after an outage). */
	private restart(stream: string, why: string, meanwhile: string): void {
		this.ids.set(stream, '0-0');
		// The XREAD under way asks from the old position: its reply (which moved no position yet) is left unread.
		this.prefetched = undefined;
		this.startsAgain(stream, why, meanwhile);
	}

	/**
	 * `stream` is read from its start again (its position is saved with the next batch); `why` is said, as news of
	 * its own unless found during an outage: the line that says reading went on says it then (`meanwhile`).
	 */
	private startsAgain(stream: string, why: string, meanwhile: string): void {
		this.rewound = true;
		this.unread.forget(stream);
		const news = !this.noteMeanwhile(stream, meanwhile);
		if (news) this.restarts.push(why);
		this.gaps.add(why, news);
	}

	/** Note how `stream` changed (`words`) while the source cannot read (reconnecting), to say once it reads again (resumed); whether it was (else it is news of its own). */
	private noteMeanwhile(stream: string, words: string): boolean {
		if (this.state !== 'reconnecting') return false;
		this.meanwhile.set(stream, words);
		return true;
	}

	/** How reading went on after an outage, from what was found changed meanwhile (resumed); undefined when from where it stopped. */
	private resumedWords(): string | undefined {
		const words = [...this.meanwhile.values()];
		this.meanwhile.clear();
		return words.length > 0 ? words.join('; ') : undefined;
	}

	/** The id just before the first entry to read: the newest entry (latest), 0-0 (earliest), or before a time. */
	private async startId(stream: StreamKey, start: StartFrom): Promise<string> {
		if (start.kind === 'earliest') return '0-0';
		if (start.kind === 'time') return start.ms > 0 ? `${start.ms - 1}-${maxSequence}` : '0-0';
		const newest = await this.admin.xrevrange(stream, '+', '-', 'COUNT', 1);
		return newest[0]?.[0] ?? '0-0';
	}

	private async refreshLag(): Promise<void> {
		// During an outage a refresh waits for the connection: never queue a second one behind it.
		if (this.lagging || this.closed) return;
		this.lagging = true;
		try {
			const {entries, cut} = await fetchRedisLag(this.admin, [...this.ids.keys()].map(stream => [stream, this.keys.get(stream) ?? stream]));
			this.lag = entries;
			this.lagCut = cut;
		} catch {
			// Lag is advisory; connection trouble already shows through the reader's state.
		} finally {
			this.lagging = false;
		}
	}

	/**
	 * Run a command until it succeeds, the source closes (undefined) or credentials fail (InputError). A blocking
	 * XREAD cut by a disconnect is simply sent again with the same ids: nothing lost, nothing read twice.
	 */
	private async retrying<T>(action: () => Promise<T>): Promise<T | undefined> {
		for (let attempt = 0; ; attempt++) {
			if (this.fatal !== undefined) throw this.fatalError();
			if (this.closed) return undefined;
			try {
				const result = await unlessCut(action(), this.interruption.signal);
				if (result === cutShort) continue;
				this.settle();
				return result as T;
			} catch (error) {
				if (this.closed) return undefined;
				// A user error (a database a cluster does not have) is no more cured by retrying than bad credentials.
				if (isFatalRedisError(error) || error instanceof InputError) this.fatal = error;
				else if (this.reader instanceof Redis && redirected.test(safeErrorMessage(error, this.url.secrets))) this.fatal = new InputError(`${safeErrorMessage(error, this.url.secrets)}: this server is a Redis Cluster node, read whole once known as one (INFO, or CLUSTER SLOTS): let this user run CLUSTER SLOTS`);
				else {
					this.troubled(error);
					await pause(Math.min(100 * 2 ** attempt, 2000), this.interruption.signal);
				}
			}
		}
	}

	/** An error that stops the source, in the words to show (certificate problems say what to do). */
	private fatalMessage(error: unknown): string {
		if (error instanceof InputError) return error.message;
		return maskSecrets(redisTlsProblem(error) ?? fatalWords(error, this.url.secrets), this.url.secrets);
	}

	private fatalError(): InputError {
		const message = this.fatalMessage(this.fatal);
		this.state = 'error';
		this.error = message;
		return new InputError(`Redis ${this.name}: ${message}`);
	}

	/** ioredis reports every failed (re)connection here; bad credentials stop the source. */
	private clientError(error: Error): void {
		if (this.closed) return;
		if (isFatalRedisError(error)) {
			this.fatal ??= error;
			this.state = 'error';
			this.error = this.fatalMessage(error);
			// No reconnection cures bad credentials: stop both connections and wake the loop.
			this.reader.disconnect();
			this.admin.disconnect();
			this.interruption.abort();
			return;
		}

		const silent = socketSilence.exec(error.message);
		this.troubled(silent ? `no reply from the server in ${formatSpan(Number(silent[1]))}: connecting again` : error);
	}

	/**
	 * Connected once a command worked and both connections are up: before the first discovery the start positions are
	 * not known yet, and either connection still reconnecting stalls the loop (discovery runs on the other one). Also
	 * after failures on a connection that stayed up (a server demoted to replica: MASTERDOWN), which no 'ready' ends.
	 */
	private settle(): void {
		// A connection never used has status 'wait' (it connects on its first command): nothing to read yet.
		const up = (client: RedisClient) => client.status === 'ready' || client.status === 'wait';
		if (!this.discovered || !up(this.reader) || !up(this.admin)) return;
		// Reading again after a reconnection: not before the streams are looked at (read), to say how it went on.
		if (this.reconnections !== this.lookedAfter && this.ids.size > 0) return;
		this.nodeTrouble = undefined;
		this.setState('connected');
	}

	/**
	 * Not connected, for `problem`; on a cluster, the node that failed last says it better (a cluster client's own
	 * errors, such as "Too many Cluster redirections", do not name it) until a command works again.
	 */
	private troubled(problem: unknown): void {
		this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', this.nodeTrouble ?? problem);
	}

	private setState(state: SourceState, problem?: unknown): void {
		if (this.state === 'error' || this.closed) return;
		// Reading again after an outage: how it went on, as the looks meanwhile found; unset once it cannot read again.
		if (state === 'connected' && this.state === 'reconnecting') {
			this.resumed = this.resumedWords();
			this.resumedAt = Date.now();
		} else if (state !== 'connected') this.resumed = undefined;
		this.state = state;
		// A server that cannot be reached is said in our words (ioredis: `connect ECONNREFUSED 127.0.0.1:6379`).
		this.error = problem === undefined ? undefined : typeof problem === 'string' ? problem : unreachableWords(safeErrorMessage(problem, this.url.secrets), [hostPort(this.url.host, this.url.port)], state === 'connecting', 'server');
	}
}

/**
 * What is said of a stream whose ids went back from `position` to `lastId` (and, `writtenPast`, were written past
 * `position` again since): what it read after `lastId` is gone (`stored` of them in the store, undefined when it holds
 * none of the stream), and what it holds is read again (`held` entries, when known), each entry counted again only
 * when it is not the one read at its id (store/guard.ts).
 */
function wentBack({stream, position, lastId, writtenPast, held}: StreamLife & {change: 'went back'}, stored: number | undefined): string {
	const since = writtenPast ? `, then written past ${position} again` : '';
	const read = writtenPast ? '; the entries written since read as new' : '';
	const gone = stored === undefined ? `the entries read after ${lastId} are gone from it (how many, the store cannot tell: it holds none of the stream)` : `the ${counted(stored, 'entry', 'entries')} stored after ${lastId} are gone from it`;
	const again = held === undefined ? 'read again from its start' : `its ${counted(held, 'entry', 'entries')} up to ${lastId} read again from its start`;
	return `ids of stream ${stream} went back from ${position} to ${lastId} (deleted and made again, or the server restored from an older copy?)${since}: ${gone}; ${again}, those already read (same id and content) not counted again${read}`;
}

/** How reading went on with a stream whose ids went back during an outage (said in the line that says reading went on). */
function wentBackMeanwhile({stream, position, lastId}: StreamLife & {change: 'went back'}): string {
	return `ids of stream ${stream} went back from ${position} to ${lastId} (deleted and made again, or the server came back from an older copy?), read again from its start, those already read not counted again`;
}

/** How reading went on with a stream gone and found again during an outage. */
function madeAgainMeanwhile(stream: string): string {
	return `stream ${stream} was deleted and made again, read from its start`;
}

/** What is said of a stream read before, gone, and found again. */
function madeAgain(stream: string): string {
	return `stream ${stream} was deleted and made again since it was last read: its new entries were read from its start`;
}

/** Order of two entries by id: milliseconds, then sequence. */
function compareEntries(a: StreamEntry, b: StreamEntry): number {
	return a.ms - b.ms || a.sequence - b.sequence;
}

/**
 * A reply's entries merged across streams by entry-id time (ties in stream order). A stream that filled its COUNT
 * may have more entries waiting: nothing later than its last entry is handed out from the other streams, which
 * read it again next time (their positions stay before it). So a backlog is read across streams in time, not one
 * stream drained ahead of the others, which would put the others' events far behind the hops' watermark.
 */
function mergedEntries(reply: NonNullable<XReadReply>, count: number): StreamEntry[] {
	const entries: StreamEntry[] = [];
	let frontier: StreamEntry | undefined;
	for (const [key, streamEntries] of reply) {
		const stream = streamName(key);
		let last: StreamEntry | undefined;
		for (const [idBytes, fields] of streamEntries) {
			const id = idBytes.toString('latin1');
			const dash = id.indexOf('-');
			last = {stream, id, ms: Number(id.slice(0, dash)), sequence: Number(id.slice(dash + 1)), fields};
			entries.push(last);
		}

		if (last && streamEntries.length >= count && (!frontier || compareEntries(last, frontier) < 0)) frontier = last;
	}

	// Each stream's entries are already in order: the sort (stable) merges those runs.
	if (reply.length > 1) entries.sort(compareEntries);
	if (!frontier) return entries;
	let end = entries.length;
	while (end > 0 && compareEntries(entries[end - 1]!, frontier) > 0) end--;
	return end === entries.length ? entries : entries.slice(0, end);
}

/**
 * Read `redis://[user:pass@]HOST:PORT[/DB]?streams=NAME,PATTERN` live with XREAD. Each batch carries the positions
 * `stream → last entry id`; `batches(resume)` continues strictly after them. Groups' lag and pending are in
 * `health().lag`. Entry values follow decodeStreamFields.
 */
export function redisStreamsSource(url: string, options: RedisStreamsSourceOptions = {}): Source {
	return new RedisStreamsSource(url, options);
}
