// Messages serialized by Confluent's Schema Registry serializers (a 0 byte, a 4-byte schema id, the payload) on a
// real Kafka broker: the JSON Schema serializer's values are read as the events they carry (types, ids, hops),
// Avro and Protobuf ones are labelled and counted as not decoded, a value that merely starts with a NUL byte is
// left alone; `record` writes every value byte for byte, and publishing that recording sends the same bytes again.
import path from 'node:path';
import {Kafka, logLevel} from 'kafkajs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import type {RawEvent} from '../../source/core/envelope.js';
import {openPublisher} from '../../source/core/sources/publish.js';
import {parseRecordingLine} from '../../source/core/sources/recording/line.js';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {recordedEvents} from '../support/recording-lines.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {backstopDuration, limit} from '../support/limits.js';
import {expectReadToNow, toNow} from '../support/read-to-now.js';

const temp = useTempDir('pubsub-kafka-schema-registry-');
const start = Date.now() - 60_000;

/** The wire format: magic byte 0, the schema id as a big-endian int32, the payload. */
function framed(schemaId: number, payload: Buffer | string): Buffer {
	const frame = Buffer.alloc(5);
	frame.writeInt32BE(schemaId, 1);
	return Buffer.concat([frame, Buffer.from(payload)]);
}

/** One order's creation and payment, as the JSON Schema serializer frames them (schema 7; 300, whose frame is not UTF-8). */
function order(n: number): {order: Buffer; payment: Buffer} {
	const at = start + (n * 1000);
	return {
		order: framed(7, `{"eventType":"OrderCreated","orderId":"SR-${n}","createdAt":"${new Date(at).toISOString()}"}`),
		payment: framed(300, `{"eventType":"PaymentAuthorized","orderId":"SR-${n}","amount":20.0,"createdAt":"${new Date(at + 400).toISOString()}"}`),
	};
}

/** Avro ({orderId: "SR-0"}: bytes that are UTF-8 by chance), Protobuf (message index 0, then field 1), and a NUL-led text. */
const binary = [framed(9, Buffer.from([0x08, ...Buffer.from('SR-0')])), framed(3, Buffer.from([0x00, 0x0a, 0x04, ...Buffer.from('SR-0')])), Buffer.from('\u0000hello')];

type Line = {topic: string; offset: string; value: string; valueEncoding?: string; key?: string; keyEncoding?: string};

/** The message bytes (key, value) each recording line holds, by topic, in offset order. */
function bytesByTopic(lines: Line[]): Record<string, string[]> {
	const byTopic: Record<string, string[]> = {};
	for (const line of lines.sort((a, b) => Number(a.offset) - Number(b.offset))) {
		const key = line.key === undefined ? '' : Buffer.from(line.key, line.keyEncoding === 'base64' ? 'base64' : 'utf8').toString('hex');
		(byTopic[line.topic] ??= []).push(`${key}:${Buffer.from(line.value, line.valueEncoding === 'base64' ? 'base64' : 'utf8').toString('hex')}`);
	}

	return byTopic;
}

/** Each order's key: its order id as the JSON Schema serializer frames a string key (schema 5). */
const orderKey = (n: number) => framed(5, `"SR-${n}"`);

