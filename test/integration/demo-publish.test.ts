// End to end through real brokers: `demo --publish` writes the scenario, `metrics --source` reads all of it back.
import {Kafka, logLevel} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {ownDatabasesSkipReason, useRedisDatabase} from '../support/redis.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';

const topics = ['orders.created', 'payment.transactions', 'inventory.updates', 'customer.notifications', 'shipping.events', 'orders.completed'];
const temp = useTempDir('pubsub-demo-');

describe.skipIf(ownDatabasesSkipReason())('demo --publish redis', () => {
	// A database of its own: the scenario's stream names are fixed.
	const redis = useRedisDatabase(9);

	it('publishes the scenario into streams that the monitor reads back completely', async () => {
		const published = await runCli(['demo', '--publish', redis.url, '--duration', '3s'], {cwd: temp.path});
		expect(published.code).toBe(0);
		const lengths = await Promise.all(topics.map(async topic => redis.client.xlen(topic)));
		const total = lengths.reduce((sum, length) => sum + length, 0);
		expect(total).toBeGreaterThan(20);
		expect(published.stderr).toContain(`published ${total} events`);
		// Ended by Ctrl-C once it asked each stream for what follows its newest entry: it had them all.
		const newest = await Promise.all(topics.map(async topic => [topic, (await redis.client.xrevrange(topic, '+', '-', 'COUNT', 1))[0]?.[0]] as const));
		const lastIds = Object.fromEntries(newest.flatMap(([topic, id]) => (id === undefined ? [] : [[topic, id]])));
		const read = await runCliUntilRead(redis.client, lastIds, ['metrics', '--source', `${redis.url}?streams=*`, '--from', 'earliest', '--json'], {cwd: temp.path});
		expect(read.code).toBe(0);
		const summary = JSON.parse(read.stdout);
		expect(summary.events).toBe(total);
		for (const [index, topic] of topics.entries()) if (lengths[index]! > 0) expect(summary.topics[topic].count).toBe(lengths[index]);
	});

	it('a closed terminal (SIGHUP) stops it as Ctrl-C does: it says how many it published, all of them in the streams', async () => {
		// The streams hold only what this run publishes (the test before wrote to them too).
		await redis.client.flushdb();
		const running = startCli(['demo', '--publish', redis.url], {cwd: temp.path});
		await expect.poll(() => running.printed().stderr, {timeout: limit(30_000)}).toContain('published ');
		running.child.kill('SIGHUP');
		const result = await running.exited;
		expect(result.code).toBe(0);
		const lengths = await Promise.all(topics.map(async topic => redis.client.xlen(topic)));
		expect(result.stderr.split('\n').filter(Boolean).at(-1)).toBe(`published ${lengths.reduce((sum, length) => sum + length, 0)} events to ${redis.url}`);
	});
});

// A broker of its own: the scenario's topic names are fixed, and other test files publish to them on the shared broker
// at the same time, which would change the counts this test checks exactly.
describe.skipIf(kafkaSkipReason({dedicated: true}))('demo --publish kafka', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};

	beforeAll(async () => {
		broker = await startDedicatedKafka();
	});

	afterAll(async () => {
		await broker.stop();
	});

	it('creates the topics and publishes events that the monitor reads back completely', async () => {
		const admin = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).admin();
		await admin.connect();
		// The scenario's topic names are fixed: a broker kept between runs (npm run kafka) already holds earlier runs' events.
		const stored = async () => {
			const present = new Set(await admin.listTopics());
			let sum = 0;
			for (const topic of topics.filter(name => present.has(name))) {
				for (const partition of await admin.fetchTopicOffsets(topic)) sum += Number(partition.high) - Number(partition.low);
			}

			return sum;
		};

		try {
			const before = await stored();
			const published = await runCli(['demo', '--publish', `kafka://${broker.bootstrap}`, '--duration', '3s'], {cwd: temp.path});
			expect(published.code).toBe(0);
			const total = Number(/published (\d+) events to/.exec(published.stderr.split('\n').filter(Boolean).at(-1)!)?.[1]);
			expect(total).toBeGreaterThan(20);
			expect(await admin.listTopics()).toEqual(expect.arrayContaining(topics));
			const after = await stored();
			expect(after - before).toBe(total);
			const read = await runCli(['metrics', '--source', `kafka://${broker.bootstrap}?topics=${topics.join(',')}`, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
			expectReadToNow(read);
			expect(JSON.parse(read.stdout).events).toBe(after);
		} finally {
			await admin.disconnect();
		}
	});
});
