// Redis stream names that are not UTF-8: shown as their text with `\xNN` for each byte outside a UTF-8 character.
import {describe, expect, it} from 'vitest';
import {sameKey, streamName} from '../../../source/core/sources/redis/stream-name.js';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map(part => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));

describe('streamName', () => {
	it('is the text of a UTF-8 name, characters of every length included', () => {
		expect(streamName(bytes('orders:é€😀'))).toBe('orders:é€😀');
	});

	it('writes each byte outside a UTF-8 character as \\xNN, keeping the characters around it', () => {
		expect(streamName(bytes('a', [0xff], 'b'))).toBe('a\\xffb');
		// A lead byte without its continuation, an overlong form, a surrogate, a character cut at the end.
		expect(streamName(bytes([0xc3], 'é'))).toBe('\\xc3é');
		expect(streamName(bytes([0xc0, 0x80]))).toBe('\\xc0\\x80');
		expect(streamName(bytes([0xed, 0xa0, 0x80], 'x'))).toBe('\\xed\\xa0\\x80x');
		expect(streamName(bytes('€', [0xe2, 0x82]))).toBe('€\\xe2\\x82');
	});
});

describe('sameKey', () => {
	it('compares bytes, whether a key is text or bytes', () => {
		expect(sameKey('a\\xff', bytes('a\\xff'))).toBe(true);
		expect(sameKey('a\\xff', bytes('a', [0xff]))).toBe(false);
	});
});
