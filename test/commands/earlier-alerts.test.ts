// Alerts an earlier run left in a persistent store are history: headless commands count only this run's alerts.
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {redisForTestFile} from '../support/redis.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from '../integration/reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-earlier-alerts-');

/** A payment big enough for fraud.amount (threshold 10 000), as a Redis Streams entry with a JSON `data` field. */
function bigPayment(id: string): string {
	return JSON.stringify({eventType: 'PaymentAuthorized', transactionId: id, orderId: `ORD-${id}`, amount: 12_500, status: 'authorized', timestamp: new Date().toISOString()});
}

describe('alerts of earlier runs in a persistent --data-dir', () => {
	let redis: {url: string; stop(): Promise<void>};
	let writer: Redis;
	const stream = `${uniqueName('earlier')}.payment.transactions`;

	beforeAll(async () => {
		redis = await redisForTestFile();
		writer = new Redis(redis.url);
	});

	afterAll(async () => {
		await writer?.del(stream);
		writer?.disconnect();
		await redis?.stop();
	});

	/**
	 * `alerts` with `args`, stopped by Ctrl-C once it asked the stream for what follows entry `last` (it had read all
	 * there was: a 3 s --duration did not last long enough under load), or at its --duration backstop.
	 */
	async function alertsUntilRead(args: string[], last: string) {
		return runCliUntilRead(writer, {[stream]: last}, args, {cwd: temp.path});
	}

	// Three CLI runs: under load (18 on 2 cores) they passed 60 s. Nothing here is about speed: the limit catches a hang.
	it('a resumed run lists only the alerts it raised itself', async () => {
		const dataDir = path.join(temp.path, 'store');
		const args = ['alerts', '--source', `${redis.url}?streams=${stream}`, '--from', 'earliest', '--data-dir', dataDir, '--json'];
		const firstId = (await writer.xadd(stream, '*', 'data', bigPayment('TXN-FIRST')))!;
		const first = await alertsUntilRead(args, firstId);
		expect(first.code, first.stderr).toBe(0);
		expect(first.stdout.trim().split('\n').map(line => JSON.parse(line).key)).toEqual(['TXN-FIRST']);

		// Resumed after the first entry: read to the end once it asks for what follows it.
		const quiet = await alertsUntilRead(args, firstId);
		expect(quiet.code, quiet.stderr).toBe(0);
		expect(quiet.stdout).toBe('');

		const thirdId = (await writer.xadd(stream, '*', 'data', bigPayment('TXN-THIRD')))!;
		const third = await alertsUntilRead(args.filter(arg => arg !== '--json'), thirdId);
		expect(third.code, third.stderr).toBe(0);
		expect(third.stdout).toContain('TXN-THIRD');
		expect(third.stdout).not.toContain('TXN-FIRST');
		expect(third.stdout).toMatch(/^1 alert, 1 still firing$/m);
	}, limit(240_000));
});
