// Throughput of the live sources alone: produce N small JSON events, then time reading them all through the source.
// node dist/scripts/measure-sources.js kafka redis   (KAFKA_BOOTSTRAP, REDIS_URL, N, PARTITIONS from the environment)
import {produceKafka, produceRedis, sampleEvent} from './produce.js';
import {kafkaSource} from '../source/core/sources/kafka/source.js';
import {redisStreamsSource} from '../source/core/sources/redis/source.js';
import type {Source} from '../source/core/sources/source.js';

const total = Number(process.env.N ?? 200_000);

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

/** JSON.parse speed right now: how loaded the machine is (about 930 k/s on an idle core, measured on this project's machines). */
function calibrate(): void {
	const sample = Array.from({length: 100_000}, (_, n) => sampleEvent(n));
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
	const topic = `measure-${Date.now()}`;
	const remove = await produceKafka(bootstrap, topic, total, partitions);
	await drain(kafkaSource(`kafka://${bootstrap}?topics=${topic}`, {from: 'earliest'}), `kafka (${partitions} partition(s))`);
	await remove();
}

async function measureRedis(): Promise<void> {
	const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
	const stream = `measure:${Date.now()}`;
	const remove = await produceRedis(url, stream, total);
	await drain(redisStreamsSource(`${url}?streams=${stream}`, {from: 'earliest'}), 'redis');
	await remove();
}

calibrate();
if (process.argv.includes('kafka')) await measureKafka();
if (process.argv.includes('redis')) await measureRedis();
