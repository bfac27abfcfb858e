// The Kafka clients as the Kafka source uses them: kafkajs for admin requests (topics, offsets, lag), quiet (its log
// goes to health, never to the terminal), and @platformatic/kafka for group-less fetches; both with TLS and SASL.
import type tls from 'node:tls';
import {Consumer, type SASLMechanismValue} from '@platformatic/kafka';
import {Kafka, logLevel, type KafkaConfig, type SASLOptions} from 'kafkajs';
import {installKafkaCodecs, KafkaDecompressionError} from './codecs.js';
import {trustedCas} from '../trusted-ca.js';
import type {KafkaSourceUrl} from './url.js';

/** Where the client reports its own errors and warnings (already one line, not yet masked), and the broker (host:port) a line is about. */
export type KafkaLogSink = (level: 'error' | 'warn', message: string, broker?: string) => void;

/** TLS options of a URL: undefined (plain), {} (system CAs) or the system CAs plus the URL's private CA. */
function tlsOptions(url: KafkaSourceUrl): tls.ConnectionOptions | undefined {
	if (!url.tls) return undefined;
	return url.tls.ca ? {ca: trustedCas(url.tls.ca, 'Kafka')} : {};
}

/** A kafkajs client for a parsed URL; its log lines go to `sink` instead of the console. */
export function createKafkaClient(url: KafkaSourceUrl, sink: KafkaLogSink): Kafka {
	const options = tlsOptions(url);
	const ssl: KafkaConfig['ssl'] = options && (options.ca ? options : true);
	const sasl: SASLOptions | undefined = url.sasl && {
		mechanism: url.sasl.mechanism,
		username: url.sasl.username,
		password: url.sasl.password,
	} as SASLOptions;
	return new Kafka({
		clientId: 'pubsub-tools',
		brokers: url.brokers,
		ssl,
		sasl,
		connectionTimeout: 5000,
		requestTimeout: 30_000,
		retry: {initialRetryTime: 300, maxRetryTime: 5000, retries: 5},
		logLevel: logLevel.WARN,
		logCreator: () => ({level, namespace, log}) => {
			if (level !== logLevel.ERROR && level !== logLevel.WARN) return;
			const detail = typeof log.error === 'string' && log.error !== log.message ? `: ${log.error}` : '';
			const broker = typeof log.broker === 'string' ? log.broker : undefined;
			sink(level === logLevel.ERROR ? 'error' : 'warn', `${namespace ? `[${namespace}] ` : ''}${log.message}${detail}`, broker);
		},
	});
}

/**
 * A client that only fetches: @platformatic/kafka's Consumer, whose `fetch()` reads partitions from given offsets
 * without joining a group (its group id is required by the constructor and never sent). It does not retry by
 * itself: the source decides how to wait, so a broker's return is noticed within a second.
 */
export function createFetchClient(url: KafkaSourceUrl): Consumer {
	installKafkaCodecs();
	return new Consumer({
		clientId: 'pubsub-tools',
		bootstrapBrokers: url.brokers,
		groupId: 'pubsub-tools-never-joined',
		tls: tlsOptions(url),
		sasl: url.sasl && {
			mechanism: url.sasl.mechanism.toUpperCase() as SASLMechanismValue,
			username: url.sasl.username,
			password: url.sasl.password,
		},
		autocreateTopics: false,
		connectTimeout: 5000,
		requestTimeout: 30_000,
		retries: 0,
		metadataMaxAge: 60_000,
	});
}

/**
 * Call `heard` with their count whenever bytes arrive from a broker on any connection of `client`, also in the middle
 * of an answer: a broker sending a large answer over a slow link is not silent, though the answer takes seconds.
 */
export function onBytesFromBroker(client: Consumer, heard: (bytes: number) => void): void {
	client.on('client:broker:connect', ({connection}) => {
		connection.socket.on('data', (chunk: Buffer) => {
			heard(chunk.length);
		});
	});
}

const fatalTypes = /AUTHORIZATION_FAILED|SASL_AUTHENTICATION_FAILED|UNSUPPORTED_SASL_MECHANISM|ILLEGAL_SASL_STATE|INVALID_GROUP_ID/;

/** An error as Kafka clients shape it: kafkajs's `type`, @platformatic/kafka's `apiId` and `code`. */
type KafkaError = Error & {type?: string; apiId?: string; code?: unknown};

