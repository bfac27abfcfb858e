// Scans of JSON text without recursion: depth, and the exact text of an object's members.
import {describe, expect, it} from 'vitest';
import {memberText, nestsDeeperThan, objectMembers} from '../../source/core/json-text.js';

describe('nestsDeeperThan', () => {
	it('counts nesting, not brackets: brackets inside strings and siblings do not add depth', () => {
		expect(nestsDeeperThan('[[[]]]', 3)).toBe(false);
		expect(nestsDeeperThan('[[[[]]]]', 3)).toBe(true);
		expect(nestsDeeperThan('[[],[],[],[],[]]', 2)).toBe(false);
		expect(nestsDeeperThan('{"a":"[[[[[[\\"[[[[","b":{}}', 2)).toBe(false);
	});

	it('measures a million levels without overflowing the stack', () => {
		expect(nestsDeeperThan(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`, 64)).toBe(true);
	});
});

describe('objectMembers and memberText', () => {
	it('give each member value exactly as written: numbers, white space inside, escaped names', () => {
		const text = ' { "value" : 146.0 , "big":12345678901234567890,"s":"a\\"}b" ,"o":{ "x" : [1, 2] },"val\\u0075e2":true} ';
		expect(objectMembers(text)).toEqual([
			['value', '146.0'], ['big', '12345678901234567890'], ['s', '"a\\"}b"'], ['o', '{ "x" : [1, 2] }'], ['value2', 'true'],
		]);
	});

	it('take the last of repeated names, as JSON.parse does, and find members after a very deep one', () => {
		const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
		const text = `{"value":1,"headers":${deep},"value":{"a":1,"a":2}}`;
		expect(memberText(text, 'value')).toBe('{"a":1,"a":2}');
		expect(memberText(text, 'headers')).toBe(deep);
		expect(memberText(text, 'missing')).toBeUndefined();
	});
});
