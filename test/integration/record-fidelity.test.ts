// `record` from a real Kafka topic and a real Redis stream writes values as they were sent, marks binary keys and
// header values, and keeps a repeated Kafka header's values in order; recording that recording again changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const temp = useTempDir('pubsub-fidelity-live-');
const value = '{"orderId":"ORD-1","amount":146.0,"id":12345678901234567890,"k":1,"k":2}';

/** Record `count` events of `source` from the earliest, then record that file again; both files' event lines. */
async function recordTwice(source: string, name: string, count: number): Promise<[string[], string[]]> {
	const first = path.join(temp.path, `${name}.jsonl`);
	const second = path.join(temp.path, `${name}.again.jsonl`);
	const live = await runCli(['record', '--source', source, '--from', 'earliest', '--count', String(count), '--duration', '30s', '-o', first], {cwd: temp.path});
	expect(live.stderr).toContain(`recorded ${count} events`);
	expect((await runCli(['record', first, '-o', second], {cwd: temp.path})).code).toBe(0);
	const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(1);
	return [lines(first), lines(second)];
}

describe.skipIf(kafkaSkipReason())('record from a real Kafka topic', () => {
	it('keeps the value text, marks a binary key and header, keeps a repeated header in order', async () => {
		const broker = await kafkaForTestFile();
		const topic = uniqueName('it-fidelity');
		const kafka = new Kafka({clientId: 'it-fidelity', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({allowAutoTopicCreation: false});
		try {
			await admin.connect();
			await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
			await producer.connect();
			await producer.send({topic, messages: [
				{key: Buffer.from([0xFF, 0x00]), value, headers: {hop: ['a', 'b', 'a'], sig: Buffer.from([0xDE, 0xAD, 0xBE, 0xEF]), trace: 't1'}},
				{key: 'plain', value: '{\n  "orderId": "ORD-2"\n}'},
			]});
			const [first, second] = await recordTwice(`kafka://${broker.bootstrap}?topics=${topic}`, 'kafka', 2);
			expect(first[0]).toContain(`"value":${value},`);
			expect(JSON.parse(first[0]!)).toMatchObject({
				key: '/wA=', keyEncoding: 'base64', headers: {hop: ['a', 'b', 'a'], sig: '3q2+7w==', trace: 't1'}, headersEncoding: {sig: 'base64'},
			});
			expect(JSON.parse(first[1]!)).toMatchObject({key: 'plain', value: '{\n  "orderId": "ORD-2"\n}', valueEncoding: 'text'});
			expect(second).toEqual(first);
		} finally {
			await producer.disconnect();
			await admin.disconnect();
			await broker.stop();
		}
	});
});

describe.skipIf(redisSkipReason())('record from a real Redis stream', () => {
	it('keeps a JSON field as its text', async () => {
		const server = await redisForTestFile();
		const stream = uniqueName('it:fidelity');
		const redis = new Redis(server.url);
		try {
			await redis.xadd(stream, '*', 'type', 'Paid', 'data', value);
			const [first, second] = await recordTwice(`${server.url}?streams=${stream}`, 'redis', 1);
			expect(first[0]).toContain(`"value":{"type":"Paid","data":${value}},`);
			expect(second).toEqual(first);
		} finally {
			await redis.del(stream);
			redis.disconnect();
			await server.stop();
		}
	});
});
