// `kafka://` URLs: brokers, topic selectors, consumer groups, SASL and TLS options.
import {InputError} from '../../errors.js';
import {credentialsOf, flag, listOf, maskedErrors, paramsOf, splitCredentials} from '../source-url.js';

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
	/** Canonical URL without credentials: the name shown. */
	display: string;
	/** The brokers as given, sorted: the cluster's origin (RawEvent.origin) where it gives no id. */
	server: string;
	/** The topic selection as position keys hold it (`?topics=…`, sorted), or '' for every topic. */
	selection: string;
	/**
	 * What read positions are saved under where the cluster gives no id (clusterPositionKey): the brokers and topic
	 * selection, sorted; options that do not change what is read (groups, SASL, TLS) left out.
	 */
	positionKey: string;
	/** Values to mask in anything printed. */
	secrets: string[];
};

const kafkaParams = new Set(['topics', 'groups', 'sasl', 'tls', 'ca']);
/** The SASL mechanisms a URL may name (`?sasl=`). */
export const saslMechanisms: ReadonlySet<string> = new Set<KafkaSasl['mechanism']>(['plain', 'scram-sha-256', 'scram-sha-512']);
const topicName = /^[A-Za-z0-9._-]+$/;
const globOnly = /^[A-Za-z0-9._*?-]+$/;

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

/** What read positions are saved under once the cluster's id is known: any spelling of its brokers finds them. */
export function clusterPositionKey(clusterId: string, selection: string): string {
	return `kafka-cluster:${clusterId}${selection}`;
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
	if (mechanism !== undefined && !saslMechanisms.has(mechanism)) {
		throw new InputError(`Unknown SASL mechanism "${mechanism}" (known: ${[...saslMechanisms].join(', ')})`);
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
	const server = [...brokers].sort().join(',');
	const selection = params.has('topics') ? `?topics=${[...listOf(params.get('topics'))].sort().join(',')}` : '';
	return {
		brokers,
		topics: parseTopicSelector(listOf(params.get('topics'))),
		groups: groups.length > 0 ? groups : undefined,
		sasl: mechanism ? {mechanism: mechanism as KafkaSasl['mechanism'], username: username!, password: password!} : undefined,
		tls: tls ? {ca} : undefined,
		display: `kafka://${brokers.join(',')}${shown.length > 0 ? `?${shown.join('&')}` : ''}`,
		server,
		selection,
		positionKey: `kafka://${server}${selection}`,
		secrets: [password, userInfo].filter((secret): secret is string => Boolean(secret)),
	};
}
