import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {keyName} from '../../source/plugin-api/index.js';

const none: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};

describe('key names', () => {
	it('names keys the way bindings are written', () => {
		expect(keyName('j', none)).toBe('j');
		expect(keyName('G', {...none, shift: true})).toBe('G');
		expect(keyName(' ', none)).toBe('space');
		expect(keyName('', {...none, upArrow: true})).toBe('up');
		expect(keyName('', {...none, pageDown: true})).toBe('pagedown');
		expect(keyName('', {...none, return: true})).toBe('enter');
		expect(keyName('', {...none, escape: true, meta: true})).toBe('esc');
		expect(keyName('', {...none, tab: true})).toBe('tab');
		expect(keyName('', {...none, tab: true, shift: true})).toBe('shift+tab');
		expect(keyName('c', {...none, ctrl: true})).toBe('ctrl+c');
	});
});
