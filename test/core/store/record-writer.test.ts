// The record writer must store what msgpackr would have: every record it writes decodes (msgpackr, and the raw
// reader of whole-store folds) to the record msgpackr writes for the same event, hostile text and odd numbers included.
import {afterEach, describe, expect, it} from 'vitest';
import type {Envelope} from '../../../source/core/envelope.js';
import {openDatabases, type Databases} from '../../../source/core/store/databases.js';
import {RawRecord, recordField} from '../../../source/core/store/raw-record.js';
import {RecordWriter} from '../../../source/core/store/record-writer.js';
import {random, randomEvents} from '../queries/random-events.js';
import {envelope, tempDirectory} from './helpers.js';

const opened: Databases[] = [];
afterEach(async () => {
	for (const dbs of opened.splice(0)) await dbs.root.close();
});

function databases(): Databases {
	const dbs = openDatabases(tempDirectory());
	opened.push(dbs);
	return dbs;
}

/** A decoded record with -0 and NaN spelled out, so that equality sees them. */
function comparable(record: unknown): unknown {
	return JSON.parse(JSON.stringify(record, (_key, value: unknown) => {
		if (typeof value === 'number' && (Object.is(value, -0) || !Number.isFinite(value))) return `number:${Object.is(value, -0) ? '-0' : String(value)}`;
		if (value === undefined) return 'undefined';
		if (typeof value === 'symbol') return String(value);
		return value;
	})) as unknown;
}

const lone = '\uD800';
const wide = 'é'.repeat(31);
const texts = ['', 'a', 'x'.repeat(31), 'x'.repeat(32), wide, `${wide}é`, 'ü'.repeat(100), 'y'.repeat(255), 'y'.repeat(256), 'z'.repeat(70_000), '😀'.repeat(20), 'tab\tnul\u0000', `id${lone}`, `${lone}`, '\uDC00x'];
const numbers = [0, -0, 1, 127, 128, 255, 256, 65_535, 65_536, 2 ** 31, 2 ** 32 - 1, 2 ** 32, -1, -32, -33, -(2 ** 31), -(2 ** 31) - 1, 0.5, -1.25, 1_700_000_000_123, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY];

/** Events with every text in every text field and every number in every number field, in turn. */
function hostileEvents(): Envelope[] {
	const events: Envelope[] = [];
	for (const [index, text] of texts.entries()) {
		const number = numbers[index % numbers.length]!;
		events.push(
			envelope({
				source: text,
				topic: index % 3 === 0 ? undefined : text,
				key: index % 2 === 0 ? undefined : text,
				offset: index % 4 === 0 ? undefined : text,
				type: text,
				eventId: text,
				ids: index % 5 === 0 ? [] : Array.from({length: index + 1}, (_, i) => `${text}-${i}`),
				headers: index % 2 === 0 ? {[text]: text, list: [text, 'b'], 'x-trace': 'abc'} : Object.fromEntries(Array.from({length: 17}, (_, i) => [`h${i}`, text])),
				partition: number,
				timestamp: index % 6 === 0 ? undefined : number,
				receivedAt: number,
				deliveryMs: index % 2 === 0 ? undefined : number,
				txId: index * 1000,
				duplicate: index % 2 === 0,
				status: index % 3 === 0 ? 'error' : 'ok',
				value: {text},
				valueText: index % 2 === 0 ? {text: JSON.stringify({text})} : {text: JSON.stringify({value: {text}}), member: 'value'},
			}),
		);
	}

	for (const number of numbers) events.push(envelope({partition: number, timestamp: number, receivedAt: number, deliveryMs: number, txId: number, valueText: {text: '{}'}, value: {}}));
	// Live messages carry their origin (written by the writer after two absent encodings), text or object values.
	events.push(
		envelope({origin: 'east-1:9092,east-2:9092', valueText: {text: '{"a":1}'}, value: {a: 1}}),
		envelope({origin: '127.0.0.1:6379/3', value: {a: 1}}),
		envelope({origin: 'bad \uD800 origin', valueText: {text: '{}'}, value: {}}),
	);
	// What the writer hands to msgpackr: binary encodings, headers holding other than text, values kept as objects.
	events.push(
		envelope({key: 'AAEC', keyEncoding: 'base64', valueText: {text: '{}'}, value: {}}),
		envelope({headers: {bin: 'AAE='}, headersEncoding: {bin: 'base64'}, valueText: {text: '{}'}, value: {}}),
		envelope({headers: {odd: 5 as unknown as string}, valueText: {text: '{}'}, value: {}}),
		envelope({headers: {deleted: null, hop: [null, `x${lone}`]}, valueText: {text: '{}'}, value: {}}),
		envelope({headers: undefined as unknown as Record<string, string>, valueText: {text: '{}'}, value: {}}),
		envelope({headers: ['a'] as unknown as Record<string, string>, valueText: {text: '{}'}, value: {}}),
		envelope({value: {nested: [1, {a: 'b'}]}, valueEncoding: 'avro'}),
	);
	return events;
}

