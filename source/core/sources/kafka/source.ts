// Live Kafka source. Reads without disturbing anyone: no consumer group at all (partitions are
// fetched from our own positions, saved with the events), nothing committed, read_committed, no topic auto-creation.
import type {Consumer as FetchClient, fetchV17} from '@platformatic/kafka';
import type {Admin, Kafka} from 'kafkajs';
import {defaultConfig, type FieldConfig} from '../../config.js';
import {brokerTime, payloadTime, type RawEvent} from '../../envelope.js';
import {InputError} from '../../errors.js';
import {safeErrorMessage} from '../../redact.js';
import type {Positions, RestartedPartition} from '../../store/types.js';
import {cutShort, pause, unlessCut, within} from '../cut-short.js';
import {GapLog} from '../gap-log.js';
import {Handoff} from '../handoff.js';
import {createFetchClient, createKafkaClient, isAuthenticationFailure, isFatalKafkaError, isListenerRefusal, onBytesFromBroker, partitionErrorMetadata, type TopicLeaders} from './client.js';
import {KafkaLagReader, type LagEntry} from './lag.js';
import {leaderlessWords} from './leaderless.js';
import {listenerFindings} from './listener-probe.js';
import {positionKey, savedStart, startOffsets, topicIdKey, topicOfIdKey, topicOfPositionKey} from './positions.js';
import {readPartition} from './records.js';
import {handedOut, type FetchedPart, type Starved} from './round-bound.js';
import {RoundSize} from './round-size.js';
import {isUnreachable, unreachableWords} from '../unreachable.js';
import {liveHealth, type Source, type SourceBatch, type SourceHealth, type SourceState} from '../source.js';
import {clusterPositionKey, parseKafkaUrl, topicSelected, type KafkaSasl, type KafkaSourceUrl, type KafkaTls} from './url.js';
import {parseStartFrom, startFromAt, startFromText, type StartFrom} from '../start-from.js';
import {formatCount} from '../../units/format.js';

/** Options of the Kafka source; credentials given here win over the URL and the environment. */
export type KafkaSourceOptions = {
	/** `latest` (default), `earliest` or an ISO time: where to start when no position was saved. */
	from?: string;
	/** `--to now`: stop once every partition is read up to where its log ended when the run started. */
	toNow?: boolean;
	sasl?: KafkaSasl;
	tls?: KafkaTls;
	/** How often topics are listed again (new topics matching a pattern, deleted topics, new partitions). */
	discoveryIntervalMs?: number;
	/** How often application groups' lag is fetched. */
	lagIntervalMs?: number;
	/** Where events carry their event time, as the normalizer reads it (default: the default configuration's fields). */
	fields?: Pick<FieldConfig, 'time' | 'containers'>;
};

/** One partition's events on their way from a fetch to the engine, and the position after them. */
type PartitionBatch = {key: string; next: string; events: RawEvent[]; topic?: {name: string; id: string}; restarted?: RestartedPartition; more?: boolean};

/** A partition to fetch, with the topic it belongs to. */
type FetchTarget = {topic: string; topicId: string; partition: number; offset: bigint};

/** A fetched partition's events before the round decides how many it hands out, and the offset after them. */
type FetchedPartition = FetchedPart & {target: FetchTarget; key: string; next: bigint; events: RawEvent[]};

const earliest: StartFrom = {kind: 'earliest'};

/** Handed over after the last batch of a `--to now` run: every partition is read up to where it ended at the start. */
const readToNow = Symbol('read to now');

/** How long the broker may hold a fetch open waiting for data (how much one fetch may return: RoundSize). */
const fetchWaitMs = 500;

/** A record batch's bytes before those its length field counts: its first offset (int64) and that length (int32). */
const batchHeadBytes = 12;

/** Waits between failed fetches: short, so a broker that comes back is read again within about a second. */
const retryDelaysMs = [100, 250, 500, 1000];

/**
 * A round waiting this long without a byte from the broker means a broker that stopped answering (stuck, or its host
 * or the link to it gone without closing the connection): the health says so at once, while the request still waits
 * for its own timeout (30 s). A healthy broker starts answering a fetch within fetchWaitMs; over a slow link (a VPN,
 * a jump host) the whole answer may take longer than this, but its bytes keep coming.
 */
const silentLimitMs = 5000;

/** With no topic to read, the broker is asked for metadata this often: a broker lost or stuck shows as soon as while reading. */
const idleProbeMs = 1000;

/** Kafka error codes of a fetched partition that mean "ask for metadata again" (leader moved, topic changed). */
const staleMetadataCodes = new Set([3, 5, 6, 74, 75, 100, 110]);
const offsetOutOfRange = 1;

/**
 * A partition read up to its last stable offset while its log goes on past it for this long waits for a transaction
 * left open (a producer hung or killed mid-transaction: the broker aborts it after its transaction.timeout.ms, up to
 * 15 min): said, since read_committed shows nothing written after it, from any producer, as if nothing came. Shorter
 * waits are every transactional producer's ordinary work (Kafka Streams commits every 100 ms).
 */
const openTransactionSayMs = 10_000;

/** Closing never waits longer than this for a client to say goodbye to a broker that may be gone. */
const disconnectTimeoutMs = 1000;

/** While listed groups wait to be checked for commits on the topics read, lag is refreshed this often (KafkaLagReader). */
const lagSweepMs = 1000;

/** The response a fetch gave, also when some partitions failed (the client then throws it with the response). */
function responseOf(error: unknown): fetchV17.FetchResponse | undefined {
	return (error as {response?: fetchV17.FetchResponse} | undefined)?.response?.responses ? (error as {response: fetchV17.FetchResponse}).response : undefined;
}