describe.skipIf(kafkaSkipReason())('Schema Registry wire format on a real Kafka topic', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('reads framed JSON as its events, labels Avro/Protobuf, and records and republishes every byte', async () => {
		const base = uniqueName('it-sr');
		const [orders, payments, raw] = ['orders', 'payments', 'raw'].map(name => `${base}-${name}`) as [string, string, string];
		const kafka = new Kafka({clientId: 'it-sr', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
		const admin = kafka.admin();
		const producer = kafka.producer({allowAutoTopicCreation: false});
		const sent = {[orders]: [] as Buffer[], [payments]: [] as Buffer[], [raw]: binary};
		try {
			await admin.connect();
			await admin.createTopics({topics: [orders, payments, raw, `${base}-again-orders`, `${base}-again-payments`, `${base}-again-raw`].map(topic => ({topic, numPartitions: 1})), waitForLeaders: true});
			await producer.connect();
			for (let n = 0; n < 3; n++) {
				const {order: created, payment} = order(n);
				sent[orders]!.push(created);
				sent[payments]!.push(payment);
			}

			for (const [topic, values] of Object.entries(sent)) await producer.send({topic, messages: values.map((value, n) => ({value, key: topic === orders ? orderKey(n) : undefined}))});
		} finally {
			await producer.disconnect();
			await admin.disconnect();
		}

		const url = `kafka://${broker.bootstrap}?topics=${orders},${payments},${raw}`;
		const metrics = await runCli(['metrics', '--source', url, '--from', 'earliest', ...toNow(), '--json']);
		expectReadToNow(metrics);
		expect(JSON.parse(metrics.stdout)).toMatchObject({
			events: 9,
			edges: {[`${orders}->${payments}`]: {count: 3, p50: 400}},
			// The orders' framed keys are counted apart from the values.
			schemaRegistry: {json: 6, notDecoded: 2, notDecodedSchemaIds: [3, 9], jsonTooDeep: 0, keys: {json: 3, notDecoded: 0}},
		});

		const file = path.join(temp.path, 'sr.jsonl');
		const recorded = await runCli(['record', '--source', url, '--from', 'earliest', '--count', '9', '--duration', backstopDuration(30), '-o', file]);
		expect(recorded.code, recorded.stderr).toBe(0);
		const hex = Object.fromEntries(Object.entries(sent).map(([topic, values]) => [topic, values.map((value, n) => `${topic === orders ? orderKey(n).toString('hex') : ''}:${value.toString('hex')}`)]));
		expect(bytesByTopic(recordedEvents<Line>(file))).toEqual(hex);

		// A framed string key is its text: the orders group by their order ids.
		const keys = await runCli(['query', file, '--group-by', 'key', '--where', `topic:${orders}`, '--json']);
		expect(Object.keys((JSON.parse(keys.stdout) as {groups: Record<string, unknown>}).groups).sort()).toEqual(['SR-0', 'SR-1', 'SR-2']);

		const flow = await runCli(['flow', 'analyze', '--id', 'SR-1', file, '--json']);
		expect(flow.code, flow.stderr).toBe(0);
		expect((JSON.parse(flow.stdout) as {events: Array<{type: string}>}).events.map(event => event.type)).toEqual(['OrderCreated', 'PaymentAuthorized']);
		const audit = await runCli(['audit', 'query', '--id', 'SR-2', file, '--format', 'json']);
		expect((JSON.parse(audit.stdout) as {chain: unknown[]}).chain).toEqual([
			expect.objectContaining({type: 'OrderCreated', valueEncoding: 'schema-registry-json', schemaId: 7}),
			expect.objectContaining({type: 'PaymentAuthorized', valueEncoding: 'schema-registry-json', schemaId: 300}),
		]);

		// The recording published again (as `check` publishes a file): the same bytes on the broker.
		const events = recordedEvents<Line>(file).map(line => {
			const parsed = parseRecordingLine(JSON.stringify(line));
			if (parsed.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(line)}`);
			return {...parsed.event, topic: line.topic.replace(base, `${base}-again`)} satisfies RawEvent;
		});
		const again = ['orders', 'payments', 'raw'].map(name => `${base}-again-${name}`);
		const publisher = await openPublisher(`kafka://${broker.bootstrap}`, again, defaultConfig.fields);
		try {
			await publisher.publish(events);
		} finally {
			await publisher.close();
		}

		const copy = path.join(temp.path, 'sr-again.jsonl');
		const rerecorded = await runCli(['record', '--source', `kafka://${broker.bootstrap}?topics=${again.join(',')}`, '--from', 'earliest', '--count', '9', '--duration', backstopDuration(30), '-o', copy]);
		expect(rerecorded.code, rerecorded.stderr).toBe(0);
		// A message without a key is keyed by its correlation id when published (kafka-publish-keys): the payments'.
		const payment = (value: string, n: number) => `${Buffer.from(`SR-${n}`).toString('hex')}${value}`;
		expect(bytesByTopic(recordedEvents<Line>(copy))).toEqual(Object.fromEntries(Object.entries(hex).map(([topic, values]) => [topic.replace(base, `${base}-again`), topic === payments ? values.map(payment) : values])));
	}, limit(120_000));
});
