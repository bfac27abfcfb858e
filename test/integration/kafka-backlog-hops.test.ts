// A backlog read from earliest: orders on one topic, their payments half a second later on another, each over several
// partitions. One fetch brings them all, but its partitions reached the engine one batch each, and the hops'
// watermark moved with each: the orders' partitions took it 30 s past the payments not yet handed over, which were
// then counted late and mostly left out (300 transactions: 14 hops measured, 414 events late). The watermark now
// moves once the whole fetch is handed over, so the live run measures what its recording's replay does.
import {Kafka, logLevel, type Admin, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const transactions = 300;

describe.skipIf(kafkaSkipReason())('hops of a Kafka backlog over several topics and partitions', () => {
	const temp = useTempDir('pubsub-kafka-backlog-hops-');
	let broker: {bootstrap: string; stop(): Promise<void>};
	let admin: Admin;
	let producer: Producer;
	const orders = uniqueName('it-backlog-orders');
	const payments = uniqueName('it-backlog-payments');

	beforeAll(async () => {
		broker = await kafkaForTestFile();
		const kafka = new Kafka({clientId: 'it-backlog-hops', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic: orders, numPartitions: 3}, {topic: payments, numPartitions: 2}], waitForLeaders: true});
		producer = kafka.producer({idempotent: true, maxInFlightRequests: 1});
		await producer.connect();
		// 30 s of event time, a minute ago: an order every 100 ms, its payment 500 ms after it.
		const start = Date.now() - 60_000;
		const event = (topic: string, partitions: number, n: number, type: string, afterMs: number) => ({
			topic, messages: [{partition: n % partitions, key: `ORD-${n}`, value: JSON.stringify({eventType: type, orderId: `ORD-${n}`, timestamp: new Date(start + (n * 100) + afterMs).toISOString()})}],
		});
		const all = Array.from({length: transactions}, (_, n) => n);
		await producer.sendBatch({topicMessages: all.map(n => event(orders, 3, n, 'OrderCreated', 0))});
		await producer.sendBatch({topicMessages: all.map(n => event(payments, 2, n, 'PaymentCompleted', 500))});
	});

	afterAll(async () => {
		await producer?.disconnect();
		await admin?.deleteTopics({topics: [orders, payments]}).catch(() => undefined);
		await admin?.disconnect();
		await broker?.stop();
	});

	it('measures every hop from orders to payments, none late', async () => {
		const result = await runCli([
			'metrics', '--source', `kafka://${broker.bootstrap}?topics=${orders},${payments}`, '--from', 'earliest', '--duration', '6s', '--json',
		], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		const summary = JSON.parse(result.stdout) as {events: number; edges: Record<string, {count: number; p50: number}>; reorder: {late: number; excluded: number}};
		expect(summary.events).toBe(2 * transactions);
		expect(summary.reorder, result.stdout).toMatchObject({late: 0, excluded: 0});
		expect(summary.edges[`${orders}->${payments}`], result.stdout).toMatchObject({count: transactions, p50: 500});
	}, 120_000);
});
