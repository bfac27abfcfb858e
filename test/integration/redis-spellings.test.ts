// One Redis database under two spellings of its host (`localhost`, `127.0.0.1`, `[::1]`) is one source: a monitor
// run on one spelling resumes where a run on another left off in the same --data-dir, with no gap (`--from latest`
// would otherwise start at what is newest) and no entry stored twice (`--from earliest` would read them all again
// under another origin, which the read-twice guard does not know: stored again, `query` counts them as copies); and
// one run given it under two spellings reads each entry once.
import net from 'node:net';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {ownDatabasesSkipReason, redisDatabaseUrl, serverOfOwnDatabases} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-redis-spellings-');

/** A stream and its newest entry id: a run has read all of it once it asks for what follows. */
type ReadTo = {server: Redis; stream: string; last: string};

/** `monitor --headless` on `url` into the store at `dataDir`, ended by Ctrl-C once it read `to.stream` past `to.last`. */
async function monitor(to: ReadTo, url: string, dataDir: string, ...extra: string[]) {
	const result = await runCliUntilRead(to.server, {[to.stream]: to.last}, ['monitor', '--headless', '--source', url, '--data-dir', dataDir, ...extra], {cwd: temp.path});
	expect(result.code, result.stderr).toBe(0);
}

/** The events the store at `dataDir` holds, and how many of them are copies of another (an entry stored twice), as `query` counts them. */
async function storedEvents(dataDir: string): Promise<{matched: number; copies: number}> {
	const query = await runCli(['query', '--data-dir', dataDir, '--group-by', 'topic', '--json'], {cwd: temp.path});
	const {matched, copies} = JSON.parse(query.stdout) as {matched: number; copies: number};
	return {matched, copies};
}

