// A transaction flagged capped (it reached transactions.maxEvents and events that shared its ids went elsewhere) has
// lost those events for good: a later run on the same --data-dir with a larger maxEvents must not let it grow
// again, or it would look whole with a hole in it. It stays capped, at the events it held, and says so; its ids'
// later events start a transaction of their own, as they did while the cap held. The real CLI, two runs on one store.
import fs from 'node:fs';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {backstopDuration, limit} from '../support/limits.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-capped-reopen-');
const firstCap = 4;

/** A config naming orderId and merchantId as ids, transactions capped at `maxEvents`. */
function config(maxEvents: number): string {
	const file = path.join(temp.path, `config-${maxEvents}.yaml`);
	fs.writeFileSync(file, `fields:\n  ids: [orderId, merchantId]\ntransactions:\n  maxEvents: ${maxEvents}\n`);
	return file;
}

describe.skipIf(redisSkipReason())('a capped transaction reopened with a larger transactions.maxEvents', () => {
	let server: {url: string; stop(): Promise<void>};
	beforeAll(async () => {
		server = await redisForTestFile();
	});
	afterAll(async () => server?.stop());

	it('stays capped at the events it held, and takes no more', async () => {
		const stream = uniqueName('it:capped');
		const writer = new Redis(server.url);
		// Every order carries the hub id M-1: the hub's transaction reaches the cap, the orders after it are their own.
		let order = 0;
		const add = async (count: number) => {
			for (let n = 0; n < count; n++, order++) await writer.xadd(stream, '*', 'data', JSON.stringify({eventId: `evt-${order}`, eventType: 'OrderCreated', orderId: `ORD-${order}`, merchantId: 'M-1'}));
		};

		const source = `${server.url}?streams=${stream}`;
		const dataDir = path.join(temp.path, 'store');
		const analyze = async (maxEvents: number, ...extra: string[]) => {
			const result = await runCli(['flow', 'analyze', '--source', source, ...extra, '--to', 'now', '--duration', backstopDuration(30), '--data-dir', dataDir, '--config', config(maxEvents), '--id', 'M-1', '--json'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const {events, issues} = JSON.parse(result.stdout) as {events: unknown[]; issues: Array<{kind: string}>};
			return {events: events.length, capped: issues.some(issue => issue.kind === 'capped')};
		};

		/** The events and ids of the transaction `id` is in, as audit query reads them from the store. */
		const audit = async (id: string) => {
			const result = await runCli(['audit', 'query', '--data-dir', dataDir, '--id', id, '--format', 'json', '--config', config(firstCap)], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			const {events, ids, capped} = JSON.parse(result.stdout) as {events: number; ids: string[]; capped: boolean};
			return {events, capped, ids: ids.toSorted()};
		};

		try {
			await add(10);
			const first = await analyze(firstCap, '--from', 'earliest');
			expect(first).toEqual({events: firstCap, capped: true});
			const hub = {events: firstCap, capped: true, ids: ['M-1', 'ORD-0', 'ORD-1', 'ORD-2', 'ORD-3']};
			expect(await audit('M-1')).toEqual(hub);

			// The same store, a cap with room to spare, and more orders of the hub.
			await add(3);
			expect(await analyze(1000)).toEqual({events: firstCap, capped: true});
			expect(await audit('M-1')).toEqual(hub);
			// ORD-4 to ORD-9 went elsewhere while the cap held; so does each new order, its own transaction.
			expect(await audit(`ORD-${order - 1}`)).toEqual({events: 1, capped: false, ids: [`ORD-${order - 1}`]});
		} finally {
			await writer.del(stream);
			writer.disconnect();
		}
	}, limit(90_000));
});
