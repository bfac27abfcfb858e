// `record` from a real Kafka topic and a real Redis stream: a message nested 10,000 levels deep among valid ones
// loses nothing (the events around it and itself, as its original text); values are written as they were sent,
// binary keys and header values are marked, a repeated Kafka header keeps its values in order, a header without a
// value is null; and recording that recording again changes no byte.
import path from 'node:path';
import {Kafka, logLevel, type Producer} from 'kafkajs';
import {Redis} from 'ioredis';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import type {Envelope} from '../../source/core/envelope.js';
import {compileFilter} from '../../source/core/filter/filter.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';
import {openStore} from '../../source/core/store/store.js';
import {eventJson} from '../../source/ui/event-json.js';
import {runCli} from '../support/cli.js';
import {deepValueText, orderValue} from '../support/deep-json.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {produceHeaderPairs} from '../support/kafka-header-pairs.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {useTempDir} from '../support/temp-dir.js';
import {uniqueName} from './reader.js';
import {eventLines} from '../support/recording-lines.js';
import {backstopDuration} from '../support/limits.js';

const temp = useTempDir('pubsub-record-live-');
const deepValue = deepValueText('ORD-DEEP', 10_000);
/** A value JSON.parse then JSON.stringify would change: a float's `.0`, a 20-digit integer, a repeated key. */
const exactValue = '{"orderId":"ORD-1","amount":146.0,"id":12345678901234567890,"k":1,"k":2}';

/** 52 valid values, the deep one, 52 more: as message texts in the order they are sent. */
function poisonedValues(): string[] {
	const valid = Array.from({length: 104}, (_, n) => JSON.stringify(orderValue(n)));
	return [...valid.slice(0, 52), deepValue, ...valid.slice(52)];
}

const poisonedIds = [...Array.from({length: 52}, (_, n) => `ORD-${n}`), 'ORD-DEEP', ...Array.from({length: 52}, (_, n) => `ORD-${n + 52}`)];

/** Record `count` events of `source` from the earliest, then record that file again; both files' event lines. */
async function recordTwice(source: string, name: string, count: number): Promise<[string[], string[]]> {
	const first = path.join(temp.path, `${name}.jsonl`);
	const second = path.join(temp.path, `${name}.again.jsonl`);
	const live = await runCli(['record', '--source', source, '--from', 'earliest', '--count', String(count), '--duration', backstopDuration(30), '-o', first], {cwd: temp.path});
	expect(live.stderr).toContain(`recorded ${count} event${count === 1 ? '' : 's'}`);
	expect(live.code).toBe(0);
	expect((await runCli(['record', first, '-o', second], {cwd: temp.path})).code).toBe(0);
	return [eventLines(first), eventLines(second)];
}

/** Run `use` with a new one-partition topic on the test broker and a producer for it. */
async function withTopic(prefix: string, use: (url: string, send: Producer['send'], topic: string, bootstrap: string) => Promise<void>): Promise<void> {
	const broker = await kafkaForTestFile();
	const topic = uniqueName(prefix);
	const kafka = new Kafka({clientId: prefix, brokers: [broker.bootstrap], logLevel: logLevel.NOTHING});
	const admin = kafka.admin();
	const producer = kafka.producer({allowAutoTopicCreation: false});
	try {
		await admin.connect();
		await admin.createTopics({topics: [{topic, numPartitions: 1}], waitForLeaders: true});
		await producer.connect();
		await use(`kafka://${broker.bootstrap}?topics=${topic}`, async record => producer.send(record), topic, broker.bootstrap);
	} finally {
		await producer.disconnect();
		await admin.disconnect();
		await broker.stop();
	}
}

/** Run `use` with a new stream name on the test Redis and a client; the stream is deleted afterwards. */
async function withStream(prefix: string, use: (url: string, redis: Redis, stream: string) => Promise<void>): Promise<void> {
	const server = await redisForTestFile();
	const stream = uniqueName(prefix);
	const redis = new Redis(server.url);
	try {
		await use(`${server.url}?streams=${stream}`, redis, stream);
	} finally {
		await redis.del(stream);
		redis.disconnect();
		await server.stop();
	}
}

describe.skipIf(kafkaSkipReason())('record from a real Kafka topic', () => {
	it('keeps every event around a poison message, and that message as its original text', async () => {
		await withTopic('it-poison', async (url, send, topic) => {
			await send({topic, messages: poisonedValues().map(value => ({value}))});
			const [lines, again] = await recordTwice(url, 'kafka-poison', 105);
			// The deep one's id is found in its text: parsing it here would only test the test.
			expect(lines.map(line => (line.includes('ORD-DEEP') ? 'ORD-DEEP' : (JSON.parse(line) as {value: {orderId: string}}).value.orderId))).toEqual(poisonedIds);
			expect(lines[52]).toContain(`"value":${deepValue},`);
			expect(again).toEqual(lines);
		});
	});

	it('keeps the value text, marks a binary key and header, keeps a repeated header in order', async () => {
		await withTopic('it-fidelity', async (url, send, topic) => {
			await send({topic, messages: [
				{key: Buffer.from([0xFF, 0x00]), value: exactValue, headers: {hop: ['a', 'b', 'a'], sig: Buffer.from([0xDE, 0xAD, 0xBE, 0xEF]), trace: 't1'}},
				{key: 'plain', value: '{\n  "orderId": "ORD-2"\n}'},
			]});
			const [first, second] = await recordTwice(url, 'kafka-fidelity', 2);
			expect(first[0]).toContain(`"value":${exactValue},`);
			expect(JSON.parse(first[0]!)).toMatchObject({
				key: '/wA=', keyEncoding: 'base64', headers: {hop: ['a', 'b', 'a'], sig: '3q2+7w==', trace: 't1'}, headersEncoding: {sig: 'base64'},
			});
			expect(JSON.parse(first[1]!)).toMatchObject({key: 'plain', value: '{\n  "orderId": "ORD-2"\n}', valueEncoding: 'text'});
			expect(second).toEqual(first);
		});
	});
});

