// Debezium-shaped messages on a real broker, as a Kafka Connect source connector writes them: the fixture's changes
// (test/fixtures/recordings/debezium-cdc.jsonl: schemas off and on, JSON keys, deletes with their null-value
// tombstones, one key deleted twice) produced with their keys and commit times, then read live by the CLI.
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';

type Line = {topic: string; key: string; value: unknown; timestamp: string};
const lines = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/recordings/debezium-cdc.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line) as Line);

describe.skipIf(kafkaSkipReason())('Kafka: Debezium change events', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	const temp = useTempDir('pubsub-debezium-');
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('are joined by the ids in their rows, typed table.operation, their tombstones no redeliveries', async () => {
		const prefix = uniqueName('it-cdc');
		const kafka = new Kafka({clientId: 'it-debezium', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		await admin.connect();
		await admin.createTopics({topics: [...new Set(lines.map(line => `${prefix}.${line.topic}`))].map(topic => ({topic, numPartitions: 1})), waitForLeaders: true});
		await admin.disconnect();
		const producer = kafka.producer({createPartitioner: Partitioners.DefaultPartitioner});
		await producer.connect();
		for (const line of lines) {
			await producer.send({topic: `${prefix}.${line.topic}`, messages: [{
				key: line.key, value: line.value === null ? null : JSON.stringify(line.value), timestamp: String(Date.parse(line.timestamp)),
			}]});
		}

		await producer.disconnect();
		const source = `kafka://${broker.bootstrap}?topics=${prefix}.*`;
		// Long enough for a loaded machine to connect, find the topics and fetch them all (4 s once read nothing in CI).
		const live = ['--source', source, '--from', 'earliest', '--duration', '8s', '--json'];
		const metrics = await runCli(['metrics', ...live], {cwd: temp.path});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(JSON.parse(metrics.stdout)).toMatchObject({
			events: 14, duplicates: 0,
			topics: {[`${prefix}.shop.public.orders`]: {count: 12, errors: 0}, [`${prefix}.shop.public.payments`]: {count: 2, errors: 1}},
		});
		const flow = await runCli(['flow', 'analyze', ...live, '--id', 'ORD-1002'], {cwd: temp.path});
		expect(flow.code, flow.stderr).toBe(0);
		const events = (JSON.parse(flow.stdout) as {events: Array<{type: string; status: string}>}).events;
		expect(events.map(event => `${event.type} ${event.status}`)).toEqual([
			'orders.created ok', 'payments.created error', 'orders.updated ok', 'orders.deleted ok', 'orders.created ok', 'orders.deleted ok',
		]);
	}, 90_000);
});