/**
 * Whether `error` or an error it wraps passes `test`. Clients wrap causes (kafkajs in `originalError`,
 * @platformatic/kafka in `cause` and in the `errors` of an AggregateError), so a bounded number of wrapped errors is searched.
 */
function someKafkaCause(error: unknown, test: (cause: KafkaError) => boolean): boolean {
	const pending: unknown[] = [error];
	for (let seen = 0; seen < 20 && pending.length > 0; seen++) {
		const current = pending.shift();
		if (!(current instanceof Error)) continue;
		if (test(current)) return true;
		if (current instanceof AggregateError) pending.push(...current.errors);
		pending.push((current as {originalError?: unknown}).originalError, current.cause);
	}

	return false;
}

/**
 * Errors retrying cannot cure (bad credentials, missing rights, a batch that cannot be decompressed): the source
 * stops with them instead of looping.
 */
export function isFatalKafkaError(error: unknown): boolean {
	return someKafkaCause(error, current => {
		const {name, type, apiId, code} = current;
		if (current instanceof KafkaDecompressionError || name === 'KafkaJSSASLAuthenticationError') return true;
		if (code === 'PLT_KFK_AUTHENTICATION' || code === 'PLT_KFK_UNSUPPORTED_COMPRESSION') return true;
		return fatalTypes.test(type ?? '') || fatalTypes.test(apiId ?? '');
	});
}

/** Whether a broker refused the SASL credentials (a wrong user name, password or mechanism). */
export function isAuthenticationFailure(error: unknown): boolean {
	return someKafkaCause(error, ({name, type, apiId, code}) => name === 'KafkaJSSASLAuthenticationError' || code === 'PLT_KFK_AUTHENTICATION'
		|| type === 'SASL_AUTHENTICATION_FAILED' || apiId === 'SASL_AUTHENTICATION_FAILED');
}

/** kafkajs's words (also in its log lines) for a connection closed on it, by a TLS listener too, or SASL out of place. */
const listenerRefusal = /Closed connection|disconnected before secure TLS connection|not valid given the current SASL state/;

/**
 * A connection the broker closed, or a SASL request it found out of place: what a listener does with a client that
 * expects other SASL or TLS than it speaks (also what a broker going down may do, so the listener is asked first).
 */
export function isListenerRefusal(error: unknown): boolean {
	return someKafkaCause(error, ({name, type, message}) => name === 'KafkaJSConnectionClosedError' || type === 'ILLEGAL_SASL_STATE' || listenerRefusal.test(message));
}

/** A broker's answer that a topic it was asked about does not exist (deleted, or the broker came back empty). */
export function isUnknownTopicError(error: unknown): boolean {
	return someKafkaCause(error, ({type}) => type === 'UNKNOWN_TOPIC_OR_PARTITION');
}

/** What the source needs of a topic's metadata: its id and each partition's leader (−1: none). */
export type TopicLeaders = {id: string; partitionsCount: number; partitions: Array<{leader: number}>};

/** A Metadata answer as @platformatic/kafka attaches it to the error it throws when a partition has an error code. */
type RawMetadata = {topics?: Array<{errorCode: number; name: string | null; topicId: string; partitions: Array<{partitionIndex: number; leaderId: number}>}>};

/**
 * The topics of a Metadata answer that failed only for some partitions (no leader while a broker is down or an
 * election runs, a replica offline): @platformatic/kafka throws the whole answer away for one such partition, which
 * would stop every other partition too. Undefined for any other error (a topic-level error, no answer at all).
 */
export function partitionErrorMetadata(error: unknown): Map<string, TopicLeaders> | undefined {
	const {errors, response} = (error ?? {}) as {errors?: unknown; response?: RawMetadata};
	if (!Array.isArray(errors) || errors.length === 0 || !response?.topics) return undefined;
	const partitionLevel = errors.every(entry => /^\/topics\/\d+\/partitions\/\d+$/.test(String((entry as {path?: unknown} | undefined)?.path)));
	if (!partitionLevel) return undefined;
	const topics = new Map<string, TopicLeaders>();
	for (const {name, topicId, partitions: raw} of response.topics) {
		if (name === null) continue;
		const partitions: Array<{leader: number}> = [];
		for (const {partitionIndex, leaderId} of raw) partitions[partitionIndex] = {leader: leaderId};
		topics.set(name, {id: topicId, partitionsCount: raw.length, partitions});
	}

	return topics;
}
