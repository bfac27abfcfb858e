// A monitor run that read nothing (an empty topic or stream) still saves where it started, so the next run with the
// same --data-dir reads what came in between instead of starting at what is newest by then; and a run that finds
// events deleted by the broker before it could read them says how many, where.
import path from 'node:path';
import {Redis} from 'ioredis';
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {parseRedisUrl} from '../../source/core/sources/redis/url.js';
import {openStore} from '../../source/core/store/store.js';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-resume-empty-');

/** Three runs of `monitor --headless` into one store, `produce` 10 events before the second and the third; the events stored. */
async function storedAfterThreeRuns(url: string, produce: (first: number) => Promise<void>): Promise<number> {
	const dataDir = path.join(temp.path, uniqueName('store'));
	const run = async () => {
		const result = await runCli(['monitor', '--headless', '--source', url, '--duration', '3s', '--data-dir', dataDir], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
	};

	await run();
	await produce(0);
	await run();
	await produce(10);
	await run();
	const query = await runCli(['query', '--data-dir', dataDir, '--group-by', 'topic', '--json'], {cwd: temp.path});
	return (JSON.parse(query.stdout) as {matched: number}).matched;
}

describe.skipIf(redisSkipReason())('resuming after a run that read nothing: Redis', () => {
	let server: {url: string; stop(): Promise<void>};
	beforeAll(async () => {
		server = await redisForTestFile();
	});
	afterAll(async () => server?.stop());

	it('reads every entry added between runs of a stream that did not exist at first', async () => {
		const stream = uniqueName('it:empty');
		const writer = new Redis(server.url);
		try {
			const stored = await storedAfterThreeRuns(`${server.url}?streams=${stream}`, async first => {
				for (let n = first; n < first + 10; n++) await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n}));
			});
			expect(stored).toBe(20);
		} finally {
			await writer.del(stream);
			writer.disconnect();
		}
	}, 60_000);
});

describe.skipIf(redisSkipReason())('resuming under a key that does not depend on how the URL was written', () => {
	let server: {url: string; stop(): Promise<void>};
	beforeAll(async () => {
		server = await redisForTestFile();
	});
	afterAll(async () => server?.stop());

	it('resumes whatever the order of the streams, and from positions an earlier version saved under the URL', async () => {
		const [first, second] = [uniqueName('it:order-a'), uniqueName('it:order-b')];
		const writer = new Redis(server.url);
		const ids: string[] = [];
		const add = async (stream: string, count: number) => {
			// Each entry its own content: the same content again on a stream would be a redelivery (a duplicate).
			for (let n = 0; n < count; n++) ids.push(await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n: ids.length})) ?? '');
		};

		const stored = async (dataDir: string) => (JSON.parse((await runCli(['query', '--data-dir', dataDir, '--group-by', 'topic', '--json'], {cwd: temp.path})).stdout) as {matched: number}).matched;
		const monitor = async (dataDir: string, streams: string, ...extra: string[]) => {
			const result = await runCli(['monitor', '--headless', '--source', `${server.url}?streams=${streams}`, '--duration', '3s', '--data-dir', dataDir, ...extra], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
		};

		try {
			const dataDir = path.join(temp.path, uniqueName('store'));
			await add(first, 5);
			await add(second, 5);
			await monitor(dataDir, `${first},${second}`, '--from', 'earliest');
			await add(first, 5);
			await add(second, 5);
			await monitor(dataDir, `${second},${first}`);
			expect(await stored(dataDir)).toBe(20);

			// A store whose positions an earlier version saved under the URL as it showed it: read from there on.
			const earlier = path.join(temp.path, uniqueName('store'));
			const store = openStore({path: earlier, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
			await store.putBatch([], {sourceId: parseRedisUrl(`${server.url}?streams=${first}`).display, positions: {[first]: ids[2]!}});
			await store.close();
			await monitor(earlier, first);
			expect(await stored(earlier)).toBe(7);
		} finally {
			await writer.del(first, second);
			writer.disconnect();
		}
	}, 60_000);
});

describe.skipIf(kafkaSkipReason())('resuming after a run that read nothing: Kafka', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('reads every event produced between runs of an empty topic', async () => {
		const topic = uniqueName('it-empty');
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await admin.connect();
		await producer.connect();
		try {
			await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true});
			const stored = await storedAfterThreeRuns(`kafka://${broker.bootstrap}?topics=${topic}`, async first => {
				await producer.send({topic, messages: Array.from({length: 10}, (_, index) => ({key: `k${first + index}`, value: JSON.stringify({eventType: 'Ping', n: first + index})}))});
			});
			expect(stored).toBe(20);
		} finally {
			await producer.disconnect();
			await admin.disconnect();
		}
	}, 90_000);

	it('says which events the broker deleted before a resumed run could read them', async () => {
		const topic = uniqueName('it-deleted');
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await admin.connect();
		await producer.connect();
		const dataDir = path.join(temp.path, uniqueName('store'));
		const run = async () => runCli(['monitor', '--headless', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '--duration', '4s', '--data-dir', dataDir], {cwd: temp.path});
		const produce = async (first: number, count: number) => producer.send({topic, messages: Array.from({length: count}, (_, index) => ({value: JSON.stringify({eventType: 'Ping', n: first + index})}))});
		try {
			await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
			await produce(0, 10);
			expect((await run()).code).toBe(0);
			await produce(10, 90);
			// Retention (here by hand) deletes offsets 0-49 before the monitor comes back at offset 10.
			await admin.fetchTopicMetadata({topics: [topic]});
			await admin.deleteTopicRecords({topic, partitions: [{partition: 0, offset: '50'}]});
			const resumed = await run();
			expect(resumed.code).toBe(0);
			expect(resumed.stderr).toContain(`pubsub-tools: warning: kafka://${broker.bootstrap}?topics=${topic}: 40 events of ${topic}/0 (offsets 10 to 49) were deleted by the broker's retention before they were read\n`);
			const query = await runCli(['query', '--data-dir', dataDir, '--group-by', 'topic', '--json'], {cwd: temp.path});
			expect((JSON.parse(query.stdout) as {matched: number}).matched).toBe(60);
		} finally {
			await producer.disconnect();
			await admin.disconnect();
		}
	}, 90_000);
});
