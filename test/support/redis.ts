// Redis for tests: one shared server (global setup) or one per test file, and dedicated servers for restart and
// password tests.
import {Redis} from 'ioredis';
import {afterAll, beforeAll} from 'vitest';
import {redisServerProblem, startRedisServer, type RedisServer, type RedisServerOptions} from '../../scripts/redis-server.js';
import {fileToken} from './unique-name.js';

/** A Redis for the tests, or the reason there is none. */
export type TestRedis = {url?: string; skipReason?: string; stop(): Promise<void>};

const noop = async () => undefined;

/**
 * Why Redis tests must skip here (undefined when they can run); `dedicated` tests start servers of their own, so
 * they need redis-server even when REDIS_URL names a running one. Under CI=true a missing redis-server is an error
 * instead: CI must never pass by skipping the broker tests.
 */
export function redisSkipReason(options: {dedicated?: boolean} = {}): string | undefined {
	if (process.env.REDIS_URL && !options.dedicated) return undefined;
	const problem = redisServerProblem();
	if (!problem) return undefined;
	if (process.env.CI === 'true') throw new Error(`Redis integration tests cannot run: ${problem} (CI=true: failing instead of skipping)`);
	console.warn(`\n!!! SKIPPING Redis integration tests: ${problem}\n`);
	return problem;
}

/**
 * For the global setup: reuse the server REDIS_URL names, else start a throwaway one and set REDIS_URL so every test
 * worker uses it. Without redis-server: `skipReason` (or a thrown error under CI=true).
 */
export async function startRedisForTests(): Promise<TestRedis> {
	if (process.env.REDIS_URL) return {url: process.env.REDIS_URL, stop: noop};
	const skipReason = redisSkipReason();
	if (skipReason) return {skipReason, stop: noop};
	const server = await startRedisServer();
	process.env.REDIS_URL = server.url;
	return {
		url: server.url,
		async stop() {
			delete process.env.REDIS_URL;
			await server.stop();
		},
	};
}

/** For a test file's beforeAll: the shared server, or one started for this file when no global setup made one. */
export async function redisForTestFile(): Promise<{url: string; stop(): Promise<void>}> {
	if (process.env.REDIS_URL) return {url: process.env.REDIS_URL, stop: noop};
	const server = await startRedisServer();
	return {url: server.url, stop: server.stop};
}

/** Whether REDIS_URL names a database (`redis://host:6379/3`): the server is shared, and only that database is the tests'. */
function sharedDatabaseOnly(): boolean {
	const url = process.env.REDIS_URL;
	return url !== undefined && !['', '/'].includes(new URL(url).pathname);
}

/** `url` naming database `db` instead of its own (none: 0), its query kept. */
export function redisDatabaseUrl(url: string, db: number): string {
	const named = new URL(url);
	named.pathname = `/${db}`;
	return named.toString();
}

/**
 * Why a test file that needs databases of its own (fixed numbers, or its host spelled by port alone: database 0)
 * must skip; like redisSkipReason, but when REDIS_URL names a database it needs redis-server to start a server of
 * its own (serverOfOwnDatabases).
 */
export function ownDatabasesSkipReason(): string | undefined {
	return redisSkipReason({dedicated: sharedDatabaseOnly()});
}

/**
 * For a test file's beforeAll: a server whose every database is the file's (`url` names none). The shared one when
 * REDIS_URL names no database; when it names one, only that database is the tests' (others belong to other users of
 * the server), so a server is started for the file.
 */
export async function serverOfOwnDatabases(): Promise<{url: string; stop(): Promise<void>}> {
	if (!sharedDatabaseOnly()) return redisForTestFile();
	const server = await startRedisServer();
	return {url: server.url, stop: server.stop};
}

/**
 * Register the hooks of a test file that talks to Redis: before its tests, the server (redisForTestFile) and a client
 * connected to it; after them, both closed. The fields are set before the tests run.
 */
export function useRedis(): {url: string; client: Redis} {
	const redis = {url: '', client: undefined as unknown as Redis};
	let server: {url: string; stop(): Promise<void>} | undefined;
	beforeAll(async () => {
		server = await redisForTestFile();
		redis.url = server.url;
		redis.client = new Redis(server.url);
	});
	afterAll(async () => {
		// On a shared server (REDIS_URL), what this file made is deleted: every name it made carries its token.
		if (redis.client) await deleteKeysOf(redis.client, `*${fileToken}*`);
		redis.client?.disconnect();
		await server?.stop();
	});
	return redis;
}

/**
 * Register the hooks of a test file that needs a Redis database of its own, empty (fixed stream names, or streams
 * that must not exist until the test writes them): before its tests the server, a client on database `db` and the
 * database emptied; after them the database emptied again and both closed. `url` names the database. Such a file
 * skips per ownDatabasesSkipReason.
 */
export function useRedisDatabase(db: number): {url: string; client: Redis} {
	const redis = {url: '', client: undefined as unknown as Redis};
	let server: {url: string; stop(): Promise<void>} | undefined;
	beforeAll(async () => {
		server = await serverOfOwnDatabases();
		redis.url = redisDatabaseUrl(server.url, db);
		redis.client = new Redis(redis.url);
		await redis.client.flushdb();
	});
	afterAll(async () => {
		await redis.client?.flushdb();
		redis.client?.disconnect();
		await server?.stop();
	});
	return redis;
}

/** Delete every key matching `pattern` (names as bytes: they need not be UTF-8). */
async function deleteKeysOf(client: Redis, pattern: string): Promise<void> {
	let cursor = '0';
	do {
		const [next, keys] = await client.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', 1000);
		if (keys.length > 0) await client.del(...keys);
		cursor = next.toString('latin1');
	} while (cursor !== '0');
}

/** XADD `n` = first … first+count−1 to `stream` at `url` with a short-lived client (for a server that goes away in between). */
export async function addNumbered(url: string, stream: string, first: number, count: number): Promise<void> {
	const writer = new Redis(url);
	for (let n = first; n < first + count; n++) await writer.xadd(stream, '*', 'n', String(n));
	writer.disconnect();
}

/** A server of the test's own, which it may stop and start again, with a password or persistence if asked. */
export async function startDedicatedRedis(options: RedisServerOptions = {}): Promise<RedisServer> {
	return startRedisServer(options);
}

/**
 * Register the hooks of a test file that needs a server of its own (startDedicatedRedis with `options`: a free
 * loopback port, its own temp dir): before its tests the server, and a client when `connect` makes one; after them
 * the client (the one in `client` then: a test may put a new one there) closed and the server stopped, its dir
 * removed. The fields are set before the tests run. Such a file skips per `redisSkipReason({dedicated: true})`.
 */
export function useDedicatedRedis(options: RedisServerOptions = {}, connect?: (server: RedisServer) => Redis): {server: RedisServer; client: Redis} {
	const redis = {server: undefined as unknown as RedisServer, client: undefined as unknown as Redis};
	beforeAll(async () => {
		redis.server = await startDedicatedRedis(options);
		if (connect) redis.client = connect(redis.server);
	});
	afterAll(async () => {
		redis.client?.disconnect();
		await redis.server?.stop();
	});
	return redis;
}

/** How many clients of `client`'s server have sent an XREAD (a source reading), as CLIENT LIST says. */
export async function xreadClients(client: Redis): Promise<number> {
	return (await client.client('LIST') as string).split('\n').filter(line => line.includes(' cmd=xread')).length;
}
