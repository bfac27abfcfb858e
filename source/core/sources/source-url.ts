// `--source` URLs for live sources: `kafka://…` and `redis://…`, parsed into what the sources need.
import {InputError} from '../errors.js';
import {maskSecrets} from '../redact.js';

/** Kafka topics to read: exact names and full-match patterns; both empty means every non-internal topic. */
export type TopicSelector = {names: string[]; patterns: RegExp[]};

/** SASL credentials for Kafka. */
export type KafkaSasl = {mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string};

/** TLS for Kafka; `ca` is the path of a PEM file trusted in addition to the system CAs. */
export type KafkaTls = {ca?: string};

/** A parsed `kafka://` URL. */
export type KafkaSourceUrl = {
	brokers: string[];
	topics: TopicSelector;
	/** Application consumer groups whose lag is shown; undefined means every group that committed on our topics. */
	groups?: string[];
	sasl?: KafkaSasl;
	tls?: KafkaTls;
	/** Canonical URL without credentials: display name and position key. */
	display: string;
	/** Values to mask in anything printed. */
	secrets: string[];
};

/** Redis streams to read: exact keys and `SCAN MATCH` glob patterns; both empty means every stream. */
export type StreamSelector = {names: string[]; globs: string[]};

/** A parsed `redis://` or `rediss://` URL. */
export type RedisSourceUrl = {
	host: string;
	port: number;
	db: number;
	username?: string;
	password?: string;
	tls: boolean;
	/** With TLS: a PEM file trusted in addition to the system CAs (`?ca=FILE`, which implies TLS). */
	ca?: string;
	streams: StreamSelector;
	display: string;
	secrets: string[];
};

const kafkaParams = new Set(['topics', 'groups', 'sasl', 'tls', 'ca']);
const redisParams = new Set(['streams', 'tls', 'ca']);
const mechanisms = new Set<KafkaSasl['mechanism']>(['plain', 'scram-sha-256', 'scram-sha-512']);
const topicName = /^[A-Za-z0-9._-]+$/;
const globOnly = /^[A-Za-z0-9._*?-]+$/;

/** Comma-separated list items, trimmed, empties dropped. */
function listOf(text: string | undefined): string[] {
	return text ? text.split(',').map(item => item.trim()).filter(Boolean) : [];
}

/**
 * Query parameters of a URL, refusing unknown ones (a misspelt `topic=` must not silently read everything). Not
 * URLSearchParams: it turns `+` into a space, and `+` belongs in topic patterns (`orders\..+`).
 */
function paramsOf(query: string, allowed: Set<string>, scheme: string): Map<string, string> {
	const params = new Map<string, string>();
	for (const pair of query.replace(/^\?/, '').split('&').filter(Boolean)) {
		const equals = pair.indexOf('=');
		const key = decodePart(equals < 0 ? pair : pair.slice(0, equals));
		if (!allowed.has(key)) throw new InputError(`Unknown ${scheme}:// option "${key}" (known: ${[...allowed].join(', ')})`);
		params.set(key, decodePart(equals < 0 ? '' : pair.slice(equals + 1)));
	}

	return params;
}

/** Percent-decoding that reports bad escapes as a user error. */
function decodePart(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		throw new InputError('Bad percent-escape in a source URL');
	}
}

/** A URL cut at its credentials: `user:password` (raw) and the URL without them. */
type SplitUrl = {userInfo?: string; rest: string};

/**
 * Take `user:pass@` off `scheme://user:pass@host…` before anything else parses the URL, so a password holding `@`,
 * `?`, `/` or `#` is neither cut in two nor echoed in an error: the credentials end at the last `@` that is
 * followed by a host list (`host[:port][,host…]`) and then the end, a path or a query (else at the last `@`).
 */