/** The Kafka source behind `kafka://` URLs. */
class KafkaSource implements Source {
	/** The brokers and topics as given until the cluster's id is known, then that id and the topics (clusterPositionKey). */
	id: string;
	readonly formerIds: readonly string[];
	/** The name shown (the URL without credentials, as given). */
	private readonly name: string;
	/** The cluster, as its events say where they came from (RawEvent.origin): its id once known, so that the read-twice guard knows it under any spelling of its brokers. */
	private origin: string;
	private readonly url: KafkaSourceUrl;
	private readonly from: StartFrom;
	private readonly kafka: Kafka;
	/** Replaced after a topic deletion: kafkajs keeps asking for metadata of every topic it once used, and fails. */
	private admin: Admin;
	private readonly client: FetchClient;
	private readonly handoff = new Handoff<PartitionBatch | typeof readToNow>();
	/** Next offset to deliver per partition: what the engine has taken, saved with its events. */
	private readonly positions = new Map<string, string>();
	/** What could not be read, or was read again from a topic's start (SourceHealth.gaps). */
	private readonly gaps = new GapLog();
	/** Partitions whose offsets went back, until a batch of their new events carries that to the store. */
	private readonly restarted = new Set<string>();
	/**
	 * What the reads found changed while the source could not read (reconnecting): topics made again, partitions whose
	 * offsets went back, topics gone. Said once it reads again (resumed), then cleared.
	 */
	private readonly meanwhile = {remade: new Set<string>(), wentBack: new Set<string>(), deleted: new Set<string>(), gone: new Set<string>()};
	/** How the source went on after its last outage when not from where it stopped (SourceHealth.resumed). */
	private resumed: string | undefined;
	/** When it read again after that outage (SourceHealth.resumedAt). */
	private resumedAt: number | undefined;
	/** Next offset to fetch per partition: ahead of `positions` by the batch waiting for the engine. */
	private readonly cursor = new Map<string, bigint>();
	/** Where each partition's readable log ended, as its last fetch said: what a topic deleted meanwhile held unread, and what is still behind (behind). */
	private readonly ends = new Map<string, bigint>();
	/** Each topic's id as the broker last gave it: a new one means the topic was deleted and made again. */
	private readonly topicIds = new Map<string, string>();
	/**
	 * Partitions found without a leader, hence with no start offset yet, and where they are to start once they have one
	 * (saved among the positions, so a later run starts them there too): where `--from` put the run's start for those
	 * found then (`latest` being the first message written from the run's start time on: whatever a producer held back
	 * for want of a leader and sent once one was elected was sent after that), the log's start for those found later.
	 */
	private readonly unstarted = new Map<string, StartFrom>();
	/** Selected topics and their partition counts. */
	private topics = new Map<string, number>();
	/** The run's first discovery is done: partitions found after it are new (made during the run). */
	private discovered = false;
	/** When the latest discovery began: a partition it did not see was made (or came into the selection) after. */
	private lookedAt = 0;
	/**
	 * Partitions a later discovery started (topics or partitions made during the run), until a fetch reads up to their
	 * end: `since` the discovery before, which did not see them; `foundAt` the end of the one that did (arrivals).
	 */
	private readonly foundLate = new Map<string, {since: number; foundAt: number}>();
	private readonly deleted = new Set<string>();
	private state: SourceState = 'connecting';
	private error: string | undefined;
	private notice: string | undefined;
	private lag: LagEntry[] | undefined;
	/** Groups the URL names that the cluster does not list, as of the last lag refresh. */
	private missingGroups: string[] = [];
	/** What the lag's bounds left out (topics past the first 100, groups past the first 50 reading ours), as notices. */
	private lagCut: string[] = [];
	/** Listed groups not yet checked for commits on the topics read, as of the last lag refresh (SourceHealth.lagUnchecked). */
	private lagUnchecked: number | undefined;
	/** Which groups commit on the topics read, remembered from refresh to refresh. */
	private readonly lagReader = new KafkaLagReader();
	/** The next refresh, sooner than the interval while listed groups wait to be checked. */
	private lagSweep: NodeJS.Timeout | undefined;
	/** Partitions read (`topic/partition`) that had no leader at the last fetch round. */
	private leaderless: string[] = [];
	/** Metadata must be asked for again before the next fetch (leader moved, topic recreated, broker restarted). */
	private staleMetadata = false;
	private ticking = false;
	private lagging = false;
	/** Aborted to end a waitForChange early (a topic found, the source closing). */
	private wake: AbortController | undefined;
	private closed = false;
	/** Aborted when the source closes: cuts short every wait of its loops. */
	private readonly closing = new AbortController();
	private control: Promise<void> | undefined;
	private readonly timers: NodeJS.Timeout[] = [];
	/** When bytes last arrived from a broker on the fetch client's connections (ms since the epoch), and how many in all. */
	private heardAt = 0;
	private heardBytes = 0;
	/** How much the next fetch round asks for: what the link brings in about a second. */
	private readonly roundSize = new RoundSize();
	/** The round under way was said silent (reconnecting): bytes arriving again say the broker is back. */
	private silenceSaid = false;
	/** An event's event time, as the normalizer will read it: what bounds a round (round-bound.ts). */
	private readonly timeOf: (event: RawEvent) => number | undefined;
	/** Partitions a round gave events in this run: starved later, they bound a round where they resume (round-bound.ts). */
	private readonly seen = new Set<string>();
	/** Where each partition seen resumes in event time: its first event held back, else its last handed out. */
	private readonly resumesAt = new Map<string, number>();
	/** Partitions the last round starved whose share has grown to fit their next batch: they bound the round. */
	private readonly outgrown = new Set<string>();
	/** Partitions the last round gave nothing though they had more to read: fetched first next round. */
	private readonly starved = new Set<string>();
	/**
	 * Partitions read up to their last stable offset (`stable`) while their log goes on to `end`: what lies between
	 * waits for a transaction still open. `since` is when it was first seen waiting at that offset.
	 */
	private readonly waiting = new Map<string, {stable: bigint; end: bigint; since: number}>();
	/**
	 * `--to now`: where each partition's log ended when the run started, as ListOffsets gives it to a read_committed
	 * reader (past its last message and transaction markers; before a transaction still open, which is not waited
	 * for), and the partitions that then had no leader to ask, whose end is unknown.
	 */
	private stopAt: {ends: Map<string, bigint>; unknown: string[]} | undefined;
	/** A listener being asked what SASL and TLS it speaks (listenerMismatch). */
	private probing?: Promise<InputError | undefined>;
	/** The broker that refused the credentials, as the client's log line named it. */
	private refusedBy?: string;
	/** No broker of several answered the last question (each named), while the source was still connecting. */
	private silentBrokers?: string;

	constructor(url: string, private readonly options: KafkaSourceOptions) {
		const parsed = parseKafkaUrl(url);
		this.url = {...parsed, sasl: options.sasl ?? parsed.sasl, tls: options.tls ?? parsed.tls};
		if (options.sasl) this.url.secrets = [...parsed.secrets, options.sasl.password];
		this.id = parsed.positionKey;
		this.name = parsed.display;
		// Positions were saved under the name before positions had a key of their own.
		this.formerIds = parsed.display === parsed.positionKey ? [] : [parsed.display];
		this.origin = parsed.server;
		this.from = parseStartFrom(options.from);
		const fields = options.fields ?? defaultConfig.fields;
		this.timeOf = event => payloadTime(event, fields) ?? brokerTime(event);
		this.kafka = createKafkaClient(this.url, (level, message, broker) => {
			if (broker && /authentication failed/i.test(message)) this.refusedBy = broker;
			this.clientLog(level, message);
		});
		this.admin = this.kafka.admin();
		this.client = createFetchClient(this.url);
		onBytesFromBroker(this.client, bytes => {
			this.heard(bytes);
		});
	}

