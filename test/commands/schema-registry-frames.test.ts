// Values in Confluent Schema Registry's wire format (a 0 byte, a 4-byte schema id, then the payload): the JSON Schema
// serializer's were read as text starting with control characters, so every event had its topic's type, no ids,
// no time and no hops, in silence; Avro and Protobuf ones were shown as text when their bytes happened to be UTF-8.
// Run as subprocesses on recordings, as `record` writes such messages (text where the bytes are UTF-8, else base64).
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const start = Date.UTC(2026, 10, 20, 9);

/** The wire format: magic byte 0, the schema id as a big-endian int32, the payload. */
function framed(schemaId: number, payload: Buffer | string): Buffer {
	const frame = Buffer.alloc(5);
	frame.writeInt32BE(schemaId, 1);
	return Buffer.concat([frame, Buffer.from(payload)]);
}

/** Bytes as `record` writes a message's: UTF-8 as text, anything else base64. */
function written(bytes: Buffer): {text: string; base64: boolean} {
	const text = bytes.toString('utf8');
	return Buffer.from(text, 'utf8').equals(bytes) ? {text, base64: false} : {text: bytes.toString('base64'), base64: true};
}

/** A recording line holding these value and key bytes as `record` writes them. */
function line(topic: string, bytes: Buffer, at: number, keyBytes?: Buffer): string {
	const value = written(bytes);
	const key = keyBytes && written(keyBytes);
	return JSON.stringify({topic, value: value.text, timestamp: at, recordedAt: at + 5, key: key?.text, keyEncoding: key?.base64 ? 'base64' : undefined, valueEncoding: value.base64 ? 'base64' : 'text'});
}

type Recorded = {value: string; valueEncoding?: string; key?: string; keyEncoding?: string};

/** The bytes a recording line's value holds. */
function bytesOf(recorded: Recorded): Buffer {
	return Buffer.from(recorded.value, recorded.valueEncoding === 'base64' ? 'base64' : 'utf8');
}

/** The bytes a recording line's key holds. */
function keyBytesOf(recorded: Recorded): Buffer | undefined {
	return recorded.key === undefined ? undefined : Buffer.from(recorded.key, recorded.keyEncoding === 'base64' ? 'base64' : 'utf8');
}

// Avro of {orderId: "O-1", amount: 20}: a zigzag length and the string, then a zigzag long; UTF-8 by chance.
const avro = framed(9, Buffer.from([0x06, ...Buffer.from('O-1'), 0x28]));
// Protobuf: the message indexes (one byte 0: the first message of the schema), then field 1 = "O-1".
const protobuf = framed(3, Buffer.from([0x00, 0x0a, 0x03, ...Buffer.from('O-1')]));

/**
 * Orders and payments in the wire format (schema 7 and 300: a frame that is not UTF-8), then Avro and Protobuf. The
 * orders are keyed by their order id framed as JSON (schema 5): a JSON string, the last a JSON object; the Avro
 * value by an Avro key (schema 11).
 */
function messages(): Array<{topic: string; bytes: Buffer; key?: Buffer}> {
	const list: Array<{topic: string; bytes: Buffer; key?: Buffer}> = [];
	for (let i = 0; i < 5; i++) {
		const at = new Date(start + (i * 1000)).toISOString();
		const paid = new Date(start + (i * 1000) + 250).toISOString();
		list.push(
			{topic: 'orders', bytes: framed(7, `{"eventType":"OrderCreated","orderId":"O-${i}","customerId":"C-${i}","amount":${i === 3 ? 25_000 : 20},"createdAt":"${at}"}`), key: framed(5, i === 4 ? '{"orderId":"O-4"}' : `"O-${i}"`)},
			{topic: 'payments', bytes: framed(300, `{"eventType":"PaymentFailed","orderId":"O-${i}","note":"carte refusée","createdAt":"${paid}"}`)},
		);
	}

	list.push({topic: 'avro-orders', bytes: avro, key: framed(11, Buffer.from([0x06, ...Buffer.from('O-1')]))}, {topic: 'proto-orders', bytes: protobuf});
	return list;
}

