// A Kafka backlog read from earliest behind a slow link (a VPN, a jump host: 1 MB/s): each fetch round took 6–8 s to
// arrive, and meanwhile the engine's quiet clock, which lets a live system's windows close while nothing arrives,
// moved the hops' watermark on by that wall time, past events of the backlog still on their way: their hops were
// counted late and left out (2,400 transactions over 4 + 8 partitions: 84–90 late). A source now says it is catching
// up while it knows it has more to read, and the quiet clock waits meanwhile: the slow link measures what a fast one does.
import {Kafka, logLevel, type Admin, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {freePort} from '../../scripts/local-process.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {limit} from '../support/limits.js';
import {backlogMetrics, writeOrderBacklog} from '../support/order-backlog.js';
import {startStallProxy, type StallProxy} from '../support/stall-proxy.js';
import {useTempDir} from '../support/temp-dir.js';

/** The slow link: what the broker sends reaches the reader at this many bytes a second. */
const slowLinkBytesPerSecond = 1_000_000;

/** 2,400 transactions over 4 + 8 partitions, 2 kB each event: about 10 MB, some 10 s over the slow link. */
const transactions = 2400;
const partitions = [4, 8] as const;
const padding = 2000;

describe.skipIf(kafkaSkipReason({dedicated: true}))('hops of a Kafka backlog behind a slow link', () => {
	const temp = useTempDir('pubsub-kafka-backlog-slow-link-');
	let proxy: StallProxy;
	let broker: KafkaServer;
	let admin: Admin;
	let producer: Producer;
	let topics: [string, string];

	beforeAll(async () => {
		const port = await freePort();
		proxy = await startStallProxy('127.0.0.1', port);
		broker = await startDedicatedKafka({port, advertisedPort: proxy.port});
		const kafka = new Kafka({clientId: 'it-backlog-slow-link', brokers: [`127.0.0.1:${proxy.port}`], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		await admin.connect();
		producer = kafka.producer({idempotent: true, maxInFlightRequests: 1});
		await producer.connect();
		topics = await writeOrderBacklog(admin, producer, transactions, partitions, padding);
	}, limit(180_000));

	afterAll(async () => {
		proxy?.throttle(undefined);
		await producer?.disconnect();
		if (topics) await admin?.deleteTopics({topics}).catch(() => undefined);
		await admin?.disconnect();
		await broker?.stop();
		await proxy?.close();
	});

	it('measures every hop a fast link does, none late', async () => {
		const [orders, payments] = topics;
		const edge = `${orders}->${payments}`;
		const fast = await backlogMetrics(`127.0.0.1:${proxy.port}`, orders, payments, temp.path);
		expect(fast.summary.edges[edge], fast.stdout).toMatchObject({count: transactions, p50: 500});

		proxy.throttle(slowLinkBytesPerSecond);
		const sentBefore = proxy.sent();
		let slow: typeof fast;
		try {
			slow = await backlogMetrics(`127.0.0.1:${proxy.port}`, orders, payments, temp.path);
		} finally {
			proxy.throttle(undefined);
		}

		// The whole backlog came over the slow link.
		expect(proxy.sent() - sentBefore).toBeGreaterThan(2 * transactions * padding);
		expect(slow.summary.events).toBe(2 * transactions);
		expect(slow.summary.reorder, slow.stdout).toMatchObject({late: 0, excluded: 0});
		expect(slow.summary.edges[edge], slow.stdout).toMatchObject({count: fast.summary.edges[edge]!.count, p50: fast.summary.edges[edge]!.p50});
	}, limit(240_000));
});
