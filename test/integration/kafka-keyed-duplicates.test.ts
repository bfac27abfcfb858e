// Messages without an event id are told apart by their content, and a Kafka message's key is part of it: a compacted
// topic's tombstones (null values) of different keys, or one value sent under two keys, are distinct events, not
// redeliveries; the same key and value sent twice is one. The CLI as a subprocess on a real broker.
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';

describe.skipIf(kafkaSkipReason())('Kafka: duplicates among messages without an event id', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	const temp = useTempDir('pubsub-keyed-duplicates-');
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('counts a message a duplicate only when its key and value repeat: tombstones of a compacted topic are not', async () => {
		const topic = uniqueName('it-compacted');
		const kafka = new Kafka({clientId: 'it-keyed-duplicates', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 1, configEntries: [{name: 'cleanup.policy', value: 'compact'}]}], waitForLeaders: true});
		await admin.disconnect();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await producer.connect();
		await producer.send({topic, messages: [
			// Three keys deleted: three events.
			{key: 'customer-1', value: null},
			{key: 'customer-2', value: null},
			{key: 'customer-3', value: null},
			// One value under two keys: two events.
			{key: 'card-1', value: '{"status":"declined"}'},
			{key: 'card-2', value: '{"status":"declined"}'},
			// The same message sent again (a producer's retry, without idempotence): a redelivery.
			{key: 'card-1', value: '{"status":"declined"}'},
		]});
		await producer.disconnect();
		const result = await runCli(['metrics', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', ...toNow(), '--json'], {cwd: temp.path});
		expectReadToNow(result);
		expect(JSON.parse(result.stdout)).toMatchObject({events: 6, duplicates: 1});
	}, limit(60_000));
});