	async* batches(resume?: Positions, positionsOf?: (id: string) => Positions): AsyncIterable<SourceBatch> {
		if (this.control) throw new Error('batches() of a Kafka source can be iterated once');
		this.control = this.run(resume, positionsOf).catch(error => {
			this.fail(error);
		});
		try {
			for (;;) {
				const item = await this.handoff.take();
				if (!item) return;
				if (item === readToNow) {
					// Past the last message read: transaction markers and compacted offsets too, so that a later run starts there.
					for (const [key, next] of this.cursor) this.positions.set(key, next.toString());
					yield {events: [], positions: Object.fromEntries(this.positions)};
					return;
				}

				this.positions.set(item.key, item.next);
				if (item.topic) this.positions.set(topicIdKey(item.topic.name), item.topic.id);
				yield {events: item.events, positions: Object.fromEntries(this.positions), ...(item.restarted && {restarted: [item.restarted]}), ...(item.more && {more: true})};
			}
		} finally {
			await this.close();
		}
	}

	health(): SourceHealth {
		// A missing group is no reason to think there is nothing to read: a notice of its own, said whether or not events came.
		const notices = [...this.missingGroups.map(group => `consumer group "${group}" does not exist`), ...this.lagCut];
		// Partitions without a leader are not read while the others are: said for as long as it lasts.
		const leaderless = this.leaderless.length > 0 && this.state === 'connected' ? `${leaderlessWords(this.leaderless)} without a leader (a broker down or an election): not read until one is elected` : undefined;
		const notice = [leaderless, this.notice].filter(Boolean).join('; ') || undefined;
		if (this.stopAt && this.stopAt.unknown.length > 0) notices.push(`--to now: ${leaderlessWords(this.stopAt.unknown)} had no leader when the run started, so where it ended is unknown: read on until --duration ends the run`);
		for (const [key, {stable}] of this.longWaits()) notices.push(`${key}: what was written from offset ${stable} on waits for a transaction still open (read_committed reads nothing past it until it commits or aborts)`);
		return liveHealth({name: this.name, state: this.state, error: this.error, notice, lag: this.lag, lagUnchecked: this.lagUnchecked, catchingUp: this.behind(), gaps: this.gaps, notices, resumed: this.resumed, resumedAt: this.resumedAt});
	}

	/** A partition read has more than its fetches gave so far, as the last fetch of it said (SourceHealth.catchingUp). */
	private behind(): boolean {
		for (const [key, end] of this.ends) {
			const next = this.cursor.get(key);
			if (next !== undefined && next < end) return true;
		}

		return false;
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		const short = this.shortOfEnd();
		if (short) this.gaps.add(short);
		// Said at the end of the run: not read, though the broker holds it.
		for (const [key, {stable, end}] of this.longWaits()) {
			this.gaps.add(`${formatCount(Number(end - stable))} messages of ${key} (offsets ${stable} to ${end - 1n}: a transaction still open and what was written after it) were not read: read_committed waits for it to commit or abort`);
		}

		for (const timer of this.timers) clearInterval(timer);
		clearTimeout(this.lagSweep);
		this.closing.abort();
		this.handoff.close();
		this.wakeUp();
		await this.control;
		// A broker that is down would keep a polite goodbye waiting: Ctrl-C must end the process at once.
		await Promise.all([
			within(this.admin.disconnect(), disconnectTimeoutMs),
			within(new Promise<void>(resolve => {
				this.client.close(true, () => resolve());
			}), disconnectTimeoutMs),
		]);
		if (this.state !== 'error' && this.state !== 'finished') this.state = 'stopped';
	}

	/** Connect, learn the cluster's id and where to resume, discover topics, then fetch until closed. */
	private async run(resume?: Positions, positionsOf?: (id: string) => Positions): Promise<void> {
		if (!await this.untilDone(async () => this.admin.connect())) return;
		let saved = resume;
		if (!await this.untilDone(async () => {
			saved = await this.identify(positionsOf) ?? resume;
		})) return;
		// Only well-formed positions: a bad offset would make every fetch fail.
		for (const [key, offset] of Object.entries(saved ?? {})) {
			const idOf = topicOfIdKey(key);
			const start = key.includes('/') ? savedStart(offset) : undefined;
			if (key.includes('/') && /^\d+$/.test(offset)) {
				this.positions.set(key, offset);
				this.cursor.set(key, BigInt(offset));
			} else if (start) {
				// An earlier run found the partition without a leader and ended before it had one: it starts where that run said.
				this.positions.set(key, offset);
				this.unstarted.set(key, start);
			} else if (idOf !== undefined) {
				// The id the topic had when these positions were saved: fetching finds out if it was made again since.
				this.positions.set(key, offset);
				this.topicIds.set(idOf, offset);
			}
		}

		const start = this.positions.size > 0 ? earliest : this.from;
		const startedAt = Date.now();
		if (!await this.untilDone(async () => this.discover(start, startedAt))) return;
		if (this.options.toNow && !await this.untilDone(async () => this.learnEnds())) return;
		this.discovered = true;
		this.timers.push(
			setInterval(() => void this.tick(), this.options.discoveryIntervalMs ?? 10_000),
			setInterval(() => void this.refreshLag(), this.options.lagIntervalMs ?? 10_000),
		);
		for (const timer of this.timers) timer.unref();
		// A --to now run may end at once (an empty topic): its named groups are looked up first, or one that does not
		// exist would go unsaid where a run that read on says it.
		if (this.options.toNow) await this.refreshLag();
		else void this.refreshLag();
		await this.fetchLoop();
	}

	/**
	 * Name the source by the cluster's id, which every spelling of its brokers (`localhost` or `127.0.0.1`, one broker
	 * or all) reaches: positions are saved under it and events carry it as their origin. The positions saved under it
	 * when there are any, else undefined (those saved under the brokers as given go on: `resume`). A cluster that gives
	 * no id keeps the brokers as given.
	 */
	private async identify(positionsOf: ((id: string) => Positions) | undefined): Promise<Positions | undefined> {
		const {clusterId} = await this.admin.describeCluster();
		if (!clusterId) return undefined;
		this.id = clusterPositionKey(clusterId, this.url.selection);
		this.origin = clusterId;
		const saved = positionsOf?.(this.id);
		return saved && Object.keys(saved).length > 0 ? saved : undefined;
	}

