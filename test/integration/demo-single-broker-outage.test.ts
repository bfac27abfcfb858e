// The README's walkthrough runs one broker (`npm run kafka`, `npm run redis`) and `demo --publish` against it: when
// that broker goes down and comes back, the demo goes on, holding what it could not send and saying why, then sends it
// once, so the monitor beside it sees the system come back. On Kafka it used to stop about 15 s into the outage with
// "unexpected error: KafkaJSNonRetriableError … ECONNREFUSED" and a stack trace, on Redis at once ("publishing to
// redis://… failed: Reached the max retries per request limit"), and publish nothing after. `npm run kafka` starts each
// broker in a fresh data dir: one stopped and started again is an EMPTY broker on the same port, to which the demo
// sent nothing more, holding every event "to answer (This server does not host this topic-partition)".
import {setTimeout as delay} from 'node:timers/promises';
import {Kafka, logLevel, type Admin} from 'kafkajs';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {startCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {Reader} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-demo-outage-');
const shop = ['orders.created', 'payment.transactions', 'inventory.updates', 'customer.notifications', 'shipping.events', 'orders.completed'];

/**
 * Run `demo --publish url`, take the broker down for `outageMs` once it has published, bring it back, and check that
 * the demo went on, said what it waited for (`url` to answer, for `cause` when given), sent what it held, and ended
 * well on Ctrl-C having published as many events as `stored()` finds. Returns what the demo wrote on stderr.
 */
async function throughAnOutage(url: string, broker: {down(): Promise<void>; up(): Promise<void>}, outageMs: number, stored: () => Promise<number>, cause = ''): Promise<string> {
	const lines = (stderr: string) => stderr.trimEnd().split('\n');
	const published = (line: string) => Number(/^published ([\d,]+) events?\b/.exec(line)?.[1]?.replaceAll(',', ''));
	const demo = startCli(['demo', '--publish', url, '--rate-scale', '0.5'], {cwd: temp.path});
	demo.child.stdin.end();
	let code: number | null | undefined;
	void demo.exited.then(result => {
		code = result.code;
	});
	try {
		await vi.waitFor(() => {
			expect(published(lines(demo.printed().stderr).at(-1)!), demo.printed().stderr).toBeGreaterThan(0);
		}, {timeout: limit(60_000), interval: 200});
		await broker.down();
		const waiting = `waiting for ${url} to answer (`;
		await vi.waitFor(() => {
			expect(demo.printed().stderr).toContain(`${waiting}${cause}`);
		}, {timeout: limit(30_000), interval: 200});
		await delay(outageMs);
		expect(code, demo.printed().stderr).toBeUndefined();

		await broker.up();
		// Once back, the held events go and nothing waits any more.
		await vi.waitFor(() => {
			const shown = lines(demo.printed().stderr);
			expect(shown.at(-1), shown.at(-1)).toMatch(/^published .* phase [^;]*$/);
			expect(published(shown.at(-1)!)).toBeGreaterThan(published(shown.find(line => line.includes(waiting))!));
		}, {timeout: limit(90_000), interval: 200});
	} finally {
		demo.child.kill('SIGINT');
	}

	const result = await demo.exited;
	expect(result.code, result.stderr).toBe(0);
	expect(result.stderr).not.toContain('not sent');
	expect(result.stderr).not.toContain('unexpected error');
	expect(await stored()).toBe(published(lines(result.stderr).at(-1)!));
	return result.stderr;
}

/** Each of the scenario's topics with its partition count and how many events it holds (high watermarks: nothing expires here). */
async function topicCounts(admin: Admin): Promise<Map<string, {partitions: number; events: number}>> {
	const counts = new Map<string, {partitions: number; events: number}>();
	for (const topic of shop) {
		const offsets = await admin.fetchTopicOffsets(topic);
		counts.set(topic, {partitions: offsets.length, events: offsets.reduce((sum, {high}) => sum + Number(high), 0)});
	}

	return counts;
}

describe.skipIf(kafkaSkipReason({dedicated: true}))('demo --publish on a single Kafka broker that goes down and comes back', () => {
	let broker: KafkaServer;
	let admin: Admin;

	beforeAll(async () => {
		broker = await startDedicatedKafka();
		admin = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).admin();
	}, limit(120_000));

	afterAll(async () => {
		await admin?.disconnect();
		await broker?.stop();
	});

	it('goes on through the outage, says what it waits for, and sends every event once when the broker is back', async () => {
		// Longer than kafkajs's retries of one request (about 15 s): the demo used to stop there.
		await throughAnOutage(`kafka://${broker.bootstrap}`, broker, 25_000, async () => {
			let sum = 0;
			for (const topic of shop) for (const {high} of await admin.fetchTopicOffsets(topic)) sum += Number(high);
			return sum;
		});
	}, limit(240_000));
});

