// Debezium-shaped messages on a real broker, as a Kafka Connect source connector writes them: the fixture's changes
// (test/fixtures/recordings/debezium-cdc.jsonl: schemas off and on, JSON keys, deletes with their null-value
// tombstones, one key deleted twice) produced with their keys and commit times, then read live by the CLI.
import fs from 'node:fs';
import path from 'node:path';
import {Kafka, logLevel, Partitioners} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {runUntilRead} from '../support/live-run.js';
import {tmuxSkipReason} from '../support/tmux.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';

type Line = {topic: string; key: string; value: unknown; timestamp: string};
const lines = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/recordings/debezium-cdc.jsonl'), 'utf8').trim().split('\n').map(line => JSON.parse(line) as Line);

describe.skipIf(kafkaSkipReason() ?? tmuxSkipReason())('Kafka: Debezium change events', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	const temp = useTempDir('pubsub-debezium-');
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	// Two CLI runs: at load 24 on 2 cores each took 50–75 s from spawn to exit (the CLI's --version alone 31 s), and the
	// whole test 131 s; a limit of 90 s timed out in 2 of 5 runs. Nothing here is about speed: the limit catches a hang.
	// Each run's waits take at most 135 s (its backstop 90 s of them), and the test 30 s more to make the topics: the
	// runs end (or fail, their terminals stopped) within the test's limit.
	const runLimit = limit(135_000);
	it('are joined by the ids in their rows, typed table.operation, their tombstones no redeliveries', async () => {
		const prefix = uniqueName('it-cdc');
		const kafka = new Kafka({clientId: 'it-debezium', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		await admin.connect();
		// The changes keep their commit times (2026-11-27), older than Kafka's default retention (7 days): its check (every
		// 5 min) deleted them between two runs on the suite's long-lived broker, and the second read nothing. The local
		// broker keeps records of any age (scripts/kafka-server.ts), but KAFKA_BOOTSTRAP may name another.
		const kept = [{name: 'retention.ms', value: '-1'}];
		await admin.createTopics({topics: [...new Set(lines.map(line => `${prefix}.${line.topic}`))].map(topic => ({topic, numPartitions: 1, configEntries: kept})), waitForLeaders: true});
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
		// Each run ends once it has read the 14 messages, not after a fixed time; the --duration is a backstop only: then
		// the figures below say what it missed.
		const live = ['--source', source, '--from', 'earliest', '--duration', backstopDuration(90), '--json'];
		const metrics = await runUntilRead(['metrics', ...live], lines.length, {cwd: temp.path, within: runLimit});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(JSON.parse(metrics.stdout)).toMatchObject({
			events: 14, duplicates: 0,
			topics: {[`${prefix}.shop.public.orders`]: {count: 12, errors: 0}, [`${prefix}.shop.public.payments`]: {count: 2, errors: 1}},
		});
		const flow = await runUntilRead(['flow', 'analyze', ...live, '--id', 'ORD-1002'], lines.length, {cwd: temp.path, within: runLimit});
		expect(flow.code, flow.stderr).toBe(0);
		const events = (JSON.parse(flow.stdout) as {events: Array<{type: string; status: string}>}).events;
		expect(events.map(event => `${event.type} ${event.status}`)).toEqual([
			// The tombstones, keyed by the row's id only, join as their table's row (orders:1001, orders:1002).
			'orders.created ok', 'payments.created error', 'orders.updated ok', 'orders.deleted ok', 'orders.tombstone ok',
			'orders.created ok', 'orders.deleted ok', 'orders.tombstone ok',
		]);
	}, 2 * runLimit + limit(30_000));
});
