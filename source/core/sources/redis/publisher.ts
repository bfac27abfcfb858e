// Publish to Redis Streams: one XADD per event, its top-level fields as entry fields (objects as JSON text).
import {Redis, ReplyError, type RedisOptions} from 'ioredis';
import {clusterNodeIds, eachCommand, redisClusterClient, type RedisClient} from './cluster.js';
import {serverNames} from './identity.js';
import {parseRedisUrl} from './url.js';
import {redisConnectionOptions} from './connection.js';
import {safeErrorMessage} from '../../redact.js';
import {errorEssence} from '../../error-essence.js';
import {InputError} from '../../errors.js';
import type {RawEvent} from '../../envelope.js';
import type {PublishOptions, Publisher} from '../source.js';
import {capHeld} from '../held.js';
import {objectMembers} from '../../json-text.js';
import {encodedBytes, jsonText, wireValue} from '../wire.js';

/**
 * The entry fields of an event's value: strings as text, anything else as its JSON, as the value's text writes it
 * when it was read from one (a value that is not an object is one field, `data`, as a Kafka message would carry it).
 * A base64 entry (valueEncoding) has each field as its bytes, and a field given several values (an array) once per
 * value, as Redis holds it.
 */
export function streamFields(event: Pick<RawEvent, 'value' | 'valueEncoding' | 'valueText' | 'schemaId'>): Array<string | Buffer> {
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
 * the node of the stream's slot, whichever node `url` names. With `options.hold`, events the server could not be
 * reached to take (down, restarting) are kept, up to heldLimit, and sent first with a later batch; an error the
 * server answers (a key of another type) still fails.
 */
export async function redisPublisher(url: string, options: PublishOptions = {}): Promise<Publisher> {
	const parsed = parseRedisUrl(url);
	// Commands given in one tick go out as one pipeline (per node, on a cluster: a pipeline cannot span nodes).
	const connection: RedisOptions = {...redisConnectionOptions(parsed), maxRetriesPerRequest: 3, enableAutoPipelining: true};
	// Why the connection failed last, until it is ready again (`connect ECONNREFUSED 127.0.0.1:6379`): a command that
	// gave up says only that it did ("Reached the max retries per request limit (which is 3)…").
	let connectionError: unknown;
	const watch = (client: RedisClient) => client.on('error', (error: unknown) => {
		connectionError = error;
	}).on('ready', () => {
		connectionError = undefined;
	});
	let redis: RedisClient = new Redis(connection);
	watch(redis);
	try {
		await redis.connect();
		if (await clusterNodeIds(redis, (await serverNames(redis)).cluster)) {
			redis.disconnect();
			redis = redisClusterClient(parsed, connection);
			watch(redis);
			await redis.connect();
		}
	} catch (error) {
		redis.disconnect();
		if (error instanceof InputError) throw error;
		throw new InputError(`cannot publish to ${parsed.display}: ${safeErrorMessage(error, parsed.secrets)}`);
	}

	const client = redis;
	// With `hold`: events the server did not take, oldest first, how many were given up on, and why the last try failed.
	let held: RawEvent[] = [];
	let dropped = 0;
	let unreachable = '';
	const keep = (waiting: RawEvent[]) => {
		const {kept, dropped: over} = capHeld(waiting);
		held = kept;
		dropped += over;
	};

	/** Add `events` in order; returns those that failed, the first error, and whether the server answered with one. */
	const add = async (events: RawEvent[]) => {
		const results = await eachCommand(events.map(async event => client.xadd(event.topic ?? 'events', '*', ...streamFields(event))));
		const error = results.find(([failed]) => failed)?.[0] ?? undefined;
		return {error, failed: error ? events.filter((_, index) => results[index]![0]) : [], answered: results.some(([failed]) => failed instanceof ReplyError)};
	};

	return {
		name: parsed.display,
		async publish(events: RawEvent[]) {
			// Already holding and not connected again yet: no try of every held event at each batch.
			if (options.hold && held.length > 0 && client.status !== 'ready') {
				keep(held.concat(events));
				return;
			}

			const {error, failed, answered} = await add(held.length > 0 ? held.concat(events) : events);
			if (error && (!options.hold || answered)) throw new InputError(`publishing to ${parsed.display} failed: ${safeErrorMessage(error, parsed.secrets)}`);
			// The server out of reach: what it did not take waits for the next batch, in order, said with the cause first.
			keep(failed);
			if (error) unreachable = errorEssence(safeErrorMessage(connectionError ?? error, parsed.secrets)).text;
		},
		held() {
			return held.length > 0 || dropped > 0 ? {events: held.length, dropped, where: `${parsed.display} to answer (${unreachable})`} : undefined;
		},
		async close() {
			// One last try for what is held; what still fails stays held, for the caller to say.
			if (held.length > 0) held = (await add(held)).failed;
			await client.quit().catch(() => client.disconnect());
		},
	};
}