describe('the record writer', () => {
	it('writes records that decode as msgpackr\'s do, back to back in one buffer', () => {
		const dbs = databases();
		const writer = new RecordWriter(event => dbs.encodeEvent(event));
		const events = [...hostileEvents(), ...randomEvents(random(7), 2_000)];
		writer.reset();
		const ends = events.map(event => writer.write(event));
		const raw = new RawRecord();
		let start = 0;
		for (const [index, event] of events.entries()) {
			const bytes = writer.bytes.subarray(start, ends[index]);
			const expected = dbs.encodeEvent(event);
			expect(comparable(dbs.events.decoder.decode(bytes)), `event ${index}`).toEqual(comparable(dbs.events.decoder.decode(expected)));
			expect(raw.load(bytes), `event ${index}`).toBe(true);
			const reference = new RawRecord();
			expect(reference.load(expected)).toBe(true);
			for (const field of Object.values(recordField)) expect(comparable(raw.scalar(field)), `event ${index} field ${field}`).toEqual(comparable(reference.scalar(field)));
			start = ends[index]!;
		}
	});

	it('writes a header without a value as nil itself, alone or in a repeated header, and the raw reader reads it as null', () => {
		const dbs = databases();
		const writer = new RecordWriter(() => {
			throw new Error('handed to msgpackr');
		});
		const headers = {deleted: null, hop: ['a', null, 'b'], trace: 't-1'};
		const event = envelope({headers, valueText: {text: '{}'}, value: {}});
		writer.reset();
		const bytes = writer.bytes.subarray(0, writer.write(event));
		expect(comparable(dbs.events.decoder.decode(bytes))).toEqual(comparable(dbs.events.decoder.decode(dbs.encodeEvent(event))));
		const raw = new RawRecord();
		expect(raw.load(bytes)).toBe(true);
		expect(raw.headers(recordField.headers)).toEqual(headers);
	});

	it('keeps what it wrote when its buffer grows, starts over at reset, and lets a buffer grown very large go', () => {
		const dbs = databases();
		const writer = new RecordWriter(event => dbs.encodeEvent(event));
		const startLength = writer.bytes.length;
		const big = envelope({valueText: {text: JSON.stringify({blob: 'q'.repeat(2 * startLength)})}, value: {}});
		const small = envelope({eventId: 'first', valueText: {text: '{"a":1}'}, value: {a: 1}});
		writer.reset();
		const first = writer.write(small);
		const second = writer.write(big);
		expect(writer.bytes.length).toBeGreaterThan(startLength);
		expect(dbs.events.decoder.decode(writer.bytes.subarray(0, first))).toEqual(dbs.events.decoder.decode(dbs.encodeEvent(small)));
		expect(dbs.events.decoder.decode(writer.bytes.subarray(first, second))).toEqual(dbs.events.decoder.decode(dbs.encodeEvent(big)));
		writer.reset();
		expect(writer.end).toBe(0);
		expect(writer.write(small)).toBe(first);
		// A batch of large events grows the buffer past 16 MB: the next batch starts with a small one again.
		writer.write(envelope({valueText: {text: JSON.stringify({blob: 'q'.repeat(17 << 20)})}, value: {}}));
		writer.reset();
		expect(writer.bytes.length).toBe(startLength);
	});
});