/** Whether something listens on [::1]:port (a server of ours may be bound to IPv4 only). */
async function listensOnIpv6Loopback(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const socket = net.connect({host: '::1', port}, () => {
			socket.destroy();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

describe.skipIf(ownDatabasesSkipReason())('one Redis database under several spellings of its host', () => {
	let server: {url: string; stop(): Promise<void>};
	let spellings: string[];
	beforeAll(async () => {
		server = await serverOfOwnDatabases();
		const {port} = new URL(server.url);
		spellings = [`redis://localhost:${port}`, `redis://127.0.0.1:${port}`];
		if (await listensOnIpv6Loopback(Number(port))) spellings.push(`redis://[::1]:${port}`);
	});
	afterAll(async () => server?.stop());

	/** Add `count` entries to `stream`, each its own content (the same content again would be a redelivery); to read them all. */
	async function add(writer: Redis, stream: string, count: number): Promise<ReadTo> {
		let last = '';
		for (let n = 0; n < count; n++) last = (await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n, at: process.hrtime.bigint().toString()})))!;
		return {server: writer, stream, last};
	}

	it('resumes with no gap when the next run spells the host otherwise (--from latest)', async () => {
		const stream = uniqueName('it:spelling-gap');
		const writer = new Redis(server.url);
		const dataDir = path.join(temp.path, uniqueName('store'));
		try {
			// The first run reads nothing (latest) but saves where it started: after the newest entry.
			await monitor(await add(writer, stream, 3), `${spellings[0]!}?streams=${stream}`, dataDir);
			for (const spelling of spellings.slice(1)) await monitor(await add(writer, stream, 5), `${spelling}?streams=${stream}`, dataDir);

			expect(await storedEvents(dataDir)).toEqual({matched: 5 * (spellings.length - 1), copies: 0});
		} finally {
			await writer.del(stream);
			writer.disconnect();
		}
	}, limit(60_000));

	it('stores each entry once when every run spells the host otherwise (--from earliest)', async () => {
		const stream = uniqueName('it:spelling-twice');
		const writer = new Redis(server.url);
		const dataDir = path.join(temp.path, uniqueName('store'));
		try {
			for (const spelling of spellings) await monitor(await add(writer, stream, 5), `${spelling}?streams=${stream}`, dataDir, '--from', 'earliest');

			expect(await storedEvents(dataDir)).toEqual({matched: 5 * spellings.length, copies: 0});
			// And back to the first spelling: its own positions are older than the last run's, which wins.
			await monitor(await add(writer, stream, 5), `${spellings[0]!}?streams=${stream}`, dataDir, '--from', 'earliest');
			expect(await storedEvents(dataDir)).toEqual({matched: 5 * (spellings.length + 1), copies: 0});
		} finally {
			await writer.del(stream);
			writer.disconnect();
		}
	}, limit(90_000));

	it('stores each entry once when one run is given the database under two spellings', async () => {
		const stream = uniqueName('it:spelling-both');
		const writer = new Redis(server.url);
		const dataDir = path.join(temp.path, uniqueName('store'));
		try {
			const to = await add(writer, stream, 4);
			// Each spelling is a source reading on a connection of its own: both read to the end.
			const both = ['--source', `${spellings[0]!}?streams=${stream}`, '--source', `${spellings[1]!}?streams=${stream}`, '--from', 'earliest'];
			const stored = await runCliUntilRead(writer, {[stream]: to.last}, ['monitor', '--headless', ...both, '--data-dir', dataDir], {cwd: temp.path, readers: 2});
			expect(stored.code, stored.stderr).toBe(0);
			expect(await storedEvents(dataDir)).toEqual({matched: 4, copies: 0});
			const metrics = await runCliUntilRead(writer, {[stream]: to.last}, ['metrics', ...both, '--json'], {cwd: temp.path, readers: 2});
			expect(metrics.code, metrics.stderr).toBe(0);
			// The second read of each entry is read twice: not an event, and no hop from the entry to itself.
			expect(JSON.parse(metrics.stdout)).toMatchObject({events: 4, readTwice: 4, edges: {}});
		} finally {
			await writer.del(stream);
			writer.disconnect();
		}
	}, limit(60_000));

	it('resumes across spellings as a least-privilege user, who may not run INFO (+@read +@connection)', async () => {
		const stream = uniqueName('it:spelling-acl');
		const user = uniqueName('reader');
		const writer = new Redis(server.url);
		const dataDir = path.join(temp.path, uniqueName('store'));
		const as = (spelling: string) => spelling.replace('redis://', `redis://${user}:secret@`);
		try {
			await writer.call('ACL', 'SETUSER', user, 'on', '>secret', '~*', '+@read', '+@connection');
			await monitor(await add(writer, stream, 3), `${as(spellings[0]!)}?streams=${stream}`, dataDir);
			await monitor(await add(writer, stream, 5), `${as(spellings[1]!)}?streams=${stream}`, dataDir);
			expect(await storedEvents(dataDir)).toEqual({matched: 5, copies: 0});
		} finally {
			await writer.call('ACL', 'DELUSER', user);
			await writer.del(stream);
			writer.disconnect();
		}
	}, limit(60_000));

	it('keeps two databases of one server apart, whatever the spelling', async () => {
		const stream = uniqueName('it:spelling-db');
		const writers = [new Redis(redisDatabaseUrl(server.url, 14)), new Redis(redisDatabaseUrl(server.url, 15))];
		const dataDir = path.join(temp.path, uniqueName('store'));
		try {
			const [in14, in15] = [await add(writers[0]!, stream, 4), await add(writers[1]!, stream, 6)];
			await monitor(in14, `${spellings[0]!}/14?streams=${stream}`, dataDir, '--from', 'earliest');
			await monitor(in15, `${spellings[1]!}/15?streams=${stream}`, dataDir, '--from', 'earliest');
			expect(await storedEvents(dataDir)).toEqual({matched: 10, copies: 0});
		} finally {
			for (const writer of writers) {
				await writer.del(stream);
				writer.disconnect();
			}
		}
	}, limit(60_000));
});
