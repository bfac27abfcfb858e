// A message nested 10,000 levels deep, produced into a real Kafka topic and a real Redis stream among valid ones:
// `record` from the live source keeps every event around it, and the deep one.
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {deepValueText, orderValue} from '../support/deep-json.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-poison-');
const depth = 10_000;
const deepValue = deepValueText('ORD-DEEP', depth);

/** 52 valid values, the deep one, 52 more: as message texts in the order they are sent. */
function messages(): string[] {
	const valid = Array.from({length: 104}, (_, n) => JSON.stringify(orderValue(n)));
	return [...valid.slice(0, 52), deepValue, ...valid.slice(52)];
}

/** Record 105 events from `source` (from the earliest) and return the recording's event lines, parsed lazily. */
async function record(source: string, name: string): Promise<string[]> {
	const out = path.join(temp.path, name);
	const result = await runCli(['record', '--source', source, '--from', 'earliest', '--count', '105', '--duration', '30s', '-o', out], {cwd: temp.path});
	expect(result.stderr).toContain('recorded 105 events');
	expect(result.code).toBe(0);
	return fs.readFileSync(out, 'utf8').split('\n').filter(Boolean).slice(1);
}

/** The orderId of each recorded line (the deep one's found in its text without walking it). */
function orderIds(lines: string[]): string[] {
	return lines.map(line => (line.includes('ORD-DEEP') ? 'ORD-DEEP' : (JSON.parse(line) as {value: {orderId: string}}).value.orderId));
}

const expectedIds = [...Array.from({length: 52}, (_, n) => `ORD-${n}`), 'ORD-DEEP', ...Array.from({length: 52}, (_, n) => `ORD-${n + 52}`)];

describe.skipIf(kafkaSkipReason())('a poison message on a real Kafka topic', () => {
	it('is recorded with every event around it, as its original text', async () => {
		const broker = await kafkaForTestFile();
		const topic = uniqueName('it-poison');
		const kafka = new Kafka({clientId: 'it-poison', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({allowAutoTopicCreation: false});
		try {
			await admin.connect();
			await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
			await producer.connect();
			await producer.send({topic, messages: messages().map(value => ({value}))});
			const lines = await record(`kafka://${broker.bootstrap}?topics=${topic}`, 'kafka.jsonl');
			expect(orderIds(lines)).toEqual(expectedIds);
			expect(lines[52]).toContain(`"value":${deepValue},`);
		} finally {
			await producer.disconnect();
			await admin.disconnect();
			await broker.stop();
		}
	});
});

describe.skipIf(redisSkipReason())('a poison message in a real Redis stream', () => {
	it('is recorded with every entry around it, its deep field as its original text', async () => {
		const server = await redisForTestFile();
		const stream = uniqueName('it:poison');
		const redis = new Redis(server.url);
		try {
			const pipeline = redis.pipeline();
			for (const data of messages()) pipeline.xadd(stream, '*', 'type', 'OrderCreated', 'data', data);
			await pipeline.exec();
			const lines = await record(`${server.url}?streams=${stream}`, 'redis.jsonl');
			expect(lines.map(line => (JSON.parse(line) as {value: {data: unknown}}).value.data)).toEqual(messages().map(text => (text === deepValue ? text : JSON.parse(text))));
		} finally {
			await redis.del(stream);
			redis.disconnect();
			await server.stop();
		}
	});
});