/** The recording of messages(). */
function recording(): string {
	return `${messages().map((message, index) => line(message.topic, message.bytes, start + (index * 100), message.key)).join('\n')}\n`;
}

type Metrics = {events: number; topics: Record<string, {count: number; errors: number}>; edges: Record<string, {count: number; errors: number; p50: number}>; schemaRegistry: unknown};

describe('values in the Schema Registry wire format', () => {
	it('reads framed JSON as the event it carries, and says how many Avro/Protobuf values were not decoded', async () => {
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: recording()});
		expect(metrics.code, metrics.stderr).toBe(0);
		const figures = JSON.parse(metrics.stdout) as Metrics;
		expect(figures).toMatchObject({events: 12, topics: {orders: {count: 5, errors: 0}, payments: {count: 5, errors: 5}}});
		expect(figures.edges['orders->payments']).toMatchObject({count: 5, errors: 5, p50: 250});
		// Framed keys are counted too (they were not: the orders' five JSON keys and the Avro key went unsaid).
		expect(figures.schemaRegistry).toEqual({
			json: 10, notDecoded: 2, notDecodedSchemaIds: [3, 9], jsonTooDeep: 0,
			keys: {json: 5, notDecoded: 1, notDecodedSchemaIds: [11], jsonTooDeep: 0},
		});

		const text = await runCli(['metrics', '-'], {stdin: recording()});
		expect(text.stdout).toContain('schema registry: 2 values in Avro/Protobuf wire format (schema ids 3, 9): not decoded');
		expect(text.stdout).toContain(' · 1 key in Avro/Protobuf wire format (schema id 11): not decoded (no schema registry to read them with; kept as base64) · 5 JSON keys read');

		const flow = await runCli(['flow', 'analyze', '--id', 'O-2', '-', '--json'], {stdin: recording()});
		expect(flow.code, flow.stderr).toBe(0);
		expect((JSON.parse(flow.stdout) as {events: Array<{type: string}>}).events.map(event => event.type)).toEqual(['OrderCreated', 'PaymentFailed']);

		const alerts = await runCli(['alerts', '-', '--json'], {stdin: recording()});
		// Each order's payment failed: the sagas' rule sees the steps, which it cannot without their types and ids.
		expect(alerts.stdout).toContain('"rule":"saga.failed"');

		// The store's byte scan reads the JSON after the frame.
		const grouped = await runCli(['query', '-', '--group-by', 'customerId', '--sum', 'amount', '--where', 'topic:orders', '--json'], {stdin: recording()});
		expect(grouped.code, grouped.stderr).toBe(0);
		expect((JSON.parse(grouped.stdout) as {groups: Record<string, {sum: number}>}).groups['C-3']).toMatchObject({count: 1, sum: 25_000});

		// Framed keys: a JSON string is its text, as an unframed key of the same order is; other JSON is its text.
		const keys = await runCli(['query', '-', '--group-by', 'key', '--where', 'topic:orders', '--json'], {stdin: recording()});
		expect(Object.keys((JSON.parse(keys.stdout) as {groups: Record<string, unknown>}).groups).sort()).toEqual(['O-0', 'O-1', 'O-2', 'O-3', '{"orderId":"O-4"}']);
		const byKey = await runCli(['query', '-', '--group-by', 'type', '--where', 'key:O-2', '--json'], {stdin: recording()});
		expect(JSON.parse(byKey.stdout)).toMatchObject({matched: 1, groups: {OrderCreated: {count: 1}}});
	});

	it('shows the schema id and the encoding where the value is shown', async () => {
		const audit = await runCli(['audit', 'query', '--id', 'O-1', '-', '--format', 'json', '--show-pii'], {stdin: recording()});
		expect(audit.code, audit.stderr).toBe(0);
		const chain = (JSON.parse(audit.stdout) as {chain: Array<Record<string, unknown>>}).chain;
		expect(chain[0]).toMatchObject({type: 'OrderCreated', valueEncoding: 'schema-registry-json', schemaId: 7, value: {orderId: 'O-1'}});
		expect(chain[1]).toMatchObject({type: 'PaymentFailed', valueEncoding: 'schema-registry-json', schemaId: 300, value: {note: 'carte refusée'}});
	});

	it('records every value byte for byte, and again the same', async () => {
		const sent = messages().map(message => message.bytes.toString('hex'));
		const first = await runCli(['record', '-', '-o', '-'], {stdin: recording()});
		expect(first.code, first.stderr).toBe(0);
		const lines = first.stdout.trim().split('\n').slice(1);
		const parsed = lines.map(text => JSON.parse(text) as Recorded);
		expect(parsed.map(recorded => bytesOf(recorded).toString('hex'))).toEqual(sent);
		expect(parsed.map(recorded => keyBytesOf(recorded)?.toString('hex'))).toEqual(messages().map(message => message.key?.toString('hex')));
		// The Avro key too is base64, its bytes UTF-8 or not.
		expect(parsed.at(-2)).toMatchObject({keyEncoding: 'base64'});
		// Avro and Protobuf are base64, even the Avro whose bytes are UTF-8: never shown as text.
		expect(parsed.slice(-2).map(recorded => recorded.valueEncoding)).toEqual(['base64', 'base64']);
		const second = await runCli(['record', '-', '-o', '-'], {stdin: first.stdout});
		expect(second.stdout.trim().split('\n').slice(1)).toEqual(lines);
	});

	it('leaves values that merely start with a NUL byte as they were', async () => {
		const values = [
			Buffer.from('\u0000hello'),
			// Schema id 0: no registry hands it out.
			framed(0, '{"eventType":"OrderCreated","orderId":"O-9"}'),
			// A second byte that is not 0: an id of 2^24 or more.
			Buffer.from('\u0000abcd{"orderId":"O-9"}'),
			Buffer.from([0, 0, 0, 1]),
		];
		const input = `${values.map((bytes, index) => line('notes', bytes, start + index)).join('\n')}\n`;
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: input});
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 4, edges: {}, schemaRegistry: {json: 0, notDecoded: 0}});
		const recorded = await runCli(['record', '-', '-o', '-'], {stdin: input});
		expect(recorded.stdout.trim().split('\n').slice(1).map(text => JSON.parse(text) as {value: string; valueEncoding?: string}).map(bytesOf)).toEqual(values);
		const audit = await runCli(['audit', 'query', '--id', 'O-9', '-', '--format', 'json'], {stdin: input});
		expect(audit.code).not.toBe(0);
	});

	it('says framed JSON nested too deep to read is JSON, not Avro or Protobuf, and keeps its bytes', async () => {
		const deep = framed(7, `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`);
		const input = `${line('orders', deep, start, framed(5, `${'['.repeat(70)}${']'.repeat(70)}`))}\n`;
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: input});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect((JSON.parse(metrics.stdout) as Metrics).schemaRegistry).toEqual({
			json: 0, notDecoded: 0, notDecodedSchemaIds: [], jsonTooDeep: 1,
			keys: {json: 0, notDecoded: 0, notDecodedSchemaIds: [], jsonTooDeep: 1},
		});
		const text = await runCli(['metrics', '-'], {stdin: input});
		expect(text.stdout).toContain('schema registry: 1 JSON value nested deeper than 64 levels: not read (kept as base64) · 1 JSON key nested deeper than 64 levels');
		expect(text.stdout).not.toContain('Avro');
		const recorded = await runCli(['record', '-', '-o', '-'], {stdin: input});
		expect(bytesOf(JSON.parse(recorded.stdout.trim().split('\n')[1]!) as Recorded)).toEqual(deep);
	});

	it('reads a kcat dump of framed JSON the same way', async () => {
		const payload = framed(7, JSON.stringify({orderId: 'O-1', eventType: 'PaymentFailed', timestamp: start})).toString('utf8');
		const kcat = `${JSON.stringify({topic: 'payments', partition: 0, offset: 4, tstype: 'create', ts: start + 40, broker: 1, key: 'O-1', payload})}\n`;
		const metrics = await runCli(['metrics', '-', '--json'], {stdin: kcat});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 1, topics: {payments: {count: 1, errors: 1}}, schemaRegistry: {json: 1}});
	});
});
