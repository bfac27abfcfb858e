// The Kafka source through a broker restart in the middle of consumption: it reconnects by itself and delivers
// every event exactly once.
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {KafkaServer} from '../../scripts/kafka-server.js';
import {kafkaSource} from '../../source/core/sources/kafka.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {Reader, uniqueName} from './reader.js';

const skipReason = kafkaSkipReason({dedicated: true});

describe.skipIf(skipReason)('Kafka source across a broker restart', () => {
	let broker: KafkaServer;

	beforeAll(async () => {
		broker = await startDedicatedKafka();
	});

	afterAll(async () => {
		await broker?.stop();
	});

	/** Produce events n = first … first+count−1 with a producer that lives only for this call. */
	const produce = async (topic: string, first: number, count: number) => {
		const producer = new Kafka({clientId: 'it-restart', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING})
			.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true});
		await producer.connect();
		for (let start = first; start < first + count; start += 50) {
			await producer.send({
				topic,
				messages: Array.from({length: Math.min(50, first + count - start)}, (_, index) => ({
					key: `k${start + index}`,
					value: JSON.stringify({n: start + index}),
				})),
			});
		}

		await producer.disconnect();
	};

	it('reconnects after the broker went down and up, losing and doubling nothing', async () => {
		const topic = uniqueName('it-restart');
		const admin = new Kafka({clientId: 'it-restart', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING}).admin();
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 2}], waitForLeaders: true});
		await admin.disconnect();
		await produce(topic, 0, 200);

		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		await reader.waitFor(200);
		await broker.down();
		await new Promise(resolve => setTimeout(resolve, 2000));
		expect(reader.source.health().state).not.toBe('connected');
		await broker.up();
		await produce(topic, 200, 200);
		await reader.waitFor(400, 120_000);
		await new Promise(resolve => setTimeout(resolve, 1000));
		const health = reader.source.health();
		await reader.close();

		const numbers = reader.events.map(event => (event.value as {n: number}).n).sort((a, b) => a - b);
		expect(numbers).toEqual(Array.from({length: 400}, (_, index) => index));
		expect(reader.states.has('reconnecting')).toBe(true);
		expect(health.state).toBe('connected');
	}, 240_000);
});
