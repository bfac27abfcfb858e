// Live Kafka source. Reads without disturbing anyone (stack-notes.md): a throwaway group that never commits, our
// own positions (saved with the events) applied by seeking, read_committed, no topic auto-creation.
import {randomBytes} from 'node:crypto';
import type {Admin, Consumer, EachBatchPayload, IHeaders, Kafka, KafkaMessage} from 'kafkajs';
import type {RawEvent} from '../envelope.js';
import {InputError} from '../errors.js';
import {safeErrorMessage} from '../redact.js';
import type {Positions} from '../store/types.js';
import {bytesToText, decodeBytes, decodeHeaders, isBinary} from './decode.js';
import {Handoff} from './handoff.js';
import {createKafkaClient, isFatalKafkaError} from './kafka-client.js';
import {fetchKafkaLag, ownGroupPrefix, type LagEntry} from './kafka-lag.js';
import {nextOffset, offsetBelow, positionKey, startOffsets} from './kafka-positions.js';
import {liveHealth, type Source, type SourceBatch, type SourceHealth, type SourceState} from './source.js';
import {
	parseKafkaUrl, parseStartFrom, topicSelected, type KafkaSasl, type KafkaSourceUrl, type KafkaTls, type StartFrom,
} from './source-url.js';

/** Options of the Kafka source; credentials given here win over the URL and the environment. */
export type KafkaSourceOptions = {
	/** `latest` (default), `earliest` or an ISO time: where to start when no position was saved. */
	from?: string;
	sasl?: KafkaSasl;
	tls?: KafkaTls;
	/** How often topics are listed again (new topics matching a pattern, deleted topics, new partitions). */
	discoveryIntervalMs?: number;
	/** How often application groups' lag is fetched. */
	lagIntervalMs?: number;
	/** A consumer that has not fetched for this long while nothing is waiting on us is restarted (kafkajs stalls). */
	stallMs?: number;
};

/** One partition's batch on its way from kafkajs to the engine. */
type PartitionBatch = {key: string; next: string; events: RawEvent[]};

const earliest: StartFrom = {kind: 'earliest'};

/** Headers as text (a repeated header keeps each value), with the names of those that are base64; none when absent. */
function headersOf(headers: IHeaders | undefined): ReturnType<typeof decodeHeaders> {
	return headers ? decodeHeaders(headers) : {};
}

/** A kafkajs message as a RawEvent. */
function toRawEvent(topic: string, partition: number, message: KafkaMessage, receivedAt: number): RawEvent {
	const {value, valueEncoding, valueText} = decodeBytes(message.value);
	const timestamp = Number(message.timestamp);
	const event: RawEvent = {
		source: 'kafka',
		topic,
		partition,
		offset: message.offset,
		key: message.key ? bytesToText(message.key) : undefined,
		value,
		valueEncoding,
		valueText,
		timestamp: timestamp >= 0 ? timestamp : undefined,
		receivedAt,
	};
	const {headers, headersEncoding} = headersOf(message.headers);
	if (headers) event.headers = headers;
	if (headersEncoding) event.headersEncoding = headersEncoding;
	if (message.key && isBinary(message.key)) event.keyEncoding = 'base64';
	return event;
}

/** Resolves after `ms`, or earlier when `cut` settles. */
async function pause(ms: number, cut: Promise<void>): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([new Promise<void>(resolve => {
		timer = setTimeout(resolve, ms);
	}), cut]);
	clearTimeout(timer);
}

/** The Kafka source behind `kafka://` URLs. */
class KafkaSource implements Source {
	readonly id: string;
	private readonly url: KafkaSourceUrl;
	private readonly from: StartFrom;
	private readonly kafka: Kafka;
	/** Replaced after a topic deletion: kafkajs keeps asking for metadata of every topic it once used, and fails. */
	private admin: Admin;
	private readonly handoff = new Handoff<PartitionBatch>();
	private readonly positions = new Map<string, string>();
	/** Subscribed topics and their partition counts. */
	private topics = new Map<string, number>();
	private readonly deleted = new Set<string>();
	private state: SourceState = 'connecting';
	private error: string | undefined;
	private notice: string | undefined;
	private lag: LagEntry[] | undefined;
	private generation = 0;
	private lastFetchAt = 0;
	private restartPending = false;
	private ticking = false;
	private lagging = false;
	private wake: (() => void) | undefined;
	private closed = false;
	private readonly closedSignal: Promise<void>;
	private signalClosed!: () => void;
	private control: Promise<void> | undefined;
	private readonly timers: NodeJS.Timeout[] = [];

