// Reading the digits of a large integer id again from its JSON text, at the place normalization found it.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../source/core/config.js';
import {normalize} from '../../source/core/envelope.js';
import {exactInteger, exactPathText, findExactString, integerDigits, isInexactInteger} from '../../source/core/exact-integer.js';

describe('exactInteger', () => {
	it('reads the field at its place: the top level or a container, the last of repeated names', () => {
		const text = '{"order_id" :  9007199254740993 , "data": {"order_id": 9007199254740992}, "items": [{"order_id": 9007199254740994}]}';
		expect(exactInteger({text}, ['order_id'])).toBe('9007199254740993');
		expect(exactInteger({text}, ['data', 'order_id'])).toBe('9007199254740992');
		expect(exactInteger({text: '{"order_id": 9007199254740993, "order_id": 9007199254740995}'}, ['order_id'])).toBe('9007199254740995');
	});

	it('reads inside a recording line\'s value member, and names with characters special to JSON', () => {
		const text = '{"topic":"t","order_id":1,"value":{"say \\"id\\"":-9007199254740993}}';
		expect(exactInteger({text, member: 'value'}, ['say "id"'])).toBe('-9007199254740993');
	});

	it('reads an array\'s element by its index, blanks and nested values skipped', () => {
		const text = '{"items": [ {"n": [1, 2]} , "x,]", 9007199254740993 ], "last": [[9007199254740995]]}';
		expect(exactInteger({text}, ['items', 2])).toBe('9007199254740993');
		expect(exactInteger({text}, ['last', 0, 0])).toBe('9007199254740995');
		expect(exactInteger({text}, ['items', 3])).toBeUndefined();
		expect(exactInteger({text}, ['items', 'n'])).toBeUndefined();
		expect(exactInteger({text: '{"items": []}'}, ['items', 0])).toBeUndefined();
	});

	it('gives nothing for a text, a fraction, an absent field or text it cannot follow', () => {
		expect(exactInteger({text: '{"order_id":"9007199254740993"}'}, ['order_id'])).toBeUndefined();
		expect(exactInteger({text: '{"order_id":9007199254740993.5}'}, ['order_id'])).toBeUndefined();
		expect(exactInteger({text: '{"other":9007199254740993}'}, ['order_id'])).toBeUndefined();
		expect(exactInteger({text: '{"order_id":9007199254740993'}, ['order_id'])).toBeUndefined();
	});
});

describe('a 64-bit id in a change\'s row', () => {
	const containers = defaultConfig.fields.containers;
	const event = (text: string) => ({value: JSON.parse(text) as unknown, headers: {}, valueText: {text}, valueEncoding: 'json' as const});

	it('keeps its digits at the row the look-up took: the new one, the old one only after a delete, wrapped or not', () => {
		const updated = '{"payload": {"before": {"order_id": 9007199254740993}, "after": {"order_id": 9007199254740995}, "op": "u", "source": {"table": "t"}}}';
		expect(findExactString(event(updated), ['order_id'], containers)).toBe('9007199254740995');
		expect(exactPathText(9_007_199_254_740_996, event(updated), ['order_id'], containers)).toBe('9007199254740995');
		const deleted = '{"before": {"order_id": 9007199254740993}, "after": null, "op": "d", "source": {"table": "t"}}';
		expect(findExactString(event(deleted), ['order_id'], containers)).toBe('9007199254740993');
		// The new row holds the id as text; the old row's number is not where the look-up found it.
		const retyped = '{"before": {"order_id": 9007199254740993}, "after": {"order_id": "9007199254740997"}, "op": "u", "source": {"table": "t"}}';
		expect(findExactString(event(retyped), ['order_id'], containers)).toBe('9007199254740997');
		// The new row lacks the id: the old row is no place of it, a later container is.
		const elsewhere = '{"after": {"x": 1}, "before": {"order_id": 9007199254740993}, "payload": {"after": {"order_id": 9007199254740995}}}';
		expect(findExactString(event(elsewhere), ['order_id'], containers)).toBe('9007199254740995');
		expect(normalize({source: 'k', ...event(deleted)}, defaultConfig.fields).ids).toEqual(['9007199254740993']);
		expect(normalize({source: 'k', ...event(`{"schema": {}, "payload": ${updated.slice(12, -1)}}`)}, defaultConfig.fields).ids).toEqual(['9007199254740995']);
	});
});

describe('integerDigits', () => {
	it('writes the integer of any JSON number literal in plain digits', () => {
		expect(integerDigits('9007199254740993')).toBe('9007199254740993');
		expect(integerDigits('9.007199254740993e15')).toBe('9007199254740993');
		expect(integerDigits('9007199254740993.000')).toBe('9007199254740993');
		expect(integerDigits('1E21')).toBe('1000000000000000000000');
		expect(integerDigits('-12.5e1')).toBe('-125');
		expect(integerDigits('123456e-3')).toBeUndefined();
		expect(integerDigits('0.0e5')).toBe('0');
		expect(integerDigits('1e999')).toBeUndefined();
	});
});

describe('isInexactInteger', () => {
	it('is true for integers a double cannot hold exactly, only', () => {
		expect(isInexactInteger(2 ** 53)).toBe(true);
		expect(isInexactInteger(1e21)).toBe(true);
		expect(isInexactInteger(2 ** 53 - 1)).toBe(false);
		expect(isInexactInteger(1.5)).toBe(false);
		expect(isInexactInteger('9007199254740993')).toBe(false);
	});
});
