// A monitor run that read nothing (an empty topic or stream) still saves where it started, so the next run with the
// same --data-dir reads what came in between instead of starting at what is newest by then; a run that finds
// events deleted by the broker before it could read them says how many, where; and a topic deleted and made again
// between runs is read from its new start, its events stored although their offsets were stored before.
import path from 'node:path';
import {Redis} from 'ioredis';
import {Kafka, logLevel, Partitioners, type Admin, type Producer} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {clusterPositionKey, parseKafkaUrl} from '../../source/core/sources/kafka/url.js';
import {parseRedisUrl} from '../../source/core/sources/redis/url.js';
import {openStore} from '../../source/core/store/store.js';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';

const temp = useTempDir('pubsub-resume-empty-');

/**
 * `monitor --headless` for `seconds` (scaled: a loaded machine took a fixed 3 s to connect) on `url` into the store
 * at `dataDir`.
 */
async function monitor(url: string, dataDir: string, extra: string[] = [], seconds = 3) {
	return runCli(['monitor', '--headless', '--source', url, '--duration', backstopDuration(seconds), '--data-dir', dataDir, ...extra], {cwd: temp.path});
}

/** The events the store at `dataDir` holds, as `query` counts them. */
async function storedEvents(dataDir: string): Promise<number> {
	const query = await runCli(['query', '--data-dir', dataDir, '--group-by', 'topic', '--json'], {cwd: temp.path});
	return (JSON.parse(query.stdout) as {matched: number}).matched;
}

/** A new store directory. */
const newStore = () => path.join(temp.path, uniqueName('store'));

/** Three runs of `monitor --headless` into one store, `produce` 10 events before the second and the third; the events stored. */
async function storedAfterThreeRuns(url: string, produce: (first: number) => Promise<void>): Promise<number> {
	const dataDir = newStore();
	const run = async () => {
		const result = await monitor(url, dataDir);
		expect(result.code, result.stderr).toBe(0);
	};

	await run();
	await produce(0);
	await run();
	await produce(10);
	await run();
	return storedEvents(dataDir);
}

describe.skipIf(redisSkipReason())('resuming Redis streams', () => {
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
	}, limit(60_000));

	it('resumes whatever the order of the streams, and from positions an earlier version saved under the URL', async () => {
		const [first, second] = [uniqueName('it:order-a'), uniqueName('it:order-b')];
		const writer = new Redis(server.url);
		const ids: string[] = [];
		const add = async (stream: string, count: number) => {
			// Each entry its own content: the same content again on a stream would be a redelivery (a duplicate).
			for (let n = 0; n < count; n++) ids.push(await writer.xadd(stream, '*', 'data', JSON.stringify({eventType: 'Ping', n: ids.length})) ?? '');
		};

		const read = async (dataDir: string, streams: string, ...extra: string[]) => {
			const result = await monitor(`${server.url}?streams=${streams}`, dataDir, extra);
			expect(result.code, result.stderr).toBe(0);
		};

		try {
			const dataDir = newStore();
			await add(first, 5);
			await add(second, 5);
			await read(dataDir, `${first},${second}`, '--from', 'earliest');
			await add(first, 5);
			await add(second, 5);
			await read(dataDir, `${second},${first}`);
			expect(await storedEvents(dataDir)).toBe(20);

			// A store whose positions an earlier version saved under the URL as it showed it: read from there on.
			const earlier = newStore();
			const store = openStore({path: earlier, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
			await store.putBatch([], {sourceId: parseRedisUrl(`${server.url}?streams=${first}`).display, positions: {[first]: ids[2]!}});
			await store.close();
			await read(earlier, first);
			expect(await storedEvents(earlier)).toBe(7);
		} finally {
			await writer.del(first, second);
			writer.disconnect();
		}
	}, limit(60_000));
});

