// Publish to Redis Streams: one XADD per event, its top-level fields as entry fields (objects as JSON text).
import {Redis} from 'ioredis';
import {parseRedisUrl} from './url.js';
import {redisConnectionOptions} from './connection.js';
import {safeErrorMessage} from '../../redact.js';
import {InputError} from '../../errors.js';
import type {RawEvent} from '../../envelope.js';
import type {Publisher} from '../source.js';

/** The entry fields of an event's value: scalars as text, objects and arrays as JSON. */
export function streamFields(value: unknown): string[] {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['data', JSON.stringify(value)];
	return Object.entries(value).flatMap(([name, field]) => [name, typeof field === 'string' ? field : JSON.stringify(field)]);
}

/** A Redis client for `url` that appends each event to the stream named by its topic. */
export async function redisPublisher(url: string): Promise<Publisher> {
	const parsed = parseRedisUrl(url);
	const redis = new Redis({...redisConnectionOptions(parsed), maxRetriesPerRequest: 3});
	redis.on('error', () => undefined);
	try {
		await redis.connect();
	} catch (error) {
		redis.disconnect();
		throw new InputError(`cannot publish to ${parsed.display}: ${safeErrorMessage(error, parsed.secrets)}`);
	}

	return {
		name: parsed.display,
		async publish(events: RawEvent[]) {
			const pipeline = redis.pipeline();
			for (const event of events) pipeline.xadd(event.topic ?? 'events', '*', ...streamFields(event.value));
			const results = await pipeline.exec();
			const failed = results?.find(([error]) => error);
			if (failed?.[0]) throw new InputError(`publishing to ${parsed.display} failed: ${safeErrorMessage(failed[0], parsed.secrets)}`);
		},
		async close() {
			await redis.quit().catch(() => redis.disconnect());
		},
	};
}