	/**
	 * Fetch every selected partition from its cursor, one round after the other; a round is fetched while the engine
	 * stores the previous one, and handed over only once that one was taken (the engine's pace sets ours).
	 */
	private async fetchLoop(): Promise<void> {
		let delivering: Promise<void> = Promise.resolve();
		for (let failures = 0; !this.closed;) {
			if (this.readToNow()) {
				await delivering;
				this.setState('finished');
				await this.handoff.put(readToNow);
				return;
			}

			if (this.topics.size === 0) {
				// Nothing to read yet: discovery says so (connected, with a notice naming the missing topics) and wakes us.
				// Meanwhile a round with no topic asks the broker for metadata: discovery alone (every 10 s, 30 s before a
				// request times out) would show a dead broker as a quiet one for that long.
				await delivering;
				await this.waitForChange(idleProbeMs);
				if (this.closed) break;
				if (this.topics.size === 0) this.staleMetadata = true;
			}

			let round: PartitionBatch[];
			const stopWatching = this.watchSilence();
			try {
				round = await this.fetchRound();
				failures = 0;
			} catch (error) {
				stopWatching();
				if (isFatalKafkaError(error)) throw error;
				this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', error);
				this.staleMetadata = true;
				await pause(retryDelaysMs[Math.min(failures++, retryDelaysMs.length - 1)]!, this.closing.signal);
				continue;
			}

			stopWatching();

			await delivering;
			delivering = this.deliver(round);
		}

		await delivering;
	}

	/** `--to now`: where each selected partition ended as the run started (stopAt). */
	private async learnEnds(): Promise<void> {
		const ends = new Map<string, bigint>();
		const unknown: string[] = [];
		for (const [topic, count] of this.topics) {
			// kafkajs asks read_committed (its `high` is the last stable offset); a partition without a leader is left out (patches/kafkajs+2.2.4.patch).
			const highs = new Map((await this.admin.fetchTopicOffsets(topic)).map(({partition, high}) => [partition, BigInt(high)]));
			for (let partition = 0; partition < count; partition++) {
				const end = highs.get(partition);
				if (end === undefined) unknown.push(positionKey(topic, partition));
				else ends.set(positionKey(topic, partition), end);
			}
		}

		this.stopAt = {ends, unknown};
	}

	/**
	 * `--to now`: every partition is fetched up to where it ended when the run started (or its topic was deleted since);
	 * partitions made later are not waited for.
	 */
	private readToNow(): boolean {
		if (!this.stopAt || this.stopAt.unknown.length > 0) return false;
		for (const [key, end] of this.stopAt.ends) {
			if (!this.topics.has(topicOfPositionKey(key))) continue;
			if ((this.cursor.get(key) ?? -1n) < end) return false;
		}

		return true;
	}

	/** `--to now` ended by --duration or a signal before every partition was read to its end: how far it was, said at the end. */
	private shortOfEnd(): string | undefined {
		if (!this.stopAt || this.state === 'finished') return undefined;
		const short: string[] = [];
		let unread = 0n;
		for (const [key, end] of this.stopAt.ends) {
			const next = BigInt(/^\d+$/.test(this.positions.get(key) ?? '') ? this.positions.get(key)! : '0');
			if (next >= end || !this.topics.has(topicOfPositionKey(key))) continue;
			unread += end - next;
			short.push(key);
		}

		const unknown = this.stopAt.unknown.length > 0 ? `; where ${leaderlessWords(this.stopAt.unknown)} ended is unknown (no leader when it started)` : '';
		if (short.length === 0 && !unknown) return undefined;
		const left = short.length === 0 ? 'every partition with a leader was read to it' : `${formatCount(Number(unread))} offsets of ${leaderlessWords(short).replace(/^partitions? /, '')} were not read`;
		return `--to now: the run ended before reading up to where the topics ended when it started: ${left}${unknown}`;
	}

	/**
	 * Say the broker silent once a round has waited silentLimitMs without a byte from it, however long the round itself
	 * takes while bytes come; the returned function stops watching (when the round ends).
	 */
	private watchSilence(): () => void {
		const since = Date.now();
		let timer: NodeJS.Timeout;
		const check = () => {
			const quietMs = Date.now() - Math.max(since, this.heardAt);
			if (quietMs < silentLimitMs) {
				timer = setTimeout(check, silentLimitMs - quietMs);
				return;
			}

			this.silenceSaid = this.state !== 'connecting';
			this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', `the broker has not answered for ${silentLimitMs / 1000} s`);
		};

		timer = setTimeout(check, silentLimitMs);
		return () => {
			clearTimeout(timer);
			this.silenceSaid = false;
		};
	}

	/** Bytes arrived from a broker: after a silence said during this round, the broker is back. */
	private heard(bytes: number): void {
		this.heardAt = Date.now();
		this.heardBytes += bytes;
		if (!this.silenceSaid) return;
		this.silenceSaid = false;
		if (this.state === 'reconnecting') this.setState('connected');
	}

	/**
	 * The topic was deleted and made again since it was last read, in this run or before it (its id changed): its
	 * partitions are read from their new start, and the store forgets what it read of the old ones (their offsets now
	 * name other messages).
	 */
	private async remade(topic: string): Promise<void> {
		this.unreadOfDeleted(topic);
		for (const [partition, offset] of await startOffsets(this.admin, topic, earliest)) {
			const key = positionKey(topic, partition);
			if (!this.cursor.has(key)) continue;
			this.cursor.set(key, BigInt(offset));
			this.restarted.add(key);
		}

		this.gaps.add(`topic ${topic} was deleted and made again since it was last read: its new events were read from its start`, !this.noteMeanwhile('remade', topic));
	}

	/** Say what the partitions of `topic`, deleted, held that was never read, as their last fetches said. */
	private unreadOfDeleted(topic: string): void {
		for (const [key, end] of this.ends) {
			if (topicOfPositionKey(key) !== topic) continue;
			this.ends.delete(key);
			const next = this.cursor.get(key);
			if (next === undefined || end <= next) continue;
			this.gaps.add(`${formatCount(Number(end - next))} events of ${key} (offsets ${next} to ${end - 1n}) were not read before topic ${topic} was deleted`);
		}
	}

	/**
	 * Hand a round's batches to the engine one by one, each once the previous was taken; all but the last say more
	 * follows (SourceBatch.more), so that the hops' watermark moves past the whole round at once: a backlog's partition
	 * handed out first would otherwise move it past the other partitions' events of the same times, counted late.
	 */
	private async deliver(round: PartitionBatch[]): Promise<void> {
		for (const [index, batch] of round.entries()) {
			if (!await this.handoff.put(index < round.length - 1 ? {...batch, more: true} : batch)) return;
		}
	}

