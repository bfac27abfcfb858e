// The local broker (`npm run kafka`, the tests' brokers) keeps records of any age: under Kafka's default 7-day retention
// its check, every 5 min, deleted records written with older times (a published recording, a fixture's commit times)
// minutes after they were written, and a read from earliest then found nothing.
import {ConfigResourceTypes, Kafka, logLevel} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startDedicatedKafka, kafkaSkipReason} from '../support/kafka.js';
import {uniqueName} from '../support/unique-name.js';
import {limit} from '../support/limits.js';

describe.skipIf(kafkaSkipReason({dedicated: true}))('the local Kafka broker', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await startDedicatedKafka();
	});
	afterAll(async () => broker?.stop());

	it('gives a topic made without settings no retention time: records of any age stay until deleted', async () => {
		const topic = uniqueName('it-retention');
		const admin = new Kafka({clientId: 'it-retention', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).admin();
		await admin.connect();
		try {
			await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
			const described = await admin.describeConfigs({resources: [{type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms']}], includeSynonyms: false});
			expect(described.resources[0]!.configEntries.map(entry => `${entry.configName}=${entry.configValue}`)).toEqual(['retention.ms=-1']);
		} finally {
			await admin.disconnect();
		}
	}, limit(300_000));
});