	constructor(url: string, private readonly options: KafkaSourceOptions) {
		const parsed = parseKafkaUrl(url);
		this.url = {...parsed, sasl: options.sasl ?? parsed.sasl, tls: options.tls ?? parsed.tls};
		if (options.sasl) this.url.secrets = [...parsed.secrets, options.sasl.password];
		this.id = parsed.display;
		this.from = parseStartFrom(options.from);
		this.kafka = createKafkaClient(this.url, (level, message) => {
			this.clientLog(level, message);
		});
		this.admin = this.kafka.admin();
		this.closedSignal = new Promise(resolve => {
			this.signalClosed = resolve;
		});
	}

	async* batches(resume?: Positions): AsyncIterable<SourceBatch> {
		if (this.control) throw new Error('batches() of a Kafka source can be iterated once');
		this.control = this.run(resume).catch(error => {
			this.fail(error);
		});
		try {
			for (;;) {
				const item = await this.handoff.take();
				if (!item) return;
				this.positions.set(item.key, item.next);
				yield {events: item.events, positions: Object.fromEntries(this.positions)};
			}
		} finally {
			await this.close();
		}
	}

	health(): SourceHealth {
		return liveHealth({name: this.id, state: this.state, error: this.error, notice: this.notice, lag: this.lag});
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		for (const timer of this.timers) clearInterval(timer);
		this.signalClosed();
		this.handoff.close();
		this.requestRestart();
		await this.control;
		await this.admin.disconnect().catch(() => undefined);
		if (this.state !== 'error') this.state = 'stopped';
	}

	/** Connect, discover topics, then keep one consumer running, replacing it whenever a restart is requested. */
	private async run(resume?: Positions): Promise<void> {
		// Only well-formed positions: a bad offset would make every seek, and so every group join, fail.
		for (const [key, offset] of Object.entries(resume ?? {})) {
			if (key.includes('/') && /^\d+$/.test(offset)) this.positions.set(key, offset);
		}

		const start = this.positions.size > 0 ? earliest : this.from;
		if (!await this.untilDone(async () => this.admin.connect())) return;
		if (!await this.untilDone(async () => this.discover(start))) return;
		this.timers.push(
			setInterval(() => void this.tick(), this.options.discoveryIntervalMs ?? 10_000),
			setInterval(() => void this.refreshLag(), this.options.lagIntervalMs ?? 10_000),
		);
		for (const timer of this.timers) timer.unref();
		void this.refreshLag();
		for (let failures = 0; !this.closed;) {
			this.restartPending = false;
			if (this.topics.size === 0) {
				this.setState('connected');
				await this.waitForRestart();
				continue;
			}

			const consumer = await this.startConsumer().catch(error => {
				if (isFatalKafkaError(error)) throw error;
				this.setState('reconnecting', error);
				return undefined;
			});
			if (consumer) {
				failures = 0;
				await this.waitForRestart();
				await this.stopConsumer(consumer);
			} else {
				await pause(Math.min(500 * 2 ** failures++, 10_000), this.closedSignal);
			}
		}
	}

	/** Run `action` until it succeeds (true) or the source closes (false, at once); fatal errors are thrown. */
	private async untilDone(action: () => Promise<unknown>): Promise<boolean> {
		for (let attempt = 0; !this.closed; attempt++) {
			try {
				// kafkajs may retry a connection for many seconds: closing must not wait for that.
				const running = action();
				running.catch(() => undefined);
				await Promise.race([running, this.closedSignal]);
				return !this.closed;
			} catch (error) {
				if (isFatalKafkaError(error)) throw error;
				this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', error);
				await pause(Math.min(500 * 2 ** attempt, 10_000), this.closedSignal);
			}
		}

		return false;
	}