	/** One fetch from each leader of the selected partitions; advances the cursors past what it returned. */
	private async fetchRound(): Promise<PartitionBatch[]> {
		// Cleared before asking: a discovery that finds new partitions meanwhile sets it again for the next round.
		const forceUpdate = this.staleMetadata;
		this.staleMetadata = false;
		const metadata = await this.topicLeaders(forceUpdate);
		if (!metadata) return [];
		const byLeader = new Map<number, fetchV17.FetchRequestTopic[]>();
		const targets = new Map<string, FetchTarget>();
		const wanted: Array<{leader: number; target: FetchTarget}> = [];
		const leaderless: string[] = [];
		let startNow = false;
		const partitionCount = [...this.topics.values()].reduce((sum, count) => sum + count, 0);
		for (const [topic, count] of this.topics) {
			const info = metadata.get(topic);
			if (!info || info.partitionsCount < count) this.staleMetadata = true;
			if (!info) continue;
			if (this.topicIds.get(topic) !== info.id) {
				if (this.topicIds.has(topic)) await this.remade(topic);
				this.topicIds.set(topic, info.id);
			}

			for (const [partition, {leader}] of info.partitions.entries()) {
				const offset = this.cursor.get(positionKey(topic, partition));
				if (offset === undefined) {
					// Found without a leader: said like the others; once it has one, a discovery gives it its start now.
					if (!this.unstarted.has(positionKey(topic, partition))) continue;
					if (leader < 0) leaderless.push(positionKey(topic, partition));
					else startNow = true;
					continue;
				}

				if (leader < 0) {
					this.staleMetadata = true;
					leaderless.push(positionKey(topic, partition));
					continue;
				}

				wanted.push({leader, target: {topic, topicId: info.id, partition, offset}});
			}
		}

		// Those the last round starved first, those never read before the others (one of them held the round), then the
		// one that resumes earliest (it bounds the round): a broker always gives the first partition of its answer something.
		const rank = ({target}: {target: FetchTarget}) => {
			const key = positionKey(target.topic, target.partition);
			return this.starved.has(key) ? (this.seen.has(key) ? 1 : 0) : 2;
		};
		const resumes = ({target}: {target: FetchTarget}) => this.resumesAt.get(positionKey(target.topic, target.partition)) ?? Infinity;
		if (this.starved.size > 0) wanted.sort((a, b) => rank(a) - rank(b) || (rank(a) === 1 ? resumes(a) - resumes(b) : 0));
		// Each partition's share, and what each leader's answer may hold: all of its shares, up to a full round.
		const shares = new Map<string, {share: number; leader: number}>();
		const leaderShares = new Map<number, number>();
		for (const {leader, target} of wanted) {
			let request = byLeader.get(leader)?.find(entry => entry.topicId === target.topicId);
			if (!request) {
				request = {topicId: target.topicId, partitions: []};
				byLeader.set(leader, [...byLeader.get(leader) ?? [], request]);
			}

			const key = positionKey(target.topic, target.partition);
			const partitionMaxBytes = this.roundSize.partitionBytes(partitionCount, key);
			shares.set(key, {share: partitionMaxBytes, leader});
			leaderShares.set(leader, (leaderShares.get(leader) ?? 0) + partitionMaxBytes);
			request.partitions.push({partition: target.partition, fetchOffset: target.offset, currentLeaderEpoch: -1, lastFetchedEpoch: -1, partitionMaxBytes});
			targets.set(`${target.topicId}/${target.partition}`, target);
		}

		this.leaderless = leaderless;
		if (startNow) void this.tick();
		// Not one partition to fetch: the broker would answer at once with nothing, and the loop ask again at once.
		if (byLeader.size === 0 && leaderless.length > 0) throw new Error(`no partition read has a leader (${leaderlessWords(leaderless)}): a broker is down or an election is under way`);
		const [startedAt, bytesBefore] = [Date.now(), this.heardBytes];
		const responses = await this.untilClosed(Promise.all([...byLeader].map(async ([node, topics]) => {
			return this.fetchFrom(node, topics, this.roundSize.fetchBytes(leaderShares.get(node) ?? 0));
		})));
		if (!responses) return [];
		const receivedAt = Date.now();
		const parts: FetchedPartition[] = [];
		this.starved.clear();
		for (const response of responses) {
			for (const {topicId, partitions} of response.responses) {
				for (const fetched of partitions) {
					const target = targets.get(`${topicId}/${fetched.partitionIndex}`);
					if (target) await this.take(target, fetched, receivedAt, parts);
				}
			}
		}

		// Sized by the wait for the answers alone: decoding them on a loaded machine is not a slow link.
		this.roundSize.measured(this.heardBytes - bytesBefore, receivedAt - startedAt, this.starved.size > 0);
		this.outgrown.clear();
		for (const key of this.starved) {
			// Its share did not bring its first batch, though the answer had room for every share: the batch is larger.
			const asked = shares.get(key);
			const leaderBytes = asked && leaderShares.get(asked.leader);
			if (!asked || leaderBytes === undefined || leaderBytes > this.roundSize.fetchBytes(leaderBytes)) continue;
			if (this.roundSize.starvedWith(key, asked.share)) this.outgrown.add(key);
		}

		if (this.state !== 'connected') this.setState('connected');
		return this.handOut(parts);
	}

	/** The selected topics' ids and partition leaders; a partition without a leader does not hide the others (partitionErrorMetadata). */
	private async topicLeaders(forceUpdate: boolean): Promise<Map<string, TopicLeaders> | undefined> {
		try {
			return (await this.untilClosed(this.client.metadata({topics: [...this.topics.keys()], forceUpdate})))?.topics;
		} catch (error) {
			const partial = partitionErrorMetadata(error);
			if (!partial) throw error;
			return partial;
		}
	}

	/** A fetch from one broker; partitions the broker refused still come back, with their error code. */
	private async fetchFrom(node: number, topics: fetchV17.FetchRequestTopic[], maxBytes: number): Promise<fetchV17.FetchResponse> {
		try {
			return await this.client.fetch({node, topics, maxWaitTime: fetchWaitMs, minBytes: 1, maxBytes, isolationLevel: 1});
		} catch (error) {
			const response = responseOf(error);
			if (response && !isFatalKafkaError(error)) return response;
			throw error;
		}
	}

