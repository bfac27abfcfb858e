// A cluster of two brokers, one of which goes down: the partitions it led have no leader, and the others are read on
// (one broker down is the common incident; a tool that stops reading everything then cannot be used during it). The
// partitions without a leader are said for as long as it lasts, and read from where they stopped once it is back.
import {Kafka, logLevel, Partitioners, type Admin, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {defaultConfig} from '../../source/core/config.js';
import {InputError} from '../../source/core/errors.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {openPublisher} from '../../source/core/sources/publish.js';
import {runCli, startCli} from '../support/cli.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {noMoreWithin, Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

/** The numbers of the events read from one partition, in the order read. */
function numbers(reader: Reader, partition: number): number[] {
	return reader.events.filter(event => event.partition === partition).map(event => (event.value as {n: number}).n);
}

const temp = useTempDir('pubsub-kafka-cluster-');

describe.skipIf(kafkaSkipReason({dedicated: true}))('Kafka source on a cluster of two brokers', () => {
	let one: KafkaServer;
	let two: KafkaServer;
	let admin: Admin;
	let producer: Producer;

	beforeAll(async () => {
		one = await startDedicatedKafka();
		two = await startDedicatedKafka({joins: {controllerPort: one.controllerPort, nodeId: 2}});
		const kafka = new Kafka({brokers: [one.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await admin.connect();
		await producer.connect();
	}, limit(180_000));

	afterAll(async () => {
		await producer?.disconnect();
		await admin?.disconnect();
		await two?.stop();
		await one?.stop();
	});

	/** `count` events {n} from `first` on, to one partition. */
	const produce = async (topic: string, partition: number, first: number, count: number) => producer.send({
		topic,
		messages: Array.from({length: count}, (_, index) => ({partition, value: JSON.stringify({eventType: 'Ping', n: first + index})})),
	});

	/**
	 * A topic whose partition 0 is on broker 1 and partition 1 on broker 2, one replica each (broker 2 down leaves
	 * partition 1 no leader), holding events 0–4 and 100–104.
	 */
	const splitTopic = async (prefix: string) => {
		const topic = uniqueName(prefix);
		await admin.createTopics({topics: [{topic, replicaAssignment: [{partition: 0, replicas: [1]}, {partition: 1, replicas: [2]}]}], waitForLeaders: true});
		await produce(topic, 0, 0, 5);
		await produce(topic, 1, 100, 5);
		return topic;
	};

	/** Wait until the source reads on and says partition 1 of `topic` has no leader. */
	const saysNoLeader = async (reader: Reader, topic: string, timeout = 10_000) => vi.waitFor(() => {
		expect(reader.source.health()).toMatchObject({state: 'connected', error: `partition ${topic}/1 without a leader (a broker down or an election): not read until one is elected`});
	}, {timeout});

	/** Wait until the reader has all 20 events of a split topic and says it is connected, nothing missing. */
	const readsAll = async (reader: Reader) => {
		await reader.waitFor(20, limit(60_000));
		await vi.waitFor(() => {
			expect(reader.source.health()).toMatchObject({state: 'connected', error: undefined});
		}, {timeout: limit(10_000)});
	};

	/** Every event of both partitions of a split topic read once, in order. */
	const expectEachOnce = (reader: Reader) => {
		expect(numbers(reader, 0)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(numbers(reader, 1)).toEqual([100, 101, 102, 103, 104, 105, 106, 107, 108, 109]);
	};

	it('reads the partitions of the broker still up while the other is down, and says which are not read', async () => {
		const topic = await splitTopic('it-split');
		const reader = new Reader(kafkaSource(`kafka://${one.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		try {
			await reader.waitFor(10);
			await two.down();
			await produce(topic, 0, 5, 5);
			await reader.waitFor(15, limit(30_000));
			await saysNoLeader(reader, topic);
			await two.up();
			await produce(topic, 1, 105, 5);
			await readsAll(reader);
		} finally {
			await reader.close();
		}

		expectEachOnce(reader);
	}, limit(180_000));

	it('started while a broker is down, reads the partitions with a leader at once and the others from their start once the broker is back', async () => {
		// The source starts while partition 1 has no leader: listing topics, their metadata and their start offsets all
		// used to fail then, so nothing at all was read.
		const topic = await splitTopic('it-started-split');
		await two.down();
		const reader = new Reader(kafkaSource(`kafka://${one.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		try {
			await reader.waitFor(5, limit(15_000));
			await saysNoLeader(reader, topic);
			await two.up();
			await produce(topic, 1, 105, 5);
			await produce(topic, 0, 5, 5);
			await readsAll(reader);
		} finally {
			await reader.close();
		}

		// Partition 1 from its start (earliest), though it had no leader when the source started.
		expectEachOnce(reader);
	}, limit(180_000));

	it('started from latest while a broker is down, reads only what comes after, also of the partitions that had no leader', async () => {
		const topic = await splitTopic('it-started-latest');
		await two.down();
		const reader = new Reader(kafkaSource(`kafka://${one.bootstrap}?topics=${topic}`, {from: 'latest'}));
		try {
			await saysNoLeader(reader, topic, 15_000);
			await produce(topic, 0, 5, 5);
			await two.up();
			// Partition 1's latest is where it stood when the source started (nothing can be written without a leader).
			await vi.waitFor(() => {
				expect(reader.source.health()).toMatchObject({state: 'connected', error: undefined});
			}, {timeout: limit(30_000)});
			await vi.waitFor(() => {
				expect(reader.positions[`${topic}/1`]).toBe('5');
			}, {timeout: limit(30_000)});
			await produce(topic, 1, 105, 5);
			await reader.waitFor(10, limit(60_000));
		} finally {
			await reader.close();
		}

		expect(numbers(reader, 0)).toEqual([5, 6, 7, 8, 9]);
		expect(numbers(reader, 1)).toEqual([105, 106, 107, 108, 109]);
	}, limit(180_000));

	it('started from latest and ended before a partition had a leader, lets the next run start it where the first would have', async () => {
		// The first run saved no position for partition 1, and the next one read it from its start: events written
		// before either run began (100–104) were read as new.
		const topic = await splitTopic('it-resumed-latest');
		await two.down();
		const url = `kafka://${one.bootstrap}?topics=${topic}`;
		const first = new Reader(kafkaSource(url, {from: 'latest'}));
		try {
			await saysNoLeader(first, topic, 15_000);
			await produce(topic, 0, 5, 5);
			await first.waitFor(5, limit(30_000));
		} finally {
			await first.close();
		}

		await two.up();
		// Written after the first run began, though before the second: the second run reads them.
		await produce(topic, 1, 105, 5);
		const second = new Reader(kafkaSource(url, {from: 'latest'}), first.positions);
		try {
			await second.waitFor(5, limit(60_000));
			await noMoreWithin(1000);
		} finally {
			await second.close();
		}

		expect(numbers(first, 0)).toEqual([5, 6, 7, 8, 9]);
		expect(numbers(second, 0)).toEqual([]);
		expect(numbers(second, 1)).toEqual([105, 106, 107, 108, 109]);
	}, limit(180_000));

	it('publishes the events for the partitions with a leader, and fails within seconds naming the one without', async () => {
		// kafkajs sent none of the events then, and failed after its retries with "Broker -1 not found in the cached metadata".
		const topic = await splitTopic('it-publish-split');
		await two.down();
		const events = Array.from({length: 10}, (_, index) => ({topic, value: {eventType: 'Ping', orderId: `ORD-${index}`, n: 200 + index}}));
		const publisher = await openPublisher(`kafka://${one.bootstrap}`, [topic], defaultConfig.fields);
		const started = Date.now();
		const failure = await publisher.publish(events).then(() => undefined, (error: unknown) => error);
		const tookMs = Date.now() - started;
		await publisher.close();
		expect(failure).toBeInstanceOf(InputError);
		const unsent = Number(new RegExp(`^cannot publish to kafka://${one.bootstrap}: partition ${topic}/1 without a leader for 10 s \\(a broker down\\?\\): (\\d+) of 10 events not sent$`).exec((failure as Error).message)?.[1]);
		expect(unsent).toBeGreaterThan(0);
		expect(unsent).toBeLessThan(10);
		// The 10 s wait the message names is tested, unscaled; the last send and the start around it are a limit.
		expect(tookMs).toBeLessThan(10_000 + limit(5000));

		await two.up();
		const reader = new Reader(kafkaSource(`kafka://${one.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		try {
			await reader.waitFor(20 - unsent, limit(60_000));
			// The events not sent are those of partition 1: sent again now that it has a leader, they all go there.
			const sent = new Set(numbers(reader, 0));
			const again = await openPublisher(`kafka://${one.bootstrap}`, [topic], defaultConfig.fields);
			await again.publish(events.filter(event => !sent.has(event.value.n))).finally(async () => again.close());
			await reader.waitFor(20, limit(30_000));
			await noMoreWithin(1000);
		} finally {
			await reader.close();
		}

		const published = events.map(event => event.value.n);
		expect(numbers(reader, 0)).toEqual([0, 1, 2, 3, 4, ...published.filter(n => numbers(reader, 0).includes(n))]);
		expect(numbers(reader, 0)).toHaveLength(5 + 10 - unsent);
		expect(numbers(reader, 1)).toEqual([100, 101, 102, 103, 104, ...published.filter(n => !numbers(reader, 0).includes(n))]);
	}, limit(180_000));

	it('demo --publish goes on through an outage: holds the events of a partition without a leader, says so, and sends them once it has one', async () => {
		// orders.created, the first event of every order, has its partition 1 on broker 2; the other topics are on broker 1.
		// The demo used to fail 10 s into the outage (having sent one batch's events with a leader) and stop.
		const shop = ['orders.created', 'payment.transactions', 'inventory.updates', 'customer.notifications', 'shipping.events', 'orders.completed'];
		await admin.createTopics({
			topics: shop.map(topic => ({topic, replicaAssignment: [0, 1, 2].map(partition => ({partition, replicas: [topic === 'orders.created' && partition === 1 ? 2 : 1]}))})),
			waitForLeaders: true,
		});
		/** Messages in the shop's topics, per partition `topic/partition`. */
		const stored = async () => {
			const counts = new Map<string, number>();
			for (const topic of shop) for (const {partition, high} of await admin.fetchTopicOffsets(topic)) counts.set(`${topic}/${partition}`, Number(high));
			return counts;
		};

		const sum = (counts: Map<string, number>) => [...counts.values()].reduce((total, count) => total + count, 0);
		const published = (stderr: string) => Number(/\npublished ([\d,]+) events? to /.exec(stderr)?.[1]?.replaceAll(',', ''));
		const waiting = 'waiting for partition orders.created/1 without a leader';
		await two.down();

		// A demo that ends during the outage says what it could not send, and fails.
		const short = await runCli(['demo', '--publish', `kafka://${one.bootstrap}`, '--duration', '6s', '--rate-scale', '4'], {cwd: temp.path});
		expect(short.code).toBe(1);
		expect(short.stderr).toContain(waiting);
		const notSent = Number(/\ndemo: ([\d,]+) events? not sent: [\d,]+ waiting for partition orders\.created\/1 without a leader\n/.exec(short.stderr)?.[1]?.replaceAll(',', ''));
		expect(notSent).toBeGreaterThan(0);
		const sentShort = published(short.stderr);
		expect(sentShort).toBeGreaterThan(0);
		const duringOutage = await stored();
		duringOutage.delete('orders.created/1');
		expect(sum(duringOutage)).toBe(sentShort);

		// One that goes on through it sends the held events once the broker is back: every event once.
		const demo = startCli(['demo', '--publish', `kafka://${one.bootstrap}`, '--rate-scale', '4'], {cwd: temp.path});
		demo.child.stdin.end();
		try {
			await vi.waitFor(() => {
				expect(demo.printed().stderr).toContain(waiting);
			}, {timeout: limit(30_000), interval: 200});
			await two.up();
			await vi.waitFor(() => {
				const lines = demo.printed().stderr.trimEnd().split('\n');
				expect(lines.at(-1)).toMatch(/^published .* phase [^;]*$/);
				expect(lines.slice(0, -1).join('\n')).toContain(waiting);
			}, {timeout: limit(60_000), interval: 200});
		} finally {
			demo.child.kill('SIGINT');
		}

		const result = await demo.exited;
		expect(result.code).toBe(0);
		expect(result.stderr).not.toContain('not sent');
		expect(sum(await stored())).toBe(sentShort + published(result.stderr));
	}, limit(180_000));

	it('says it reads nothing when no partition it reads has a leader, and reads on when one has', async () => {
		const topic = uniqueName('it-led-by-two');
		await admin.createTopics({topics: [{topic, replicaAssignment: [{partition: 0, replicas: [2]}]}], waitForLeaders: true});
		await produce(topic, 0, 0, 5);
		const reader = new Reader(kafkaSource(`kafka://${one.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		try {
			await reader.waitFor(5);
			await two.down();
			await vi.waitFor(() => {
				const health = reader.source.health();
				expect(health.state).toBe('reconnecting');
				expect(health.error).toMatch(/leader/);
			}, {timeout: limit(15_000)});
			await two.up();
			await produce(topic, 0, 5, 5);
			await reader.waitFor(10, limit(60_000));
			await reader.waitForState('connected', limit(10_000));
		} finally {
			await reader.close();
		}

		expect(reader.events.map(event => (event.value as {n: number}).n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
	}, limit(180_000));
});
