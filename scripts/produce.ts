// Fill a Kafka topic or a Redis stream with N small e-commerce events, for measurements of the live sources.
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {Redis} from 'ioredis';

/** One ~130-byte event shaped like the e-commerce topics of event-model.md. */
export function sampleEvent(n: number): string {
	return JSON.stringify({
		eventType: 'OrderCreated', eventId: `E-${n}`, orderId: `ORD-${n}`, customerId: `C-${n % 997}`, amount: n % 500, status: 'ok',
		timestamp: new Date(1_790_000_000_000 + n).toISOString(),
	});
}

/** Create `topic` and produce `total` events into it; returns the function that deletes it. */
export async function produceKafka(bootstrap: string, topic: string, total: number, partitions = 1): Promise<() => Promise<void>> {
	const kafka = new Kafka({brokers: [bootstrap], logLevel: logLevel.NOTHING});
	const admin = kafka.admin();
	await admin.connect();
	await admin.createTopics({topics: [{topic, numPartitions: partitions}], waitForLeaders: true});
	// Idempotent: a send retried after a time-out on a loaded machine wrote its batch twice (100,667 events in a
	// 100,000-event topic), which the benchmark would have reported as events stored that were never published.
	const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1});
	await producer.connect();
	for (let start = 0; start < total; start += 2000) {
		await producer.send({topic, messages: Array.from({length: Math.min(2000, total - start)}, (_, index) => ({value: sampleEvent(start + index)}))});
	}

	await producer.disconnect();
	return async () => {
		await admin.deleteTopics({topics: [topic]});
		await admin.disconnect();
	};
}

/** Append `total` events to `stream`; returns the function that deletes it. */
export async function produceRedis(url: string, stream: string, total: number): Promise<() => Promise<void>> {
	const redis = new Redis(url);
	for (let start = 0; start < total; start += 10_000) {
		const pipeline = redis.pipeline();
		for (let n = start; n < Math.min(start + 10_000, total); n++) pipeline.xadd(stream, '*', 'data', sampleEvent(n));
		await pipeline.exec();
	}

	return async () => {
		await redis.del(stream);
		redis.disconnect();
	};
}