/** The events of a recording replayed into a new store, as the engine keeps them for the Messages pane. */
async function replayedEvents(file: string, storeName: string): Promise<Envelope[]> {
	const store = openStore({path: path.join(temp.path, storeName), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
	try {
		const engine = createEngine({config: defaultConfig, store, sources: [recordingSource(file, {maxLineBytes: 1 << 20, batchSize: 100})]});
		await engine.run();
		return engine.recent();
	} finally {
		await store.close();
	}
}

describe.skipIf(kafkaSkipReason())('a Kafka header sent without a value', () => {
	it('is null in the recording, the same in a recording of it, and in the event JSON of its replay; look-ups pass over it', async () => {
		await withTopic('it-null-header', async (url, _send, topic, bootstrap) => {
			await produceHeaderPairs(bootstrap, topic, [{value: '{"n":1}', headers: [
				['deleted', null], ['hop', 'a'], ['hop', null], ['hop', 'b'], ['sig', Buffer.from([0xFF, 0x00])], ['sig', null],
				['orderId', null], ['correlationId', 'COR-NULL'],
			]}]);
			const [first, second] = await recordTwice(url, 'kafka-null-header', 1);
			const headers = {deleted: null, hop: ['a', null, 'b'], sig: ['/wA=', null], orderId: null, correlationId: 'COR-NULL'};
			expect(JSON.parse(first[0]!)).toMatchObject({headers, headersEncoding: {sig: 'base64'}});
			expect(second).toEqual(first);

			const [event] = await replayedEvents(path.join(temp.path, 'kafka-null-header.jsonl'), 'null-header-store');
			expect(JSON.parse(eventJson(event!))).toMatchObject({headers, headersEncoding: {sig: 'base64'}, ids: ['COR-NULL']});
			expect(compileFilter('hop:b').matches(event!)).toBe(true);
			expect(compileFilter('deleted:*').matches(event!)).toBe(false);
		});
	});
});

describe.skipIf(redisSkipReason())('record from a real Redis stream', () => {
	it('keeps every entry around a poison message, its deep field as its original text', async () => {
		await withStream('it:poison', async (url, redis, stream) => {
			const pipeline = redis.pipeline();
			for (const data of poisonedValues()) pipeline.xadd(stream, '*', 'type', 'OrderCreated', 'data', data);
			await pipeline.exec();
			const [lines, again] = await recordTwice(url, 'redis-poison', 105);
			const expected = poisonedValues().map(text => (text === deepValue ? text : JSON.parse(text) as unknown));
			expect(lines.map(line => (JSON.parse(line) as {value: {data: unknown}}).value.data)).toEqual(expected);
			expect(again).toEqual(lines);
		});
	});

	it('resumes a monitor over a store holding the poison entry, run after run (no poison-message loop)', async () => {
		await withStream('it:poison-loop', async (url, redis, stream) => {
			const pipeline = redis.pipeline();
			for (const data of poisonedValues()) pipeline.xadd(stream, '*', 'type', 'OrderCreated', 'data', data);
			let last = (await pipeline.exec())!.at(-1)![1] as string;
			const dataDir = path.join(temp.path, 'poison-loop-store');
			for (let run = 0; run < 2; run++) {
				if (run === 1) last = (await redis.xadd(stream, '*', 'type', 'OrderCreated', 'data', JSON.stringify(orderValue(999))))!;
				// Ended by Ctrl-C once it asked for what follows the newest entry: it had them all.
				const result = await runCliUntilRead(redis, {[stream]: last}, ['metrics', '--source', url, '--from', 'earliest', '--data-dir', dataDir, '--json'], {cwd: temp.path});
				expect(result.stderr).not.toMatch(/error/i);
				expect(result.code).toBe(0);
				// The first run reads all 105; the restarted one resumes after them and reads only the new entry.
				expect((JSON.parse(result.stdout) as {events: number}).events).toBe(run === 0 ? 105 : 1);
			}
		});
	});

	it('keeps every value of a field named more than once, in order, as an array', async () => {
		await withStream('it:repeated', async (url, redis, stream) => {
			await redis.xadd(stream, '*', 'type', 'Tagged', 'tag', 'a', 'tag', '{"n":146.0}', 'tag', 'a');
			const [first, second] = await recordTwice(url, 'redis-repeated', 1);
			expect(first[0]).toContain('"value":{"type":"Tagged","tag":["a",{"n":146.0},"a"]},');
			expect(second).toEqual(first);
		});
	});

	it('keeps a JSON field as its text', async () => {
		await withStream('it:fidelity', async (url, redis, stream) => {
			await redis.xadd(stream, '*', 'type', 'Paid', 'data', exactValue);
			const [first, second] = await recordTwice(url, 'redis-fidelity', 1);
			expect(first[0]).toContain(`"value":{"type":"Paid","data":${exactValue}},`);
			expect(second).toEqual(first);
		});
	});
});
