// Alerts an earlier run left in a persistent store are history: headless commands count only this run's alerts.
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {redisForTestFile} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from '../integration/reader.js';

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

	it('a resumed run lists only the alerts it raised itself', async () => {
		const dataDir = path.join(temp.path, 'store');
		const args = ['alerts', '--source', `${redis.url}?streams=${stream}`, '--from', 'earliest', '--data-dir', dataDir, '--duration', '3s', '--json'];
		await writer.xadd(stream, '*', 'data', bigPayment('TXN-FIRST'));
		const first = await runCli(args, {cwd: temp.path});
		expect(first.code).toBe(0);
		expect(first.stdout.trim().split('\n').map(line => JSON.parse(line).key)).toEqual(['TXN-FIRST']);

		const quiet = await runCli(args, {cwd: temp.path});
		expect(quiet.code).toBe(0);
		expect(quiet.stdout).toBe('');

		await writer.xadd(stream, '*', 'data', bigPayment('TXN-THIRD'));
		const third = await runCli(args.filter(arg => arg !== '--json'), {cwd: temp.path});
		expect(third.code).toBe(0);
		expect(third.stdout).toContain('TXN-THIRD');
		expect(third.stdout).not.toContain('TXN-FIRST');
		expect(third.stdout).toMatch(/^1 alert, 1 still firing$/m);
	});
});
