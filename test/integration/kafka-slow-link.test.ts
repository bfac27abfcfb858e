// The Kafka source behind a slow link (a VPN, a jump host), on a broker of the test's own that tells clients to use a
// throttling proxy: a broker that is sending is not silent, however long a fetch round takes to arrive, and a link
// that stops passing bytes is still said within seconds.
import {Kafka, logLevel, Partitioners, type Admin} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {freePort} from '../../scripts/local-process.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {startStallProxy, type StallProxy} from '../support/stall-proxy.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const skipReason = kafkaSkipReason({dedicated: true});

/** The link as reading starts, and as it turns slow (a VPN, a jump host): what the broker sends, in bytes a second. */
const fastLinkBytesPerSecond = 5_000_000;
const slowLinkBytesPerSecond = 100_000;

/** Partitions × events × value size: what the second round asks for (sized on the fast link) takes over 10 s on the slow one. */
const partitions = 4;
const eventsPerPartition = 650;
const valueBytes = 1000;
const total = partitions * eventsPerPartition;

/** How long the source lets a broker be silent before saying so. */
const sourceSilenceMs = 5000;

/** A link that passes nothing must show in the health within this long. */
const silentLimitMs = 10_000;

describe.skipIf(skipReason)('Kafka source over a slow link', () => {
	let proxy: StallProxy;
	let broker: KafkaServer;
	let admin: Admin;
	let topic: string;

	const client = () => new Kafka({clientId: 'it-slow-link', brokers: [`127.0.0.1:${proxy.port}`], logLevel: logLevel.NOTHING});

	beforeAll(async () => {
		const port = await freePort();
		proxy = await startStallProxy('127.0.0.1', port);
		broker = await startDedicatedKafka({port, advertisedPort: proxy.port});
		admin = client().admin();
		await admin.connect();
		topic = uniqueName('it-slow-link');
		await admin.createTopics({topics: [{topic, numPartitions: partitions}], waitForLeaders: true});
		const producer = client().producer({createPartitioner: Partitioners.DefaultPartitioner});
		await producer.connect();
		const padding = 'x'.repeat(valueBytes);
		for (let partition = 0; partition < partitions; partition++) {
			for (let first = 0; first < eventsPerPartition; first += 200) {
				await producer.send({
					topic,
					messages: Array.from({length: Math.min(200, eventsPerPartition - first)}, (_, index) => ({partition, value: JSON.stringify({n: partition * eventsPerPartition + first + index, padding})})),
				});
			}
		}

		await producer.disconnect();
	}, limit(180_000));

	afterAll(async () => {
		proxy?.throttle(undefined);
		proxy?.resume();
		await admin?.deleteTopics({topics: [topic]}).catch(() => undefined);
		await admin?.disconnect();
		await broker?.stop();
		await proxy?.close();
	});

	const numbersOf = (reader: Reader) => reader.events.map(event => (event.value as {n: number}).n).sort((a, b) => a - b);

	it('stays connected while a fetch round takes far longer than the silence limit to arrive', async () => {
		// The link slows down once reading started: the round under way was sized for the fast link and takes >10 s.
		proxy.throttle(fastLinkBytesPerSecond);
		const sentBefore = proxy.sent();
		const started = Date.now();
		const reader = new Reader(kafkaSource(`kafka://127.0.0.1:${proxy.port}?topics=${topic}`, {from: 'earliest'}));
		const errors = new Set<string>();
		const watcher = setInterval(() => {
			const {error} = reader.source.health();
			if (error) errors.add(error);
		}, 20);
		try {
			await reader.waitFor(1, limit(30_000));
			proxy.throttle(slowLinkBytesPerSecond);
			await reader.waitFor(total, limit(90_000));
			const elapsed = Date.now() - started;
			// The link really was slow: the data took well over the source's silence limit to pass.
			expect(proxy.sent() - sentBefore).toBeGreaterThan(total * valueBytes);
			expect(elapsed).toBeGreaterThan(2 * sourceSilenceMs);
			expect(numbersOf(reader)).toEqual(Array.from({length: total}, (_, n) => n));
			expect([...reader.states]).not.toContain('reconnecting');
			expect([...errors]).toEqual([]);
			expect(reader.source.health()).toMatchObject({state: 'connected', error: undefined});
		} finally {
			clearInterval(watcher);
			await reader.close();
			proxy.throttle(undefined);
		}
	}, limit(120_000));

	it('says reconnecting within seconds when the slow link stops passing bytes, and reads on once it passes again', async () => {
		proxy.throttle(5 * slowLinkBytesPerSecond);
		const reader = new Reader(kafkaSource(`kafka://127.0.0.1:${proxy.port}?topics=${topic}`, {from: 'earliest'}));
		try {
			await reader.waitForState('connected', limit(30_000));
			// Stalled in the middle of a round: bytes were flowing, then none.
			const flowing = proxy.sent();
			await expect.poll(() => proxy.sent() - flowing, {timeout: limit(10_000), interval: 50}).toBeGreaterThan(200_000);
			proxy.stall();
			const stalledAt = Date.now();
			await expect.poll(() => reader.source.health().state, {timeout: silentLimitMs, interval: 100}).toBe('reconnecting');
			expect(Date.now() - stalledAt).toBeGreaterThanOrEqual(sourceSilenceMs - 1000);
			proxy.throttle(undefined);
			proxy.resume();
			await reader.waitFor(total, limit(60_000));
			await reader.waitForState('connected', limit(30_000));
			expect(numbersOf(reader)).toEqual(Array.from({length: total}, (_, n) => n));
		} finally {
			await reader.close();
		}
	}, limit(120_000));
});
