// A backlog read from earliest: orders on one topic, their payments half a second later on another, each over several
// partitions. One fetch brings them all, but its partitions reached the engine one batch each, and the hops'
// watermark moved with each: the orders' partitions took it 30 s past the payments not yet handed over, which were
// then counted late and mostly left out (300 transactions: 14 hops measured, 414 events late). The watermark now
// moves once the whole fetch is handed over, so the live run measures what its recording's replay does.
// A backlog larger than one fetch: each fetch gives every partition an equal share of bytes, so the payments' three
// partitions covered more event time than the orders' two, and each fetch took the watermark past orders the next
// fetch would bring (3,000 transactions: 1,575 hops, 1,432 events late, 1,425 left out). Over 12 partitions, whose
// shares of 1 MiB did not fit in one fetch and whose first batches were larger than the first fetch's shares, the
// partitions were read one after the other (6,000 transactions: 10,315 late). A fetch now hands out nothing later
// than the last event of a partition that has more to read (the rest is read again next fetch), a partition never
// read that a fetch gave nothing holds it, and the shares fit in the fetch.
import {Kafka, logLevel, type Admin, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';
import {backlogMetrics, writeOrderBacklog} from '../support/order-backlog.js';

describe.skipIf(kafkaSkipReason())('hops of a Kafka backlog over several topics and partitions', () => {
	const temp = useTempDir('pubsub-kafka-backlog-hops-');
	let broker: {bootstrap: string; stop(): Promise<void>};
	let admin: Admin;
	let producer: Producer;
	const topics: string[] = [];

	beforeAll(async () => {
		broker = await kafkaForTestFile();
		const kafka = new Kafka({clientId: 'it-backlog-hops', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		await admin.connect();
		producer = kafka.producer({idempotent: true, maxInFlightRequests: 1});
		await producer.connect();
	});

	afterAll(async () => {
		await producer?.disconnect();
		await admin?.deleteTopics({topics}).catch(() => undefined);
		await admin?.disconnect();
		await broker?.stop();
	});

	// One fetch (300 transactions); ~1.5 MB per partition, where the first fetch (1 MiB in all) gives each partition
	// about 200 kB, which covers more event time on the payments' three partitions than on the orders' two; 12
	// partitions of 1.5 to 3 MB, where 12 shares of 1 MiB would not fit in an 8 MiB fetch.
	it.each([
		{backlog: 'read in one fetch', transactions: 300, partitions: [3, 2], padding: 0},
		{backlog: 'that takes several fetches', transactions: 3000, partitions: [2, 3], padding: 1000},
		{backlog: 'over more partitions than a full fetch has room for at 1 MiB each', transactions: 6000, partitions: [4, 8], padding: 2000},
	] as const)('measures every hop of a backlog $backlog, none late', async ({transactions, partitions, padding}) => {
		const [orders, payments] = await writeOrderBacklog(admin, producer, transactions, partitions, padding);
		topics.push(orders, payments);
		const {summary, stdout} = await backlogMetrics(broker.bootstrap, orders, payments, temp.path);
		expect(summary.events).toBe(2 * transactions);
		expect(summary.reorder, stdout).toMatchObject({late: 0, excluded: 0});
		expect(summary.edges[`${orders}->${payments}`], stdout).toMatchObject({count: transactions, p50: 500});
	}, limit(180_000));
});
