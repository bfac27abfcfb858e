// A topic made during a run is found by the next discovery (every 10 s): the messages written to it meanwhile were
// delivered by the broker at once, and the source's wait for its discovery is not their delivery time
// (docs/event-model.md, "receivedAt"). The Kafka source on a real broker, the topic made after its first discovery.
import {Kafka, logLevel} from 'kafkajs';
import {describe, expect, it} from 'vitest';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

describe.skipIf(kafkaSkipReason())('a Kafka topic made during a run', () => {
	it('has its first messages arrive when the broker took them, not when discovery found the topic', async () => {
		const broker = await kafkaForTestFile();
		const kafka = new Kafka({clientId: 'it-new-topic', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer();
		await Promise.all([admin.connect(), producer.connect()]);
		const prefix = uniqueName('it-new-topic');
		const send = async (topic: string, count: number) => {
			for (let n = 0; n < count; n++) await producer.send({topic, messages: [{value: JSON.stringify({eventType: 'Ping', n, timestamp: Date.now()})}]});
		};

		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${prefix}.*`, {from: 'earliest'}));
		try {
			await admin.createTopics({topics: [{topic: `${prefix}.old`}], waitForLeaders: true});
			await send(`${prefix}.old`, 1);
			// Read: the first discovery is done; the next one comes 10 s after it.
			await reader.waitFor(1);
			await admin.createTopics({topics: [{topic: `${prefix}.new`}], waitForLeaders: true});
			await send(`${prefix}.new`, 5);
			await reader.waitFor(6, limit(30_000));
			const waits = reader.events.filter(event => event.topic === `${prefix}.new`)
				.map(event => event.receivedAt! - (event.value as {timestamp: number}).timestamp);
			expect(waits).toHaveLength(5);
			// Found seconds after they were written; delivered by the broker within milliseconds.
			expect(Math.max(...waits)).toBeLessThan(1000);
		} finally {
			await reader.close();
			await Promise.all([producer.disconnect(), admin.disconnect()]);
			await broker.stop();
		}
	}, limit(60_000));
});
