// Publish to Redis Streams: one XADD per event, its top-level fields as entry fields (objects as JSON text).
import {Redis, type RedisOptions} from 'ioredis';
import {clusterNodeIds, eachCommand, redisClusterClient, type RedisClient} from './cluster.js';
import {serverNames} from './identity.js';
import {parseRedisUrl} from './url.js';
import {redisConnectionOptions} from './connection.js';
import {safeErrorMessage} from '../../redact.js';
import {InputError} from '../../errors.js';
import type {RawEvent} from '../../envelope.js';
import type {Publisher} from '../source.js';
import {objectMembers} from '../../json-text.js';
import {encodedBytes, jsonText, wireValue} from '../wire.js';

/**
 * The entry fields of an event's value: strings as text, anything else as its JSON, as the value's text writes it
 * when it was read from one (a value that is not an object is one field, `data`, as a Kafka message would carry it).
 * A base64 entry (valueEncoding) has each field as its bytes, and a field given several values (an array) once per
 * value, as Redis holds it.
 */
export function streamFields(event: Pick<RawEvent, 'value' | 'valueEncoding' | 'valueText'>): Array<string | Buffer> {
	const {value, valueEncoding} = event;
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['data', wireValue(event)];
	if (valueEncoding === 'base64') {
		return Object.entries(value).flatMap(([name, field]) => (Array.isArray(field) ? field : [field]).flatMap(item => [name, typeof item === 'string' ? encodedBytes(item, 'base64') : JSON.stringify(item)]));
	}

	// Members as written; the last of a repeated name, as JSON.parse keeps.
	const written = new Map(event.valueText ? objectMembers(jsonText(event)) : []);
	return Object.entries(value).flatMap(([name, field]) => [name, typeof field === 'string' ? field : written.get(name) ?? JSON.stringify(field)]);
}

/**
 * A Redis client for `url` that appends each event to the stream named by its topic; on a Redis Cluster node, to
 * the node of the stream's slot, whichever node `url` names.
 */
export async function redisPublisher(url: string): Promise<Publisher> {
	const parsed = parseRedisUrl(url);
	// Commands given in one tick go out as one pipeline (per node, on a cluster: a pipeline cannot span nodes).
	const options: RedisOptions = {...redisConnectionOptions(parsed), maxRetriesPerRequest: 3, enableAutoPipelining: true};
	let redis: RedisClient = new Redis(options);
	redis.on('error', () => undefined);
	try {
		await redis.connect();
		if (await clusterNodeIds(redis, (await serverNames(redis)).cluster)) {
			redis.disconnect();
			redis = redisClusterClient(parsed, options);
			redis.on('error', () => undefined);
			await redis.connect();
		}
	} catch (error) {
		redis.disconnect();
		if (error instanceof InputError) throw error;
		throw new InputError(`cannot publish to ${parsed.display}: ${safeErrorMessage(error, parsed.secrets)}`);
	}

	const client = redis;
	return {
		name: parsed.display,
		async publish(events: RawEvent[]) {
			const results = await eachCommand(events.map(async event => client.xadd(event.topic ?? 'events', '*', ...streamFields(event))));
			const failed = results.find(([error]) => error);
			if (failed?.[0]) throw new InputError(`publishing to ${parsed.display} failed: ${safeErrorMessage(failed[0], parsed.secrets)}`);
		},
		async close() {
			await client.quit().catch(() => client.disconnect());
		},
	};
}
