// Reading the digits of a large integer id again from its JSON text: only where exactly one literal can be meant.
import {describe, expect, it} from 'vitest';
import {integerLiteral, isInexactInteger} from '../../source/core/exact-integer.js';

describe('integerLiteral', () => {
	// What JSON.parse makes of 9007199254740993 (and of …992): the nearest double.
	const big = 2 ** 53;

	it('finds the literal of the field, in containers and with spaces, not a float or another field', () => {
		expect(integerLiteral('{"data": {"order_id" :  9007199254740993 }}', 'order_id', big)).toBe('9007199254740993');
		expect(integerLiteral('{"order_id":9007199254740993.0}', 'order_id', big)).toBeUndefined();
		expect(integerLiteral('{"order_id":9007199254740993e0}', 'order_id', big)).toBeUndefined();
		expect(integerLiteral('{"xorder_id":1,"parent_id":9007199254740993}', 'order_id', big)).toBeUndefined();
		expect(integerLiteral('{"order_id":-9007199254740993}', 'order_id', -big)).toBe('-9007199254740993');
	});

	it('gives nothing when two different literals of the field read as the same number', () => {
		const text = '{"order_id":9007199254740993,"data":{"order_id":9007199254740992}}';
		expect(integerLiteral(text, 'order_id', big)).toBeUndefined();
		expect(integerLiteral('{"order_id":9007199254740993,"data":{"order_id":9007199254740993}}', 'order_id', big)).toBe('9007199254740993');
	});

	it('reads names with characters special to patterns or to JSON', () => {
		expect(integerLiteral('{"a.b(c)":9007199254740993}', 'a.b(c)', big)).toBe('9007199254740993');
		expect(integerLiteral('{"say \\"id\\"":9007199254740993}', 'say "id"', big)).toBe('9007199254740993');
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
