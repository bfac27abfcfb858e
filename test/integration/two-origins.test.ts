// Two servers of one kind read together (two Redis databases here; two Kafka clusters alike) hold the same stream
// names and entry ids: those are two messages each, both stored and counted, not one read twice.
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ownDatabasesSkipReason, redisDatabaseUrl, serverOfOwnDatabases} from '../support/redis.js';
import {runCliUntilRead, stoppedByCtrlC} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-two-origins-');

describe.skipIf(ownDatabasesSkipReason())('two Redis databases read together', () => {
	let server: {url: string; stop(): Promise<void>};
	// Databases of their own, emptied before and after.
	const databases = [12, 13];
	beforeAll(async () => {
		server = await serverOfOwnDatabases();
	});
	afterAll(async () => server?.stop());

	it('stores and counts the entries of both, though their stream names and ids are the same', async () => {
		const stream = uniqueName('it:same');
		const clients = databases.map(db => new Redis(redisDatabaseUrl(server.url, db)));
		try {
			for (const [index, client] of clients.entries()) {
				for (let n = 1; n <= 50; n++) await client.xadd(stream, `1796460000000-${n}`, 'data', JSON.stringify({eventType: 'Ping', db: databases[index], n}));
			}

			const sources = databases.flatMap(db => ['--source', `${redisDatabaseUrl(server.url, db)}?streams=${stream}`]);
			// Ended once each database's source (a connection of its own) asked for what follows the last entry.
			const result = await runCliUntilRead(clients[0]!, {[stream]: '1796460000000-50'}, ['metrics', ...sources, '--from', 'earliest', '--json'], {cwd: temp.path, readers: 2});
			expect(result.stderr).toBe(stoppedByCtrlC(100));
			expect(result.code).toBe(0);
			expect(JSON.parse(result.stdout)).toMatchObject({events: 100, readTwice: 0, topics: {[stream]: {count: 100}}});
		} finally {
			for (const client of clients) {
				await client.del(stream);
				client.disconnect();
			}
		}
	}, limit(60_000));
});
