// A topic deleted and made again while `record` reads it: its new messages sit at offsets the old ones had. The
// recording says where the partition's offsets went back, so a replay counts every message once, as the live run
// did, instead of taking the new ones as the old ones read twice.
import {Kafka, logLevel, type Admin} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import {runCli, startCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {backstopDuration, limit} from '../support/limits.js';
import {eventLinesSoFar} from '../support/recording-lines.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

const skipReason = kafkaSkipReason();

const range = (first: number, count: number) => Array.from({length: count}, (_, index) => first + index);

describe.skipIf(skipReason)('record of a Kafka topic deleted and made again', () => {
	const temp = useTempDir('pubsub-kafka-remade-recording-');
	let broker: {bootstrap: string; stop(): Promise<void>};
	let kafka: Kafka;
	let admin: Admin;

	beforeAll(async () => {
		broker = await kafkaForTestFile();
		kafka = new Kafka({clientId: 'it-remade-recording', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		admin = kafka.admin();
		await admin.connect();
	});

	afterAll(async () => {
		await admin?.disconnect();
		await broker?.stop();
	});

	/** Send events n = first … first+count−1 to partition 0 of `topic`, each `{event_id, n}`. */
	const produce = async (topic: string, first: number, count: number) => {
		const producer = kafka.producer({idempotent: true, allowAutoTopicCreation: false});
		await producer.connect();
		await producer.send({topic, messages: range(first, count).map(n => ({partition: 0, value: JSON.stringify({event_id: `e${n}`, n})}))});
		await producer.disconnect();
	};

	/** The `n` of each event line the recording holds so far. */
	const numbersSoFar = (file: string) => eventLinesSoFar(file).map(line => (JSON.parse(line) as {value: {n: number}}).value.n);

	it('replays every message of the old topic and the new one once, and says none was read twice', async () => {
		const topic = uniqueName('it-remade-recording');
		const file = path.join(temp.path, 'remade.jsonl');
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		await produce(topic, 0, 10);
		const running = startCli(['record', '--source', `kafka://${broker.bootstrap}?topics=${topic}`, '--from', 'earliest', '--duration', backstopDuration(100), '-o', file], {cwd: temp.path});
		await vi.waitFor(() => {
			expect(numbersSoFar(file)).toHaveLength(10);
		}, {timeout: limit(30_000), interval: 100});
		await admin.deleteTopics({topics: [topic]});
		// Deletion completes in the background: the broker refuses the same name until it has.
		await vi.waitFor(async () => {
			expect(await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true})).toBe(true);
		}, {timeout: limit(30_000), interval: 500});
		await produce(topic, 100, 10);
		await vi.waitFor(() => {
			expect(numbersSoFar(file)).toHaveLength(20);
		}, {timeout: limit(30_000), interval: 100});
		running.child.kill('SIGINT');
		await running.exited;
		expect(numbersSoFar(file)).toEqual([...range(0, 10), ...range(100, 10)]);
		const replayed = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(replayed.code).toBe(0);
		expect(JSON.parse(replayed.stdout)).toMatchObject({events: 20, readTwice: 0});
		expect(replayed.stderr).not.toMatch(/read twice/);
		// The same offsets twice (the new topic's 10 messages at the old one's 0 … 9), told apart by the line between.
		expect(fs.readFileSync(file, 'utf8')).toContain(`"restarted":{"source":"kafka","origin":`);
		// Recorded again, the line is kept: that copy replays the same.
		const again = path.join(temp.path, 'again.jsonl');
		expect((await runCli(['record', file, '-o', again], {cwd: temp.path})).code).toBe(0);
		expect(JSON.parse((await runCli(['metrics', again, '--json'], {cwd: temp.path})).stdout)).toMatchObject({events: 20, readTwice: 0});
	});
});
