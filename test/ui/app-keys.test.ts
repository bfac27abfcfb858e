import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {keyName} from '../../source/plugin-api/index.js';
import {separateKeys} from '../../source/ui/hooks/use-app-keys.js';

const none: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

describe('keys arriving together', () => {
	it('splits typed characters into keys, with Enter, Tab and Backspace recognised', () => {
		expect(separateKeys('/ab\u007Fc\r', none).map(([input, key]) => keyName(input, key))).toEqual(['/', 'a', 'b', 'backspace', 'c', 'enter']);
		expect(separateKeys(':\t', none).map(([input, key]) => keyName(input, key))).toEqual([':', 'tab']);
		// A paste or fast typing over SSH: Ctrl-U and Ctrl-W among the characters are the keys they are alone.
		expect(separateKeys('abc\u0015de\u0017f\u0001', none).map(([input, key]) => keyName(input, key))).toEqual(['a', 'b', 'c', 'ctrl+u', 'd', 'e', 'ctrl+w', 'f', 'ctrl+a']);
	});

	it('leaves single keys and modified keys alone', () => {
		expect(separateKeys('j', none)).toEqual([['j', none]]);
		const ctrl = {...none, ctrl: true};
		expect(separateKeys('c', ctrl)).toEqual([['c', ctrl]]);
	});
});
