// Redis credentials never reach health or errors: ioredis attaches the AUTH arguments (the password) to its errors.
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {InputError} from '../../source/core/errors.js';
import {redisStreamsSource} from '../../source/core/sources/redis/source.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {Reader, uniqueName} from './reader.js';

const skipReason = redisSkipReason({dedicated: true});

describe.skipIf(skipReason)('Redis Streams source with requirepass', () => {
	const password = 'S3cret-pass-for-tests';
	const redis = useDedicatedRedis({password});

	it.each([
		['a wrong password', 'Wrong-pass-9', /WRONGPASS/],
		['no password', undefined, /NOAUTH/],
	])('stops with a masked InputError on %s', async (_, given, reason) => {
		const stream = uniqueName('it:auth');
		const credentials = given ? `:${given}@` : '';
		const reader = new Reader(redisStreamsSource(`redis://${credentials}127.0.0.1:${redis.server.port}?streams=${stream}`));
		await reader.ended();
		const health = reader.source.health();
		expect(reader.error).toBeInstanceOf(InputError);
		expect(health.state).toBe('error');
		expect(health.error).toMatch(reason);
		for (const text of [health.error, (reader.error as Error).message, health.name]) {
			expect(text).not.toContain(password);
			if (given) expect(text).not.toContain(given);
		}
	});

	it('reads with the right password, given in the URL or in the options', async () => {
		const stream = uniqueName('it:auth');
		const writer = new Redis({port: redis.server.port, password});
		await writer.xadd(stream, '*', 'n', '1');
		const fromUrl = new Reader(redisStreamsSource(`redis://:${encodeURIComponent(password)}@127.0.0.1:${redis.server.port}?streams=${stream}`, {from: 'earliest'}));
		const fromOptions = new Reader(redisStreamsSource(`redis://127.0.0.1:${redis.server.port}?streams=${stream}`, {from: 'earliest', password}));
		await fromUrl.waitFor(1);
		await fromOptions.waitFor(1);
		await fromUrl.close();
		await fromOptions.close();
		writer.disconnect();
		expect(fromUrl.events[0]!.value).toEqual({n: '1'});
		expect(fromOptions.events[0]!.value).toEqual({n: '1'});
		expect(fromUrl.source.health().name).toBe(`redis://127.0.0.1:${redis.server.port}?streams=${stream}`);
	});
});
