// Kafka's own Java producer (from the cached Kafka jars) writing compressed topics, as production producers do.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {kafkaCacheDir, kafkaClasspath} from '../../scripts/kafka-server.js';

/** The codecs Kafka has. */
export const kafkaCodecs = ['gzip', 'snappy', 'lz4', 'zstd'] as const;

/** One of Kafka's codecs. */
export type KafkaCodec = typeof kafkaCodecs[number];

const source = path.resolve(import.meta.dirname, 'java/CompressedProducer.java');

/**
 * Write `count` events {"n", "codec", "text"} with key `kN` and headers `trace` (twice: "first", "second-N") and `n`
 * to each topic of `targets`, compressed with its codec, through Kafka's Java producer (idempotent, acks=all).
 */
export async function produceCompressed(bootstrap: string, count: number, targets: Record<string, KafkaCodec>): Promise<void> {
	const classpath = kafkaClasspath(kafkaCacheDir());
	const pairs = Object.entries(targets).map(([topic, codec]) => `${topic}=${codec}`);
	const child = spawn('java', ['-cp', classpath, source, bootstrap, String(count), ...pairs], {stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	child.stderr.on('data', (chunk: Buffer) => {
		output += chunk.toString('utf8');
	});
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	if (code !== 0) throw new Error(`the Java producer exited with ${String(code)}:\n${output.slice(-2000)}`);
}
