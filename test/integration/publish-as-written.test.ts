// `pubsub-tools check` publishing a publish file sends each JSON value as the line writes it, not as JSON.stringify
// writes the parsed value: `146.0` stays `146.0`, a 20-digit integer keeps its digits, spacing and exponents stay, JSON
// spread over lines keeps its line breaks. The CLI runs as a subprocess; what Kafka and Redis hold is read back.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {kafkaSource} from '../../source/core/sources/kafka/source.js';
import {runCli} from '../support/cli.js';
import {kafkaForTestFile, kafkaSkipReason} from '../support/kafka.js';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {Reader, uniqueName} from './reader.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-publish-as-written-');

/** The values the publish file writes, each as its exact text (`{{run}}` filled when sent). */
const objectValue = '{"orderId": "ORD-{{run}}-1", "amount":146.0, "id":12345678901234567890, "rate": 1E2, "items": [ {"qty":2.50} ]}';
const listValue = '[146.0, 12345678901234567890]';
/** JSON spread over lines, which a recording line holds as a string (valueEncoding text): sent as that JSON text. */
const spreadValue = '{\n  "amount": 146.0\n}';

/** `text` with `{{run}}` standing for any run tag, as a pattern. */
function sentPattern(text: string): RegExp {
	return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('\\{\\{run\\}\\}', '[0-9A-Z]{8}')}$`);
}

/** Run `check` on a scenario publishing the values to `topic` through the publish file, watching `source`. */
async function checkPublishing(topic: string, source: string): Promise<void> {
	const lines = [objectValue, listValue].map(value => `{"topic": "${topic}", "value": ${value}}`);
	lines.push(JSON.stringify({topic, value: spreadValue, valueEncoding: 'text'}));
	fs.writeFileSync(path.join(temp.path, 'events.jsonl'), lines.join('\n'));
	fs.writeFileSync(path.join(temp.path, 'as-written.yaml'), 'scenarios:\n  - name: as written\n    within: 1s\n    scope: all\n    publish:\n      file: events.jsonl\n    expect:\n      - never: "topic:nothing-here"\n');
	const result = await runCli(['check', 'as-written.yaml', '--source', source], {cwd: temp.path});
	expect(result.stderr).toBe('');
	expect(result.code).toBe(0);
}

describe.skipIf(kafkaSkipReason())('check publishing JSON values to Kafka', () => {
	let broker: {bootstrap: string; stop(): Promise<void>};
	beforeAll(async () => {
		broker = await kafkaForTestFile();
	});
	afterAll(async () => broker?.stop());

	it('sends each value\'s text as the line writes it', async () => {
		const topic = uniqueName('it-as-written');
		await checkPublishing(topic, `kafka://${broker.bootstrap}?topics=${topic}`);
		const reader = new Reader(kafkaSource(`kafka://${broker.bootstrap}?topics=${topic}`, {from: 'earliest'}));
		await reader.waitFor(3);
		await reader.close();
		// One key per transaction: the object may land on another partition than the others; match each by its text.
		const texts = reader.events.map(event => event.valueText?.text ?? '').sort();
		expect(texts).toEqual([listValue, spreadValue, expect.stringMatching(sentPattern(objectValue)) as string]);
	}, limit(120_000));
});

describe.skipIf(redisSkipReason())('check publishing JSON values to Redis', () => {
	const redis = useRedis();

	it('writes each field, and a value that is not an object, as the line writes it', async () => {
		const stream = uniqueName('it-as-written');
		await checkPublishing(stream, `${redis.url}?streams=${stream}`);
		const entries = await redis.client.xrange(stream, '-', '+');
		expect(entries.map(([, fields]) => fields)).toEqual([
			['orderId', expect.stringMatching(/^ORD-[0-9A-Z]{8}-1$/) as string, 'amount', '146.0', 'id', '12345678901234567890', 'rate', '1E2', 'items', '[ {"qty":2.50} ]'],
			['data', listValue],
			['amount', '146.0'],
		]);
	}, limit(60_000));
});
