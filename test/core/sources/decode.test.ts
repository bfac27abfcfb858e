import {describe, expect, it} from 'vitest';
import {bytesToText, decodeBytes, decodeHeaders, decodeStreamFields} from '../../../source/core/sources/decode.js';
import {maxValueDepth} from '../../../source/core/json-text.js';

describe('decodeBytes', () => {
	it.each([
		['{"a":1}', {value: {a: 1}, valueEncoding: 'json', valueText: {text: '{"a":1}'}}],
		[' [1, "x"] ', {value: [1, 'x'], valueEncoding: 'json', valueText: {text: ' [1, "x"] '}}],
		['42', {value: 42, valueEncoding: 'json', valueText: {text: '42'}}],
		['true', {value: true, valueEncoding: 'json', valueText: {text: 'true'}}],
		['"quoted"', {value: 'quoted', valueEncoding: 'json', valueText: {text: '"quoted"'}}],
		['hello, world', {value: 'hello, world', valueEncoding: 'text'}],
		['{not json', {value: '{not json', valueEncoding: 'text'}],
		['', {value: '', valueEncoding: 'text'}],
		['héllo ✓', {value: 'héllo ✓', valueEncoding: 'text'}],
	])('%j', (text, decoded) => {
		expect(decodeBytes(Buffer.from(text, 'utf8'))).toEqual(decoded);
	});

	it('keeps bytes that are not UTF-8 as base64, byte-exact', () => {
		const bytes = Buffer.from([0x08, 0x96, 0x01, 0xff, 0xc3, 0x28]);
		const decoded = decodeBytes(bytes);
		expect(decoded.valueEncoding).toBe('base64');
		expect(Buffer.from(decoded.value as string, 'base64').equals(bytes)).toBe(true);
	});

	it('keeps a null value (tombstone) as JSON null', () => {
		expect(decodeBytes(null)).toEqual({value: null, valueEncoding: 'json'});
	});
});

describe('bytesToText', () => {
	it('gives UTF-8 text, or base64 for other bytes', () => {
		expect(bytesToText(Buffer.from('key-1'))).toBe('key-1');
		expect(bytesToText('as is')).toBe('as is');
		expect(bytesToText(Buffer.from([0xff]))).toBe('/w==');
	});
});

describe('decodeStreamFields', () => {
	const fields = (...pairs: Array<string | Buffer>) => pairs.map(item => typeof item === 'string' ? Buffer.from(item) : item);

	it('makes an object of the fields, parsing JSON objects and arrays, keeping scalars as strings', () => {
		expect(decodeStreamFields(fields('type', 'CheckoutStarted', 'checkout_id', '00123', 'data', '{"total":10}', 'tags', '[1]', 'bad', '{x'))).toEqual({
			value: {type: 'CheckoutStarted', checkout_id: '00123', data: {total: 10}, tags: [1], bad: '{x'},
			valueEncoding: 'json',
			valueText: {text: '{"type":"CheckoutStarted","checkout_id":"00123","data":{"total":10},"tags":[1],"bad":"{x"}'},
		});
	});

	it('gives the entry as JSON text with each parsed field as it was sent (146.0, 20-digit integers, repeated keys)', () => {
		const data = '{"amount":146.0,"id":12345678901234567890,"k":1,"k":2}';
		const {value, valueText} = decodeStreamFields(fields('type', 'Paid', 'data', data));
		expect(valueText).toEqual({text: `{"type":"Paid","data":${data}}`});
		expect(JSON.parse(valueText!.text)).toEqual(value);
	});

	it('keeps a field nesting deeper than the bound as its string, which nothing then walks', () => {
		const deep = `${'['.repeat(maxValueDepth)}${']'.repeat(maxValueDepth)}`;
		const shallow = `${'['.repeat(maxValueDepth - 1)}${']'.repeat(maxValueDepth - 1)}`;
		const {value} = decodeStreamFields(fields('deep', deep, 'shallow', shallow));
		expect((value as {deep: unknown}).deep).toBe(deep);
		expect(typeof (value as {shallow: unknown}).shallow).toBe('object');
	});

	it('turns every field value into base64 when any field is binary', () => {
		const blob = Buffer.from([0xff, 0x00]);
		expect(decodeStreamFields(fields('type', 'Blob', 'payload', blob))).toEqual({
			value: {type: Buffer.from('Blob').toString('base64'), payload: blob.toString('base64')},
			valueEncoding: 'base64',
		});
	});

	it('makes a field named more than once the array of its values, in order, where its first value stands', () => {
		const {value, valueText} = decodeStreamFields(fields('tag', 'a', 'n', '1', 'tag', '{"x":146.0}', 'tag', 'a'));
		expect(value).toEqual({tag: ['a', {x: 146}, 'a'], n: '1'});
		expect(valueText).toEqual({text: '{"tag":["a",{"x":146.0},"a"],"n":"1"}'});
		expect(decodeStreamFields(fields('__proto__', 'a', '__proto__', 'b')).value).toEqual(Object.defineProperty({}, '__proto__', {value: ['a', 'b'], enumerable: true}));
		expect(decodeStreamFields(fields('tag', 'a', 'tag', Buffer.from([0xff])))).toEqual({value: {tag: ['YQ==', '/w==']}, valueEncoding: 'base64'});
	});

	it('keeps a repeated field\'s value as its string when, inside the field\'s array, it would nest deeper than the bound', () => {
		const fits = `${'['.repeat(maxValueDepth - 2)}${']'.repeat(maxValueDepth - 2)}`;
		const tooDeep = `${'['.repeat(maxValueDepth - 1)}${']'.repeat(maxValueDepth - 1)}`;
		const {value} = decodeStreamFields(fields('deep', tooDeep, 'deep', fits, 'alone', tooDeep));
		const [deep, shallow] = (value as {deep: unknown[]}).deep;
		expect(deep).toBe(tooDeep);
		expect(typeof shallow).toBe('object');
		expect(typeof (value as {alone: unknown}).alone).toBe('object');
	});

	it('keeps a field named __proto__ as an own field', () => {
		const {value} = decodeStreamFields(fields('__proto__', '{"polluted":true}'));
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
		expect(Object.keys(value as object)).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

describe('decodeHeaders', () => {
	it('keeps a repeated header in order and marks a header with binary bytes, all its values base64', () => {
		const binary = Buffer.from([0xde, 0xad, 0xbe, 0xef]);
		// Kafka gives every value as bytes: a UTF-8 one beside a binary one is base64 too (`a` is YQ==).
		expect(decodeHeaders({hop: [Buffer.from('a'), 'b', Buffer.from('a')], sig: binary, mixed: ['t', binary], bytes: [Buffer.from('a'), binary], gone: undefined})).toEqual({
			headers: {hop: ['a', 'b', 'a'], sig: '3q2+7w==', mixed: [Buffer.from('t').toString('base64'), '3q2+7w=='], bytes: ['YQ==', '3q2+7w==']},
			headersEncoding: {sig: 'base64', mixed: 'base64', bytes: 'base64'},
		});
		expect(decodeHeaders({})).toEqual({headers: undefined, headersEncoding: undefined});
	});

	it('keeps a header without a value as null, alone or in a repeated header, and never as base64', () => {
		const binary = Buffer.from([0xff, 0x00]);
		expect(decodeHeaders({deleted: null, hop: [Buffer.from('a'), null], sig: [binary, null], empty: Buffer.alloc(0)})).toEqual({
			headers: {deleted: null, hop: ['a', null], sig: ['/wA=', null], empty: ''},
			headersEncoding: {sig: 'base64'},
		});
	});
});
