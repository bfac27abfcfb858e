// A Kafka Streams application (Kafka's own library, from Maven Central) reading a topic, for lag tests.
import {spawn} from 'node:child_process';
import path from 'node:path';
import {kafkaStreamsClasspath} from '../../scripts/kafka-server.js';

const source = path.resolve(import.meta.dirname, 'java/StreamsApp.java');

/**
 * Run the Kafka Streams application `appId` of Kafka `version` on `topic` until it has processed `count` records and
 * committed them, with the rebalance `protocol` given (`streams`: a group the broker lists as a streams group).
 */
export async function runStreamsApp(options: {bootstrap: string; topic: string; appId: string; protocol: 'classic' | 'streams'; count: number; stateDir: string; version: string}): Promise<void> {
	const {bootstrap, topic, appId, protocol, count, stateDir, version} = options;
	const child = spawn('java', ['-cp', kafkaStreamsClasspath(version), source, bootstrap, topic, appId, protocol, String(count), stateDir], {stdio: ['ignore', 'pipe', 'pipe']});
	let output = '';
	const collect = (chunk: Buffer) => {
		output += chunk.toString('utf8');
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('close', resolve);
	});
	if (code !== 0) throw new Error(`the Kafka Streams application exited with ${String(code)}:\n${output.slice(-2000)}`);
}
