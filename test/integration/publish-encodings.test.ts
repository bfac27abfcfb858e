// `check` publishing a recording line whose key, header or value is not UTF-8 (recording-format.md: base64, named by
// keyEncoding, headersEncoding, valueEncoding) sends those bytes, not their base64 text: read back from a real
// Kafka broker and a real Redis, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {parseScenarios} from '../../source/core/check/scenario-file.js';
import {openStepPublisher, publishStep} from '../../source/core/check/publish.js';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisForTestFile, redisSkipReason} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-publish-encodings-');
const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41]);
const b64 = binary.toString('base64');

/** Publish the lines of a publish file to `url` the way `check` does: the scenario file read, then its publish step. */
async function publishLines(url: string, lines: object[]): Promise<void> {
	fs.writeFileSync(path.join(temp.path, 'events.jsonl'), lines.map(line => JSON.stringify(line)).join('\n'));
	const [scenario] = parseScenarios('scenarios:\n  - name: binary\n    publish:\n      file: events.jsonl\n    expect:\n      - never: a\n', 'binary.yaml', temp.path, defaultConfig.fields.containers);
	const publisher = await openStepPublisher(scenario!.publish!, url, defaultConfig.fields);
	try {
		await publishStep(scenario!.publish!, publisher, defaultConfig.fields);
	} finally {
		await publisher.close();
	}
}

describe.skipIf(kafkaSkipReason())('check publishing binary keys, headers and values to Kafka', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('sends the bytes a base64 key, header (repeated, with a null) and value stand for', async () => {
		const topic = uniqueName('it-binary');
		await publishLines(`kafka://${broker.bootstrap}`, [
			{topic, key: b64, keyEncoding: 'base64', value: b64, valueEncoding: 'base64', headers: {bin: b64, hop: [b64, null], plain: 'text'}, headersEncoding: {bin: 'base64', hop: 'base64'}},
		]);
		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		await reader.waitFor(1);
		await reader.close();
		// The source gives bytes that are not UTF-8 as base64 and says so: the same text means the same bytes.
		expect(reader.events[0]).toMatchObject({
			key: b64, keyEncoding: 'base64', value: b64, valueEncoding: 'base64',
			headers: {bin: b64, hop: [b64, null], plain: 'text'}, headersEncoding: {bin: 'base64', hop: 'base64'},
		});
	}, limit(60_000));
});

describe.skipIf(redisSkipReason())('check publishing a binary entry to Redis', () => {
	let server: {url: string; stop(): Promise<void>};
	let client: Redis;
	const stream = uniqueName('it-binary');
	beforeAll(async () => {
		server = await redisForTestFile();
		client = new Redis(server.url);
	});
	afterAll(async () => {
		await client?.del(stream);
		client?.disconnect();
		await server?.stop();
	});

	it('writes each field of a base64 entry as its bytes, a repeated field once per value', async () => {
		const other = Buffer.from('{"orderId":"ORD-1"}');
		await publishLines(server.url, [{topic: stream, value: {blob: b64, tag: [b64, other.toString('base64')]}, valueEncoding: 'base64'}]);
		const [[, fields]] = await client.xrangeBuffer(stream, '-', '+') as Array<[Buffer, Buffer[]]>;
		expect(fields.map(field => field.toString('hex'))).toEqual([Buffer.from('blob'), binary, Buffer.from('tag'), binary, Buffer.from('tag'), other].map(field => field.toString('hex')));
	}, limit(60_000));
});