describe.skipIf(kafkaSkipReason({dedicated: true}))('demo --publish to a Kafka broker stopped and replaced by an empty one on the same port', () => {
	let first: KafkaServer;
	let second: KafkaServer | undefined;

	beforeAll(async () => {
		first = await startDedicatedKafka();
	}, limit(120_000));

	afterAll(async () => {
		await second?.stop();
		await first?.stop();
	});

	it('makes the topics again as they were, says so once, and sends what it held: every event it says it published stored once', async () => {
		const port = Number(first.bootstrap.split(':').at(-1));
		const url = `kafka://${first.bootstrap}`;
		// The first broker is only stopped (its data kept), so that what it took before going can be counted after.
		const replaced = {down: async () => first.down(), up: async () => {
			second = await startDedicatedKafka({port});
		}};
		const stderr = await throughAnOutage(url, replaced, 5000, async () => {
			const secondAdmin = new Kafka({brokers: [second!.bootstrap], logLevel: logLevel.NOTHING}).admin();
			const counts = await topicCounts(secondAdmin).finally(async () => secondAdmin.disconnect());
			// Every event once: as many distinct event ids as messages, in topics of the scenario's 3 partitions.
			const reader = new Reader(kafkaSource(`kafka://${second!.bootstrap}?topics=${shop.join(',')}`, {from: 'earliest'}));
			const total = [...counts.values()].reduce((sum, {events}) => sum + events, 0);
			await reader.waitFor(total);
			await reader.close();
			expect(new Set(reader.events.map(({value}) => (value as {eventId: string}).eventId)).size).toBe(total);
			expect([...counts].map(([topic, {partitions}]) => [topic, partitions])).toEqual(shop.map(topic => [topic, 3]));
			await second!.stop();
			second = undefined;
			await first.up();
			const firstAdmin = new Kafka({brokers: [first.bootstrap], logLevel: logLevel.NOTHING}).admin();
			const before = await topicCounts(firstAdmin).finally(async () => firstAdmin.disconnect());
			return total + [...before.values()].reduce((sum, {events}) => sum + events, 0);
		});
		const said = stderr.split('\n').filter(line => line.includes('made them again'));
		expect(said, stderr).toHaveLength(1);
		expect(said[0]).toContain('; the broker had lost 6 topics: made them again (orders.created, payment.transactions, inventory.updates, …)');
	}, limit(300_000));
});

describe.skipIf(redisSkipReason({dedicated: true}))('demo --publish on a single Redis server that goes down and comes back', () => {
	// Its data kept across the restart, to count what was published.
	const redis = useDedicatedRedis({persist: true}, server => {
		const client = new Redis(server.url, {lazyConnect: true});
		client.on('error', () => undefined);
		return client;
	});

	it('goes on through the outage, says what it waits for, and sends every event once when the server is back', async () => {
		// The cause, not ioredis's "Reached the max retries per request limit (which is 3)…".
		const address = new URL(redis.server.url).host;
		await throughAnOutage(redis.server.url, redis.server, 10_000, async () => {
			const lengths = await Promise.all(shop.map(async stream => redis.client.xlen(stream)));
			return lengths.reduce((sum, length) => sum + length, 0);
		}, `ECONNREFUSED ${address})`);
	}, limit(120_000));
});