describe.skipIf(kafkaSkipReason())('resuming Kafka topics', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	let admin: Admin;
	let producer: Producer;
	beforeAll(async () => {
		broker = await kafkaForTestFile();
		const kafka = new Kafka({brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await admin.connect();
		await producer.connect();
	});
	afterAll(async () => {
		await producer?.disconnect();
		await admin?.disconnect();
		await broker?.stop();
	});

	/** Delete `topic` and make it again, empty, with one partition. */
	const recreate = async (topic: string) => {
		await admin.deleteTopics({topics: [topic]});
		// Deletion completes in the background: the broker refuses the same name until it has.
		await vi.waitFor(async () => {
			expect(await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true})).toBe(true);
		}, {timeout: limit(30_000), interval: 500});
	};

	/** `count` events {n} from `first` on, to `topic`. */
	const produce = async (topic: string, first: number, count: number) => producer.send({topic, messages: Array.from({length: count}, (_, index) => ({key: `k${first + index}`, value: JSON.stringify({eventType: 'Ping', n: first + index})}))});

	it('reads every event produced between runs of an empty topic', async () => {
		const topic = uniqueName('it-empty');
		await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true});
		const stored = await storedAfterThreeRuns(`kafka://${broker.bootstrap}?topics=${topic}`, async first => {
			await produce(topic, first, 10);
		});
		expect(stored).toBe(20);
	}, limit(90_000));

	it('knows one cluster under any spelling of its brokers: resumes, and reads nothing twice', async () => {
		const [topic, other] = [uniqueName('it-spelled'), uniqueName('it-spelled-other')];
		const port = broker.bootstrap.split(':').at(-1)!;
		const dataDir = newStore();
		const run = async (hosts: string, topics: string, ...extra: string[]) => {
			const result = await monitor(`kafka://${hosts}?topics=${topics}`, dataDir, extra, 4);
			expect(result.code, result.stderr).toBe(0);
			return result;
		};

		await admin.createTopics({topics: [{topic, numPartitions: 1}, {topic: other, numPartitions: 1}], waitForLeaders: true});
		await produce(topic, 0, 10);
		await run(`127.0.0.1:${port}`, topic, '--from', 'earliest');
		// The same broker by name: where the first run stopped is where this one starts (not at what is newest).
		await produce(topic, 10, 10);
		await run(`localhost:${port}`, topic);
		expect(await storedEvents(dataDir)).toBe(20);
		// Another selection (positions of its own), from the start, through both names: what was stored is known.
		await produce(other, 100, 5);
		const again = await run(`localhost:${port},127.0.0.1:${port}`, `${topic},${other}`, '--from', 'earliest');
		expect(again.stderr).toContain('20 events read twice skipped');
		expect(await storedEvents(dataDir)).toBe(25);
	}, limit(120_000));

	it('says which events the broker deleted before a resumed run could read them', async () => {
		const topic = uniqueName('it-deleted');
		const dataDir = newStore();
		const run = async () => monitor(`kafka://${broker.bootstrap}?topics=${topic}`, dataDir, ['--from', 'earliest'], 4);
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		await produce(topic, 0, 10);
		expect((await run()).code).toBe(0);
		await produce(topic, 10, 90);
		// Retention (here by hand) deletes offsets 0-49 before the monitor comes back at offset 10.
		await admin.fetchTopicMetadata({topics: [topic]});
		await admin.deleteTopicRecords({topic, partitions: [{partition: 0, offset: '50'}]});
		const resumed = await run();
		expect(resumed.code).toBe(0);
		expect(resumed.stderr).toContain(`pubsub-tools: warning: kafka://${broker.bootstrap}?topics=${topic}: 40 events of ${topic}/0 (offsets 10 to 49) were deleted by the broker's retention before they were read\n`);
		expect(await storedEvents(dataDir)).toBe(60);
	}, limit(90_000));

	it('reads a topic made again between runs from its start, also when it has more events than were read of it', async () => {
		const topic = uniqueName('it-remade');
		const dataDir = newStore();
		const run = async () => {
			const result = await monitor(`kafka://${broker.bootstrap}?topics=${topic}`, dataDir, ['--from', 'earliest'], 4);
			expect(result.code, result.stderr).toBe(0);
		};

		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		await produce(topic, 0, 10);
		await run();
		await recreate(topic);
		// Offsets 0-24: the saved position (10) is inside the new topic, only its id tells it is another.
		await produce(topic, 100, 25);
		await run();
		expect(await storedEvents(dataDir)).toBe(35);
	}, limit(120_000));

	it('stores a recreated topic\'s events at offsets it stored before, and still reads nothing twice afterwards', async () => {
		const topic = uniqueName('it-recreated');
		const dataDir = newStore();
		const run = async (...extra: string[]) => {
			const result = await monitor(`kafka://${broker.bootstrap}?topics=${topic}`, dataDir, extra, 4);
			expect(result.code, result.stderr).toBe(0);
			return result;
		};

		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		// Stored in two runs, so the guard keeps two runs of offsets (0-19, 20-29) of the topic as it was.
		await produce(topic, 0, 20);
		await run('--from', 'earliest');
		await produce(topic, 20, 10);
		await run();
		await recreate(topic);
		await produce(topic, 100, 10);
		const resumed = await run();
		expect(resumed.stderr).toContain(`topic ${topic} was deleted and made again since it was last read: its new events were read from its start`);
		expect(await storedEvents(dataDir)).toBe(40);
		// Offsets 10-24, past the first new run and into the old second one.
		await produce(topic, 110, 15);
		await run();
		expect(await storedEvents(dataDir)).toBe(55);
		// Back to the new topic's start, as a resumed read that overlaps would be: its 25 events are all known now.
		const store = openStore({path: dataDir, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const {clusterId} = await admin.describeCluster();
		await store.putBatch([], {sourceId: clusterPositionKey(clusterId, parseKafkaUrl(`kafka://${broker.bootstrap}?topics=${topic}`).selection), positions: {[`${topic}/0`]: '0'}});
		await store.close();
		const again = await run();
		expect(again.stderr).toContain('25 events read twice skipped');
		expect(await storedEvents(dataDir)).toBe(55);
	}, limit(120_000));
});