	/**
	 * List topics, pick those the URL selects, give their new partitions a start position and note deleted ones;
	 * a change of the topic set or of a partition count restarts the consumer.
	 */
	private async discover(start: StartFrom): Promise<void> {
		const selected = (await this.admin.listTopics()).filter(topic => topicSelected(this.url.topics, topic)).sort();
		const metadata = selected.length > 0 ? await this.admin.fetchTopicMetadata({topics: selected}) : {topics: []};
		const found = new Map(metadata.topics.map(topic => [topic.name, topic.partitions.length]));
		for (const [topic, count] of found) {
			this.deleted.delete(topic);
			if (this.topics.get(topic) === count) continue;
			const missing = Array.from({length: count}, (_, partition) => partition)
				.filter(partition => !this.positions.has(positionKey(topic, partition)));
			if (missing.length === 0) continue;
			const offsets = await startOffsets(this.admin, topic, start);
			for (const partition of missing) {
				const offset = offsets.get(partition);
				if (offset !== undefined) this.positions.set(positionKey(topic, partition), offset);
			}
		}

		const vanished = [...this.topics.keys()].filter(topic => !found.has(topic));
		for (const topic of vanished) this.deleted.add(topic);
		if (vanished.length > 0) await this.renewAdmin();

		const changed = found.size !== this.topics.size || [...found].some(([topic, count]) => this.topics.get(topic) !== count);
		this.topics = found;
		const absent = this.url.topics.names.filter(name => !found.has(name) && !this.deleted.has(name));
		const notes = [
			...[...this.deleted].map(topic => `topic "${topic}" was deleted`),
			...absent.map(topic => `topic "${topic}" does not exist`),
		];
		if (found.size === 0 && absent.length === 0 && this.deleted.size === 0) notes.push('no topic matches the selection yet');
		this.notice = notes.length > 0 ? notes.join('; ') : undefined;
		if (changed) this.requestRestart();
	}

	private async renewAdmin(): Promise<void> {
		const old = this.admin;
		this.admin = this.kafka.admin();
		await old.disconnect().catch(() => undefined);
		if (!this.closed) await this.admin.connect();
	}

	/** Periodic work: rediscover topics and restart a consumer that stopped fetching. */
	private async tick(): Promise<void> {
		// During an outage one discovery can outlast the interval; they must not overlap.
		if (this.ticking || this.closed) return;
		this.ticking = true;
		try {
			await this.discover(earliest);
			// With no consumer running, a discovery that works is what shows the connection is back.
			if (this.generation % 2 === 0 && this.state === 'reconnecting') this.setState('connected');
		} catch (error) {
			if (isFatalKafkaError(error)) {
				this.fail(error);
				return;
			}

			this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting', error);
		} finally {
			this.ticking = false;
			// A discovery still running at close may have reconnected the admin client.
			if (this.closed) await this.admin.disconnect().catch(() => undefined);
		}

		const stallMs = this.options.stallMs ?? 30_000;
		if (this.generation % 2 === 1 && !this.handoff.busy && Date.now() - this.lastFetchAt > stallMs) {
			this.setState('reconnecting', `no fetch for ${Math.round(stallMs / 1000)} s: restarting the consumer`);
			this.requestRestart();
		}
	}

	private async refreshLag(): Promise<void> {
		if (this.lagging || this.closed) return;
		this.lagging = true;
		try {
			this.lag = await fetchKafkaLag(this.admin, [...this.topics.keys()], this.url.groups);
		} catch {
			// Lag is advisory; connection trouble already shows through the consumer's state.
		} finally {
			this.lagging = false;
		}
	}

