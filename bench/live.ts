// Live throughput for `npm run bench`: events/s from the local Kafka broker and from Redis into the store, zero loss.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {produceKafka, produceRedis} from '../scripts/produce.js';
import {javaProblem, kafkaAnswers, startKafkaServer} from '../scripts/kafka-server.js';
import {redisAnswers, redisServerProblem, startRedisServer} from '../scripts/redis-server.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Events/s of the whole pipeline reading `total` events from a live source URL, and whether all were stored. */
function pipeline(url: string, total: number, work: string): string {
	const dataDir = path.join(work, 'live-store');
	fs.rmSync(dataDir, {recursive: true, force: true});
	const out = execFileSync(process.execPath, [path.join(here, 'pipeline.js'), url, dataDir, 'on', String(total)], {maxBuffer: 64 * 1024 * 1024});
	const run = JSON.parse(out.toString()) as {stored: number; seconds: number; firstBatch?: {seconds: number; events: number}};
	const loss = run.stored === total ? 'zero loss' : `STORED ${run.stored} OF ${total}`;
	const rate = (events: number, seconds: number) => Math.round(events / seconds).toLocaleString('en-US');
	const first = run.firstBatch;
	// The rate once running: the events after the first batch, over the time after it was stored.
	const steady = first === undefined || run.seconds <= first.seconds ? '' : `; ${rate(run.stored - first.events, run.seconds - first.seconds)} events/s after the first batch of ${first.events.toLocaleString('en-US')}, stored ${first.seconds.toFixed(2)} s after start (connecting, then that batch)`;
	return `${rate(run.stored, run.seconds)} events/s (${run.stored.toLocaleString('en-US')} stored, ${loss}${steady})`;
}

/** Measure Kafka and Redis into the store; servers are started when none answers, and stopped afterwards. */
export async function liveFigures(total: number, work: string): Promise<string[]> {
	const lines: string[] = [];
	const kafkaUp = await kafkaAnswers(process.env.KAFKA_BOOTSTRAP ?? '127.0.0.1:19092');
	const kafka = kafkaUp || javaProblem() ? undefined : await startKafkaServer();
	const bootstrap = kafka?.bootstrap ?? process.env.KAFKA_BOOTSTRAP ?? '127.0.0.1:19092';
	if (kafkaUp || kafka) {
		const topic = `bench-${Date.now()}`;
		const remove = await produceKafka(bootstrap, topic, total, 3);
		lines.push(`live Kafka → store (3 partitions): ${pipeline(`kafka://${bootstrap}?topics=${topic}`, total, work)}  (target ≥ 60,000 after the first batch, zero loss)`);
		await remove();
	} else lines.push(`live Kafka: not measured (${javaProblem()})`);

	await kafka?.stop();
	const redisUp = await redisAnswers(Number(process.env.REDIS_PORT ?? 6379));
	const redis = redisUp || redisServerProblem() ? undefined : await startRedisServer();
	const url = redis?.url ?? `redis://127.0.0.1:${process.env.REDIS_PORT ?? 6379}`;
	if (redisUp || redis) {
		const stream = `bench:${Date.now()}`;
		const remove = await produceRedis(url, stream, total);
		lines.push(`live Redis → store:                ${pipeline(`${url}?streams=${stream}`, total, work)}  (target ≥ 60,000 after the first batch, zero loss)`);
		await remove();
	} else lines.push(`live Redis: not measured (${redisServerProblem()})`);

	await redis?.stop();
	return lines;
}

