// The Redis Streams source kind: `redis://` and `rediss://` URLs, read and published through ioredis, loaded on use.
import type {SourceKind} from '../kind.js';
import {parseRedisUrl} from './url.js';

/** Redis Streams: entries read with XREAD, never through the application's consumer groups; publishable. */
export const redisKind: SourceKind = {
	name: 'Redis',
	schemes: ['redis', 'rediss'],
	live: true,
	readsToNow: true,
	example: `'redis://host:6379?streams=events:*'`,
	secretEnv: ['REDIS_PASSWORD'],
	parseUrl: parseRedisUrl,
	async open(spec, options) {
		const {redisStreamsSource} = await import('./source.js');
		return redisStreamsSource(spec, {from: options.from, toNow: options.toNow});
	},
	async publisher(url, _topics, _fields, options) {
		const {redisPublisher} = await import('./publisher.js');
		return redisPublisher(url, options);
	},
};