	/** Read one fetched partition's events into `parts`, or act on its error code. */
	private async take(target: FetchTarget, fetched: fetchV17.FetchResponsePartition, receivedAt: number, parts: FetchedPartition[]): Promise<void> {
		const key = positionKey(target.topic, target.partition);
		if (fetched.errorCode === offsetOutOfRange) {
			await this.outOfRange(target, key);
			return;
		}

		if (fetched.errorCode !== 0) {
			if (staleMetadataCodes.has(fetched.errorCode)) this.staleMetadata = true;
			return;
		}

		const {events, next} = readPartition(target.topic, fetched, target.offset, receivedAt, this.origin);
		for (const batch of fetched.records ?? []) this.roundSize.sawBatch(key, batchHeadBytes + batch.length);
		// read_committed: what may be read now ends at the last stable offset (the high watermark when the broker gives none).
		const end = fetched.lastStableOffset >= 0n ? fetched.lastStableOffset : fetched.highWatermark;
		this.noteWaiting(key, (next ?? target.offset) >= end && fetched.highWatermark > end ? {stable: end, end: fetched.highWatermark} : undefined);
		if (this.foundLate.size > 0) this.arrivals(key, events, receivedAt, next !== undefined && next >= end);
		this.ends.set(key, end);
		// Nothing came though there is more: the answer was full before this partition's turn, or its first batch too large.
		if (next === undefined && target.offset < end) this.starved.add(key);
		// The cursor may have been moved meanwhile (a new start after the topic was recreated): keep that.
		if (next === undefined || next <= target.offset || this.cursor.get(key) !== target.offset) return;
		this.cursor.set(key, next);
		if (events.length === 0) return;
		parts.push({target, key, next, events, unread: next < end});
	}

	/** Note whether the partition's readable log ends before its log does (`at`), keeping since when at that offset. */
	private noteWaiting(key: string, at: {stable: bigint; end: bigint} | undefined): void {
		const before = this.waiting.get(key);
		if (!at) this.waiting.delete(key);
		else this.waiting.set(key, {...at, since: before?.stable === at.stable ? before.since : Date.now()});
	}

	/** The partitions that have waited for an open transaction long enough to say so (openTransactionSayMs). */
	private longWaits(): Array<[string, {stable: bigint; end: bigint}]> {
		const now = Date.now();
		return [...this.waiting].filter(([, {since}]) => now - since >= openTransactionSayMs);
	}

	/**
	 * When the events of a partition found late (foundLate) reached us (docs/event-model.md, receivedAt): those written
	 * before it was found waited for that discovery, not for the broker, and arrived at their broker time, as they would
	 * have for a reader already watching, kept between the discovery before and `readAt` (the record's time is not our
	 * clock). Once a fetch reads up to the partition's end (`caughtUp`), it is read as it is written.
	 */
	private arrivals(key: string, events: RawEvent[], readAt: number, caughtUp: boolean): void {
		const late = this.foundLate.get(key);
		if (!late) return;
		for (const event of events) {
			if (event.timestamp !== undefined && event.timestamp < late.foundAt) event.receivedAt = Math.min(readAt, Math.max(event.timestamp, late.since));
		}

		if (caughtUp) this.foundLate.delete(key);
	}

	/**
	 * The batches a round hands out (handedOut): a partition's events held back are read again next round, from the
	 * first of them (its cursor moves back there), so nothing decoded is kept and the positions saved stay exact.
	 */
	private handOut(parts: FetchedPartition[]): PartitionBatch[] {
		const counts = handedOut(parts, this.starvedNow(), this.timeOf);
		const round: PartitionBatch[] = [];
		for (const [index, {target, key, next, events}] of parts.entries()) {
			const count = counts[index]!;
			this.noteResume(key, events, count);
			let after = next;
			if (count < events.length) {
				after = BigInt(events[count]!.offset!);
				// The cursor may have been moved meanwhile (a new start after the topic was recreated): keep that.
				if (this.cursor.get(key) === next) this.cursor.set(key, after);
			}

			this.seen.add(key);
			if (count === 0) continue;
			// The first events after offsets went back: the store forgets what it read of the partition before.
			const restarted = this.restarted.delete(key) ? {source: 'kafka', origin: this.origin, topic: target.topic, partition: target.partition} : undefined;
			round.push({key, next: after.toString(), events: count < events.length ? events.slice(0, count) : events, topic: {name: target.topic, id: target.topicId}, ...(restarted && {restarted})});
		}

		return round;
	}

	/**
	 * The partitions this round starved (round-bound.ts): one never read, or where the earliest of those read before
	 * whose share grew to fit their next batch resumes.
	 */
	private starvedNow(): Starved {
		let resumesAt: number | undefined;
		for (const key of this.starved) {
			if (!this.seen.has(key)) return {unknown: true};
			const at = this.outgrown.has(key) ? this.resumesAt.get(key) : undefined;
			if (at !== undefined && (resumesAt === undefined || at < resumesAt)) resumesAt = at;
		}

		return {unknown: false, resumesAt};
	}

	/** Where a partition resumes in event time once the first `count` of `events` are handed out. */
	private noteResume(key: string, events: readonly RawEvent[], count: number): void {
		for (let i = Math.min(count, events.length - 1); i >= 0; i--) {
			const time = this.timeOf(events[i]!);
			if (time === undefined) continue;
			this.resumesAt.set(key, time);
			return;
		}
	}

	/**
	 * Our position is outside the partition's log: behind its start (retention deleted what we had not read yet) or
	 * past its end (the topic was recreated or truncated). Either way reading goes on from the log's start, and says so.
	 */
	private async outOfRange(target: FetchTarget, key: string): Promise<void> {
		const offsets = await this.admin.fetchTopicOffsets(target.topic);
		const bounds = offsets.find(entry => entry.partition === target.partition);
		if (!bounds) return;
		const low = BigInt(bounds.low);
		const wentBack = target.offset > BigInt(bounds.high);
		if (this.cursor.get(key) !== target.offset) return;
		this.cursor.set(key, low);
		if (wentBack) this.restarted.add(key);
		// Kept (bounded): the TUI shows it while it is news, a headless run says it at its end.
		if (wentBack) this.gaps.add(`offsets of ${key} went back from ${target.offset} to ${bounds.low} (topic recreated or truncated?)`, !this.noteMeanwhile('wentBack', key));
		else this.gaps.add(`${formatCount(Number(low - target.offset))} events of ${key} (offsets ${target.offset} to ${low - 1n}) were deleted by the broker's retention before they were read`, !this.noteMeanwhile('deleted', key));
	}

	/** `work`'s result, or undefined as soon as the source closes. */
	private async untilClosed<T>(work: Promise<T>): Promise<T | undefined> {
		const result = await unlessCut(work, this.closing.signal);
		return result === cutShort ? undefined : result;
	}

