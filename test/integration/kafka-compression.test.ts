// Compressed topics, as production producers write them: Kafka's own Java producer writes gzip, snappy, lz4 and zstd
// batches, and `record` (a CLI subprocess) must read every event back exactly once, with its content and headers.
import path from 'node:path';
import {Kafka, logLevel, type Admin} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {produceCompressed, kafkaCodecs, type KafkaCodec} from '../support/java-producer.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {recordedEvents} from '../support/recording-lines.js';
import {backstopDuration} from '../support/limits.js';

const skipReason = kafkaSkipReason();
const count = 400;

/** The text the Java producer puts in event n (see CompressedProducer.java). */
const textOf = (n: number) => `événement ${'abc'.repeat(n % 20)}`;

describe.skipIf(skipReason)('Kafka source on compressed topics', () => {
	const temp = useTempDir('pubsub-kafka-codecs-');
	let broker: {bootstrap: string; stop(): Promise<void>};
	let admin: Admin;
	const topics = Object.fromEntries(kafkaCodecs.map(codec => [codec, uniqueName(`it-codec-${codec}`)])) as Record<KafkaCodec, string>;

	beforeAll(async () => {
		broker = await kafkaForTestFile();
		admin = new Kafka({clientId: 'it-codecs', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).admin();
		await admin.connect();
		await admin.createTopics({topics: Object.values(topics).map(topic => ({topic, numPartitions: 2})), waitForLeaders: true});
		await produceCompressed(broker.bootstrap, count, Object.fromEntries(kafkaCodecs.map(codec => [topics[codec], codec])));
	});

	afterAll(async () => {
		await admin?.deleteTopics({topics: Object.values(topics)}).catch(() => undefined);
		await admin?.disconnect();
		await broker?.stop();
	});

	it.each(kafkaCodecs)('record reads a %s topic exactly: every event once, its value, key and repeated headers', async codec => {
		const output = path.join(temp.path, `${codec}.jsonl`);
		const result = await runCli([
			'record', '--source', `kafka://${broker.bootstrap}?topics=${topics[codec]}`, '--from', 'earliest',
			'--count', String(count), '--duration', backstopDuration(20), '-o', output,
		], {cwd: temp.path});
		expect(result.stderr).toContain(`recorded ${count} events`);
		expect(result.code).toBe(0);
		const lines = recordedEvents<{
			topic: string; partition: number; offset: string; key: string; headers: unknown; value: {n: number; codec: string; text: string};
		}>(output);
		expect(lines.map(line => line.value.n).sort((a, b) => a - b)).toEqual(Array.from({length: count}, (_, n) => n));
		expect(new Set(lines.map(line => `${line.partition}/${line.offset}`)).size).toBe(count);
		for (const {topic, key, headers, value} of lines) {
			expect({topic, key, headers, value}).toEqual({
				topic: topics[codec],
				key: `k${value.n}`,
				headers: {trace: ['first', `second-${value.n}`], n: String(value.n)},
				value: {n: value.n, codec, text: textOf(value.n)},
			});
		}
	});
});