	/** A consumer in a fresh throwaway group, seeking every assigned partition to our position on each join. */
	private async startConsumer(): Promise<Consumer> {
		// Odd generation: a consumer is running; callbacks of older generations are ignored.
		const generation = this.generation += this.generation % 2 === 0 ? 1 : 2;
		const consumer = this.kafka.consumer({
			groupId: `${ownGroupPrefix}${randomBytes(6).toString('hex')}`,
			allowAutoTopicCreation: false,
			readUncommitted: false,
			maxWaitTimeInMs: 500,
			retry: {
				initialRetryTime: 300,
				maxRetryTime: 5000,
				retries: 5,
				restartOnFailure: async error => !isFatalKafkaError(error) && !this.closed,
			},
		});
		const current = () => generation === this.generation && !this.closed;
		consumer.on(consumer.events.GROUP_JOIN, ({payload}) => {
			if (!current()) return;
			// Synchronous, so the seeks are in place before the first fetch of the new generation.
			for (const [topic, partitions] of Object.entries(payload.memberAssignment)) {
				for (const partition of partitions) {
					const offset = this.positions.get(positionKey(topic, partition));
					if (offset !== undefined) consumer.seek({topic, partition, offset});
				}
			}

			this.setState('connected');
		});
		consumer.on(consumer.events.FETCH, () => {
			if (!current()) return;
			this.lastFetchAt = Date.now();
			if (this.state !== 'connected') this.setState('connected');
		});
		consumer.on(consumer.events.CRASH, ({payload}) => {
			if (!current()) return;
			if (isFatalKafkaError(payload.error)) {
				this.fail(payload.error);
				return;
			}

			this.setState('reconnecting', payload.error);
			if (!payload.restart) this.requestRestart();
		});
		try {
			await consumer.connect();
			await consumer.subscribe({topics: [...this.topics.keys()], fromBeginning: true});
			this.lastFetchAt = Date.now();
			await consumer.run({
				autoCommit: false,
				partitionsConsumedConcurrently: 1,
				eachBatch: async payload => this.eachBatch(payload, current),
			});
		} catch (error) {
			await this.stopConsumer(consumer);
			throw error;
		}

		return consumer;
	}

	/** Hand one partition's batch to the engine and wait until it is taken (the engine's pace sets ours). */
	private async eachBatch({batch, heartbeat}: EachBatchPayload, current: () => boolean): Promise<void> {
		if (!current() || batch.isEmpty()) return;
		const key = positionKey(batch.topic, batch.partition);
		let from = this.positions.get(key);
		if (from !== undefined && offsetBelow(batch.highWatermark, from)) {
			this.notice = `offsets of ${key} went back to ${batch.messages[0]!.offset} (topic recreated or truncated?)`;
			from = undefined;
		}

		// After a rebalance kafkajs may fetch from before our position for a moment: never deliver anything twice.
		const messages = from === undefined || !offsetBelow(batch.messages[0]!.offset, from)
			? batch.messages
			: batch.messages.filter(message => !offsetBelow(message.offset, from));
		if (messages.length === 0) return;
		const receivedAt = Date.now();
		const events = messages.map(message => toRawEvent(batch.topic, batch.partition, message, receivedAt));
		const beat = setInterval(() => {
			heartbeat().catch(() => undefined);
		}, 3000);
		try {
			await this.handoff.put({key, next: nextOffset(messages.at(-1)!.offset), events});
		} finally {
			clearInterval(beat);
		}
	}

	private async stopConsumer(consumer: Consumer): Promise<void> {
		if (this.generation % 2 === 1) this.generation++;
		this.handoff.drop();
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([
			consumer.disconnect().catch(() => undefined),
			new Promise<void>(resolve => {
				timer = setTimeout(resolve, 10_000);
			}),
		]);
		clearTimeout(timer);
	}

	private requestRestart(): void {
		this.restartPending = true;
		const wake = this.wake;
		this.wake = undefined;
		wake?.();
	}

	private async waitForRestart(): Promise<void> {
		if (!this.restartPending) {
			await new Promise<void>(resolve => {
				this.wake = resolve;
			});
		}

		this.restartPending = false;
	}

	/** kafkajs's own error lines: shown (masked) while the connection is in trouble, never printed. */
	private clientLog(level: 'error' | 'warn', message: string): void {
		if (this.closed || this.state === 'error') return;
		if (level === 'error') this.setState(this.state === 'connected' ? 'reconnecting' : this.state, message);
		else if (this.state !== 'connected') this.error = safeErrorMessage(message, this.url.secrets);
	}

	private setState(state: SourceState, problem?: unknown): void {
		if (this.state === 'error' || this.closed) return;
		this.state = state;
		this.error = problem === undefined ? undefined : safeErrorMessage(problem, this.url.secrets);
	}

	/** Stop for good: bad credentials or missing rights will not cure themselves. */
	private fail(error: unknown): void {
		if (this.closed) return;
		const message = safeErrorMessage(error, this.url.secrets);
		this.state = 'error';
		this.error = message;
		this.handoff.fail(new InputError(`Kafka ${this.id}: ${message}`));
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