	/** Run `action` until it succeeds (true) or the source closes (false, at once); fatal errors are thrown. */
	private async untilDone(action: () => Promise<unknown>): Promise<boolean> {
		for (let attempt = 0; !this.closed; attempt++) {
			try {
				// kafkajs may retry a connection for many seconds: closing must not wait for that.
				await this.untilClosed(action());
				return !this.closed;
			} catch (error) {
				const mismatch = await this.listenerMismatch(error);
				if (mismatch) throw mismatch;
				if (isFatalKafkaError(error)) throw error;
				this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', error);
				await pause(Math.min(500 * 2 ** attempt, 10_000), this.closing.signal);
			}
		}

		return false;
	}

	/**
	 * Before the first connection works, every broker is asked what it speaks when one closed a connection, refused
	 * its SASL or could not be reached (unless it is the URL's only broker): a URL that wants other SASL or TLS than the listeners is an error to stop with,
	 * said plainly (kafkajs said only `Closed connection`, as of a broker down, or `Request is not valid given the
	 * current SASL state`); brokers none of which answers are named in the source's error while it keeps trying.
	 */
	private async listenerMismatch(error: unknown): Promise<InputError | undefined> {
		if (this.state !== 'connecting' || (isFatalKafkaError(error) && !isListenerRefusal(error))) return undefined;
		// The one broker could not be reached at all (refused, no such host, no route): there is no listener to ask, and
		// the question would meet the same; of several, the others may answer, and those that do not are named.
		if (this.url.brokers.length === 1 && !isListenerRefusal(error) && isUnreachable(safeErrorMessage(error, this.url.secrets))) return undefined;
		// kafkajs logs each refused attempt of its retries: one question at a time.
		this.probing ??= listenerFindings(this.url).then(({problem, silent}) => {
			// One broker's own error names it already.
			this.silentBrokers = this.url.brokers.length > 1 ? silent : undefined;
			if (this.silentBrokers && this.state === 'connecting') this.setState('connecting', this.error);
			return problem === undefined ? undefined : new InputError(problem);
		}).finally(() => {
			this.probing = undefined;
		});
		return this.untilClosed(this.probing);
	}

	/**
	 * List topics, pick those the URL selects, give their new partitions a start position (`start` as it was at
	 * `startedAt` for those without a leader yet) and note deleted ones; the fetch loop reads whatever the latest
	 * discovery selected.
	 */
	private async discover(start: StartFrom, startedAt = Date.now()): Promise<void> {
		const since = this.lookedAt;
		this.lookedAt = Date.now();
		const selected = (await this.admin.listTopics()).filter(topic => topicSelected(this.url.topics, topic)).sort();
		const metadata = selected.length > 0 ? await this.admin.fetchTopicMetadata({topics: selected}) : {topics: []};
		const found = new Map(metadata.topics.map(topic => [topic.name, topic.partitions.length]));
		let saved: {key: string; next: string} | undefined;
		for (const [topic, count] of found) {
			this.deleted.delete(topic);
			// A partition that got no start offset yet (it had no leader) is asked for again, though the count is the same.
			const missing = Array.from({length: count}, (_, partition) => partition)
				.filter(partition => !this.cursor.has(positionKey(topic, partition)));
			if (this.topics.get(topic) === count && missing.length === 0) continue;
			// The fetch client's cached metadata would not know the new topic or partitions yet.
			this.staleMetadata = true;
			const fromOf = (partition: number) => this.unstarted.get(positionKey(topic, partition)) ?? start;
			const starts = new Map(missing.map(partition => [startFromText(fromOf(partition)), fromOf(partition)]));
			for (const [text, from] of starts) {
				const offsets = await startOffsets(this.admin, topic, from);
				for (const partition of missing.filter(partition => startFromText(fromOf(partition)) === text)) {
					const key = positionKey(topic, partition);
					const offset = offsets.get(partition);
					// No leader to ask (kafkajs leaves such a partition out): asked again at the next discovery, from the same
					// start, and saved so that a run ending before then lets the next one start it there too.
					if (offset === undefined) {
						const kept = startFromAt(from, startedAt);
						this.unstarted.set(key, kept);
						if (this.positions.get(key) !== startFromText(kept)) saved = {key, next: startFromText(kept)};
						this.positions.set(key, startFromText(kept));
						continue;
					}

					// Made during the run (not one waiting for a leader): what it holds was written while we looked for it (arrivals).
					if (this.discovered && !this.unstarted.has(key)) this.foundLate.set(key, {since, foundAt: Date.now()});
					this.unstarted.delete(key);
					this.positions.set(key, offset);
					this.cursor.set(key, BigInt(offset));
					saved = {key, next: offset};
				}
			}
		}

		// Where new partitions start is saved with no event to store: a run that reads nothing must still let the next
		// one resume there, not at what is newest by then (the batch carries every position).
		if (saved) void this.handoff.put({...saved, events: []});

		const vanished = [...this.topics.keys()].filter(topic => !found.has(topic));
		for (const topic of vanished) {
			this.deleted.add(topic);
			this.unreadOfDeleted(topic);
			this.noteMeanwhile('gone', topic);
		}

		for (const partitions of [this.unstarted, this.foundLate, this.waiting]) {
			for (const key of partitions.keys()) if (!found.has(topicOfPositionKey(key))) partitions.delete(key);
		}
		if (vanished.length > 0) {
			this.staleMetadata = true;
			await this.renewAdmin();
		}

		const wasEmpty = this.topics.size === 0;
		this.topics = found;
		const absent = this.url.topics.names.filter(name => !found.has(name) && !this.deleted.has(name));
		const notes = [
			...[...this.deleted].map(topic => `topic "${topic}" was deleted`),
			...absent.map(topic => `topic "${topic}" does not exist`),
		];
		if (found.size === 0 && absent.length === 0 && this.deleted.size === 0) notes.push('no topic matches the selection yet');
		this.notice = notes.length > 0 ? notes.join('; ') : undefined;
		if (wasEmpty && found.size > 0) this.wakeUp();
		// With nothing to fetch, a discovery that works shows the broker answers (first time, or after losing it): the
		// notice says the topics are missing, a warning rather than a broker that cannot be reached.
		if (found.size === 0 && this.state !== 'connected') this.setState('connected');
	}

	private async renewAdmin(): Promise<void> {
		const old = this.admin;
		this.admin = this.kafka.admin();
		await old.disconnect().catch(() => undefined);
		if (!this.closed) await this.admin.connect();
	}