function splitCredentials(url: string): SplitUrl {
	const match = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is.exec(url.trim());
	if (!match) return {rest: url.trim()};
	const [, scheme = '', remainder = ''] = match;
	for (let at = remainder.lastIndexOf('@'); at >= 0; at = remainder.lastIndexOf('@', at - 1)) {
		if (/^[A-Za-z0-9._\-[\]:,]+(?:[/?#]|$)/.test(remainder.slice(at + 1))) {
			return {userInfo: remainder.slice(0, at), rest: scheme + remainder.slice(at + 1)};
		}
	}

	// No host follows any `@`: the URL is broken anyway, and whatever precedes its last `@` may be a password.
	const at = remainder.lastIndexOf('@');
	return at < 0 ? {rest: scheme + remainder} : {userInfo: remainder.slice(0, at), rest: scheme + remainder.slice(at + 1)};
}

/** `user` and `password` of raw user info, percent-decoded where that is valid (a literal `%` stays as typed). */
function credentialsOf(userInfo: string | undefined): {username?: string; password?: string} {
	if (userInfo === undefined) return {};
	const colon = userInfo.indexOf(':');
	const decode = (text: string) => {
		try {
			return decodeURIComponent(text);
		} catch {
			return text;
		}
	};

	return colon < 0 ? {username: decode(userInfo)} : {username: decode(userInfo.slice(0, colon)), password: decode(userInfo.slice(colon + 1))};
}

/** Run a URL parser with its errors masked: no part of the credentials ever reaches a message. */
function maskedErrors<T>(userInfo: string | undefined, parse: () => T): T {
	try {
		return parse();
	} catch (error) {
		if (userInfo === undefined || !(error instanceof InputError)) throw error;
		const secrets = [userInfo, ...userInfo.split(/[:@/?#&=]/).filter(part => part.length >= 3)];
		throw new InputError(maskSecrets(error.message, secrets));
	}
}

/** A boolean query value: true/1/yes or false/0/no. */
function flag(value: string | undefined, name: string): boolean {
	if (value === undefined) return false;
	if (/^(true|1|yes)$/i.test(value)) return true;
	if (/^(false|0|no)$/i.test(value)) return false;
	throw new InputError(`Option "${name}" must be true or false, got "${value}"`);
}

/**
 * Kafka topic items: a plain name is exact; a name with `*` or `?` is a glob (`orders.*`); anything else, or
 * `/…/`, is a regular expression matched against the whole name (`(orders|payment)\..+`).
 */
export function parseTopicSelector(items: string[]): TopicSelector {
	const selector: TopicSelector = {names: [], patterns: []};
	for (const item of items) {
		if (topicName.test(item)) {
			selector.names.push(item);
			continue;
		}

		const source = item.length > 2 && item.startsWith('/') && item.endsWith('/') ? item.slice(1, -1)
			: globOnly.test(item) ? item.replace(/[.]/g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.')
				: item;
		try {
			selector.patterns.push(new RegExp(`^(?:${source})$`));
		} catch (error) {
			throw new InputError(`Bad topic pattern "${item}": ${(error as Error).message}`);
		}
	}

	return selector;
}

/** Whether a topic is selected; internal topics (`__consumer_offsets`) only when named exactly. */
export function topicSelected(selector: TopicSelector, topic: string): boolean {
	if (selector.names.includes(topic)) return true;
	if (topic.startsWith('__')) return false;
	if (selector.names.length === 0 && selector.patterns.length === 0) return true;
	return selector.patterns.some(pattern => pattern.test(topic));
}

/**
 * Parse `kafka://[user:pass@]HOST[:PORT][,HOST[:PORT]]?topics=…&groups=…&sasl=scram-sha-256&tls=true&ca=FILE`.
 * Credentials may instead come from KAFKA_USERNAME / KAFKA_PASSWORD (and KAFKA_SASL_MECHANISM), so they stay out
 * of shell history.
 */
export function parseKafkaUrl(url: string, env: NodeJS.ProcessEnv = process.env): KafkaSourceUrl {
	const {userInfo, rest} = splitCredentials(url);
	return maskedErrors(userInfo, () => parseKafkaRest(userInfo, rest, env));
}

/** parseKafkaUrl once the credentials are off the URL. */
function parseKafkaRest(userInfo: string | undefined, url: string, env: NodeJS.ProcessEnv): KafkaSourceUrl {
	const match = /^kafka:\/\/([^/?#]+)\/?(?:\?([^#]*))?$/i.exec(url);
	if (!match) throw new InputError('A Kafka source looks like kafka://HOST:PORT[,HOST:PORT]?topics=NAME,PATTERN');
	const [, hostList = '', query = ''] = match;
	const brokers = listOf(hostList).map(host => {
		if (!/^(\[[0-9a-f:.]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/i.test(host)) throw new InputError(`Bad Kafka broker address "${host}"`);
		return /:\d+$/.test(host) ? host : `${host}:9092`;
	});
	if (brokers.length === 0) throw new InputError('A Kafka source needs at least one broker: kafka://HOST:PORT');
	const params = paramsOf(query, kafkaParams, 'kafka');

	const credentials = credentialsOf(userInfo);
	const username = credentials.username || env.KAFKA_USERNAME;
	const password = credentials.password ?? env.KAFKA_PASSWORD;
	const mechanism = (params.get('sasl') ?? env.KAFKA_SASL_MECHANISM ?? (username ? 'plain' : undefined))?.toLowerCase();
	if (mechanism !== undefined && !mechanisms.has(mechanism as KafkaSasl['mechanism'])) {
		throw new InputError(`Unknown SASL mechanism "${mechanism}" (known: ${[...mechanisms].join(', ')})`);
	}

	if (mechanism && (!username || password === undefined)) {
		throw new InputError('SASL needs a user name and a password (in the URL, or KAFKA_USERNAME and KAFKA_PASSWORD)');
	}

	const ca = params.get('ca');
	const tls = flag(params.get('tls'), 'tls') || ca !== undefined;
	const groups = listOf(params.get('groups'));
	const shown = ['topics', 'groups', 'sasl', 'tls']
		.filter(key => params.has(key))
		.map(key => `${key}=${params.get(key)!}`);
	return {
		brokers,
		topics: parseTopicSelector(listOf(params.get('topics'))),
		groups: groups.length > 0 ? groups : undefined,
		sasl: mechanism ? {mechanism: mechanism as KafkaSasl['mechanism'], username: username!, password: password!} : undefined,
		tls: tls ? {ca} : undefined,
		display: `kafka://${brokers.join(',')}${shown.length > 0 ? `?${shown.join('&')}` : ''}`,
		secrets: [password, userInfo].filter((secret): secret is string => Boolean(secret)),
	};
}

/**
 * Parse `redis://[user:pass@]HOST[:PORT][/DB]?streams=events:*,orders` (`rediss://` for TLS). Items with `*`, `?`
 * or `[` are `SCAN MATCH` patterns, others exact keys. The password may instead come from REDIS_PASSWORD (and the
 * user from REDIS_USERNAME).
 */
export function parseRedisUrl(url: string, env: NodeJS.ProcessEnv = process.env): RedisSourceUrl {
	const {userInfo, rest} = splitCredentials(url);
	return maskedErrors(userInfo, () => parseRedisRest(userInfo, rest, env));
}

/** parseRedisUrl once the credentials are off the URL. */
function parseRedisRest(userInfo: string | undefined, url: string, env: NodeJS.ProcessEnv): RedisSourceUrl {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new InputError('A Redis source looks like redis://[user:pass@]HOST:PORT[/DB]?streams=NAME,PATTERN');
	}

	const scheme = parsed.protocol.slice(0, -1).toLowerCase();
	if (scheme !== 'redis' && scheme !== 'rediss') throw new InputError(`Not a Redis URL: ${scheme}://`);
	const host = parsed.hostname.replace(/^\[|\]$/g, '');
	if (!host) throw new InputError('A Redis source needs a host: redis://HOST:PORT');
	const port = parsed.port ? Number(parsed.port) : 6379;
	const dbText = parsed.pathname.replace(/^\//, '');
	if (dbText !== '' && !/^\d+$/.test(dbText)) throw new InputError(`Bad Redis database "${dbText}" (a number, as in redis://host:6379/0)`);
	const params = paramsOf(parsed.search, redisParams, 'redis');
	const credentials = credentialsOf(userInfo);
	const username = credentials.username || env.REDIS_USERNAME;
	const password = credentials.password || env.REDIS_PASSWORD;
	const ca = params.get('ca');
	const tls = scheme === 'rediss' || flag(params.get('tls'), 'tls') || ca !== undefined;
	const items = listOf(params.get('streams'));
	const streams: StreamSelector = {
		names: items.filter(item => !/[*?[]/.test(item)),
		globs: items.filter(item => /[*?[]/.test(item)),
	};
	const db = dbText === '' ? 0 : Number(dbText);
	const address = host.includes(':') ? `[${host}]` : host;
	const shown = params.has('streams') ? `?streams=${params.get('streams')!}` : '';
	return {
		host,
		port,
		db,
		username: username || undefined,
		password: password || undefined,
		tls,
		ca,
		streams,
		display: `${tls ? 'rediss' : 'redis'}://${address}:${port}${db === 0 ? '' : `/${db}`}${shown}`,
		secrets: [password, userInfo].filter((secret): secret is string => Boolean(secret)),
	};
}

/** Where a live source starts when it has no saved position. */
export type StartFrom = {kind: 'latest'} | {kind: 'earliest'} | {kind: 'time'; ms: number};

/** Parse `--from`: `latest` (default), `earliest`, or an ISO-8601 time. */
export function parseStartFrom(from: string | undefined): StartFrom {
	if (from === undefined || from === 'latest') return {kind: 'latest'};
	if (from === 'earliest') return {kind: 'earliest'};
	const ms = /^\d{4}-\d{2}-\d{2}/.test(from) ? Date.parse(from) : Number.NaN;
	if (Number.isNaN(ms)) throw new InputError(`--from must be latest, earliest or an ISO time (2026-11-21T10:00:00Z), got "${from}"`);
	return {kind: 'time', ms};
}
