// The sanitizer shows every character that reorders or hides what is drawn, besides the controls.
import {describe, expect, it} from 'vitest';
import {sanitize} from '../../source/core/sanitize.js';

describe('sanitize', () => {
	it('escapes every bidirectional control, the Arabic letter mark among them', () => {
		expect(sanitize('a\u061Cb\u200Fc\u202Ed\u2067e')).toBe('a\\u061cb\\u200fc\\u202ed\\u2067e');
	});

	it('escapes the Unicode line and paragraph separators, as it does a line break', () => {
		expect(sanitize('X\u2028Y\u2029Z')).toBe('X\\u2028Y\\u2029Z');
	});

	it('escapes the invisible characters that make two ids look the same, and keeps the joiners text needs', () => {
		expect(sanitize('ORD-\u200B1\u2060\uFEFF')).toBe('ORD-\\u200b1\\u2060\\ufeff');
		expect(sanitize('👩\u200D👩 می\u200Cخواهم')).toBe('👩\u200D👩 می\u200Cخواهم');
	});
});