	/** Periodic work: rediscover topics. */
	private async tick(): Promise<void> {
		// During an outage one discovery can outlast the interval; they must not overlap.
		if (this.ticking || this.closed) return;
		this.ticking = true;
		try {
			await this.discover(earliest);
		} catch (error) {
			if (isFatalKafkaError(error)) {
				this.fail(error);
				return;
			}

			this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', error);
		} finally {
			this.ticking = false;
			// A discovery still running at close may have reconnected the admin client.
			if (this.closed) await within(this.admin.disconnect(), disconnectTimeoutMs);
		}
	}

	private async refreshLag(): Promise<void> {
		if (this.lagging || this.closed) return;
		this.lagging = true;
		try {
			const {entries, missingGroups, cut, unchecked} = await this.lagReader.refresh(this.admin, [...this.topics.keys()], this.url.groups);
			this.lag = entries;
			this.missingGroups = missingGroups;
			this.lagCut = cut;
			this.lagUnchecked = this.url.groups ? undefined : unchecked;
			// Groups not yet checked are checked sooner than the interval, a bounded number a second, until all have been.
			clearTimeout(this.lagSweep);
			if (unchecked > 0 && !this.closed) {
				this.lagSweep = setTimeout(() => void this.refreshLag(), Math.min(lagSweepMs, this.options.lagIntervalMs ?? 10_000));
				this.lagSweep.unref();
			}
		} catch {
			// Lag is advisory; connection trouble already shows through the fetches' state.
		} finally {
			this.lagging = false;
		}
	}

	private wakeUp(): void {
		const wake = this.wake;
		this.wake = undefined;
		wake?.abort();
	}

	/** Until a discovery finds a topic, the source closes or `ms` passed. */
	private async waitForChange(ms: number): Promise<void> {
		if (this.closed) return;
		const wake = new AbortController();
		this.wake = wake;
		await pause(ms, wake.signal);
		if (this.wake === wake) this.wake = undefined;
	}

	/** kafkajs's own error lines: shown (masked) while the connection is in trouble, never printed. */
	private clientLog(level: 'error' | 'warn', message: string): void {
		if (this.closed || this.state === 'error') return;
		// kafkajs retries a refused connection for about 10 s before it throws: its first log line is asked about at once.
		if (level === 'error' && this.state === 'connecting') {
			void this.listenerMismatch(new Error(message)).then(mismatch => {
				if (mismatch) this.fail(mismatch);
			});
		}

		if (level === 'error') this.setState(this.state === 'connected' ? 'reconnecting' : this.state, message);
		else if (this.state !== 'connected') this.error = this.errorWords(message);
	}

	/**
	 * Note a topic or partition (`what`) found changed (`how`) while the source cannot read (reconnecting), to say once
	 * it reads again (resumed); whether it was (else it is news of its own).
	 */
	private noteMeanwhile(how: keyof KafkaSource['meanwhile'], what: string): boolean {
		if (this.state !== 'reconnecting') return false;
		this.meanwhile[how].add(what);
		// Gone, then made again: made again says it.
		if (how === 'remade') this.meanwhile.gone.delete(what);
		return true;
	}

	/** How reading went on after an outage, from what was found changed meanwhile (resumed); undefined when from where it stopped. */
	private resumedWords(): string | undefined {
		const {remade, wentBack, deleted, gone} = this.meanwhile;
		const topics = (names: Set<string>) => `topic${names.size > 1 ? 's' : ''} ${[...names].join(', ')}`;
		const partitions = (keys: Set<string>) => leaderlessWords([...keys]).replace(/^partitions? /, '');
		const words = [
			remade.size > 0 && `${topics(remade)} ${remade.size > 1 ? 'were' : 'was'} deleted and made again, read from ${remade.size > 1 ? 'their' : 'its'} new start`,
			wentBack.size > 0 && `offsets of ${partitions(wentBack)} went back (topic recreated or truncated?), read from the log's start`,
			deleted.size > 0 && `events of ${partitions(deleted)} were deleted by the broker's retention before they were read, read on from the log's start`,
			gone.size > 0 && `${topics(gone)} ${gone.size > 1 ? 'are' : 'is'} gone (deleted, or the broker came back without ${gone.size > 1 ? 'them' : 'it'})`,
		].filter(Boolean);
		for (const found of Object.values(this.meanwhile)) found.clear();
		return words.length > 0 ? words.join('; ') : undefined;
	}

	private setState(state: SourceState, problem?: unknown): void {
		if (this.state === 'error' || this.closed) return;
		// Reading again after an outage: how it went on, as the reads meanwhile found; unset once it cannot read again.
		if (state === 'connected' && this.state === 'reconnecting') {
			this.resumed = this.resumedWords();
			this.resumedAt = Date.now();
		} else if (state !== 'connected') this.resumed = undefined;
		this.state = state;
		this.error = problem === undefined ? undefined : this.errorWords(problem);
		// The clients' errors name one broker each: while none has answered, the error says every broker was asked.
		if (state !== 'connecting') this.silentBrokers = undefined;
		else if (this.silentBrokers && this.error !== undefined && !this.error.startsWith(this.silentBrokers)) this.error = `${this.silentBrokers}: ${this.error}`;
	}

	/** A client's error as the health says it: credentials masked, a broker that cannot be reached in our words. */
	private errorWords(problem: unknown): string {
		return unreachableWords(safeErrorMessage(problem, this.url.secrets), this.url.brokers, this.state === 'connecting');
	}

	/** Stop for good: bad credentials, missing rights or undecodable batches will not cure themselves. */
	private fail(error: unknown): void {
		if (this.closed) return;
		const reason = safeErrorMessage(error, this.url.secrets);
		// The clients' words name neither the broker nor what to check.
		const message = this.url.sasl && isAuthenticationFailure(error)
			? `${this.refusedBy ?? this.url.brokers.join(', ')} refused the credentials (sasl=${this.url.sasl.mechanism}): ${reason}; check the user name, the password and the mechanism (in the URL, or KAFKA_USERNAME, KAFKA_PASSWORD and KAFKA_SASL_MECHANISM)`
			: reason;
		this.state = 'error';
		this.error = message;
		this.handoff.fail(new InputError(`Kafka ${this.name}: ${message}`));
	}
}

/**
 * Read `kafka://HOST:PORT[,HOST:PORT]?topics=NAME,PATTERN` live. Topics are names, globs (`orders.*`) or regular
 * expressions, rediscovered while running. Each batch carries the positions `topic/partition → next offset`;
 * `batches(resume)` continues exactly there. Application groups' lag is in `health().lag`.
 */
export function kafkaSource(url: string, options: KafkaSourceOptions = {}): Source {
	return new KafkaSource(url, options);
}
