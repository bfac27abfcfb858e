// Throughput of the live sources alone: produce N small JSON events, then time reading them all through the source.
// node dist/scripts/measure-sources.js kafka redis   (KAFKA_BOOTSTRAP, REDIS_URL, N, PARTITIONS from the environment)
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {Redis} from 'ioredis';
import {kafkaSource} from '../source/core/sources/kafka.js';
import {redisStreamsSource} from '../source/core/sources/redis-streams.js';
import type {Source} from '../source/core/sources/source.js';

const total = Number(process.env.N ?? 200_000);

/** One ~130-byte event shaped like the e-commerce topics of event-model.md. */
function event(n: number): string {
	return JSON.stringify({
		eventType: 'OrderCreated', orderId: `ORD-${n}`, customerId: `C-${n % 997}`, amount: n % 500, status: 'ok',
		timestamp: new Date(1_790_000_000_000 + n).toISOString(),
	});
}

/** Read `total` events from a source as fast as it gives them and print the rates. */
async function drain(source: Source, label: string): Promise<void> {
	const start = performance.now();
	let first = 0;
	let count = 0;
	for await (const batch of source.batches()) {
		first ||= performance.now();
		count += batch.events.length;
		if (count >= total) break;
	}

	const end = performance.now();
	const rate = (ms: number) => Math.round(count / (ms / 1000));
	console.log(`${label}: ${count} events in ${((end - start) / 1000).toFixed(2)} s → ${rate(end - start)}/s (${rate(end - first)}/s after the first batch)`);
}

/** JSON.parse speed right now: how loaded the machine is (about 930 k/s on an idle core, stack-notes.md). */
function calibrate(): void {
	const sample = Array.from({length: 100_000}, (_, n) => event(n));
	let rate = 0;
	for (let round = 0; round < 2; round++) {
		const start = performance.now();
		for (const text of sample) JSON.parse(text);
		rate = Math.round(sample.length / ((performance.now() - start) / 1000));
	}

	console.log(`calibration: JSON.parse ${rate}/s`);
}

async function measureKafka(): Promise<void> {
	const bootstrap = process.env.KAFKA_BOOTSTRAP ?? '127.0.0.1:19092';
	const partitions = Number(process.env.PARTITIONS ?? 1);
	const kafka = new Kafka({brokers: [bootstrap], logLevel: logLevel.NOTHING});
	const admin = kafka.admin();
	await admin.connect();
	const topic = `measure-${Date.now()}`;
	await admin.createTopics({topics: [{topic, numPartitions: partitions}], waitForLeaders: true});
	const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
	await producer.connect();
	for (let start = 0; start < total; start += 2000) {
		await producer.send({topic, messages: Array.from({length: Math.min(2000, total - start)}, (_, index) => ({value: event(start + index)}))});
	}

	await producer.disconnect();
	await drain(kafkaSource(`kafka://${bootstrap}?topics=${topic}`, {from: 'earliest'}), `kafka (${partitions} partition(s))`);
	await admin.deleteTopics({topics: [topic]});
	await admin.disconnect();
}

async function measureRedis(): Promise<void> {
	const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
	const redis = new Redis(url);
	const stream = `measure:${Date.now()}`;
	for (let start = 0; start < total; start += 10_000) {
		const pipeline = redis.pipeline();
		for (let n = start; n < Math.min(start + 10_000, total); n++) pipeline.xadd(stream, '*', 'data', event(n));
		await pipeline.exec();
	}

	await drain(redisStreamsSource(`${url}?streams=${stream}`, {from: 'earliest'}), 'redis');
	await redis.del(stream);
	redis.disconnect();
}

calibrate();
if (process.argv.includes('kafka')) await measureKafka();
if (process.argv.includes('redis')) await measureRedis();
