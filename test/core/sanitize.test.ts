// The sanitizer shows every character that reorders or hides what is drawn, besides the controls.
import {describe, expect, it} from 'vitest';
import {sanitize, sanitizedPieces} from '../../source/core/sanitize.js';

describe('sanitize', () => {
	it('escapes every bidirectional control, the Arabic letter mark among them', () => {
		expect(sanitize('a\u061Cb\u200Fc\u202Ed\u2067e')).toBe('a\\u061cb\\u200fc\\u202ed\\u2067e');
	});

	it('escapes the Unicode line and paragraph separators, as it does a line break', () => {
		expect(sanitize('X\u2028Y\u2029Z')).toBe('X\\u2028Y\\u2029Z');
	});

	it('escapes the invisible characters that make two ids look the same, and keeps the joiners text needs', () => {
		expect(sanitize('ORD-\u200B1\u2060\uFEFF')).toBe('ORD-\\u200b1\\u2060\\ufeff');
		expect(sanitize('می\u200Cخواهم क्\u200Dष')).toBe('می\u200Cخواهم क्\u200Dष');
	});

	it('escapes what joins emoji into one picture, which terminals without grapheme support draw part by part', () => {
		expect(sanitize('👩\u200D👩\u200D👧 🧑🏽\u200D🚀 👍🏽')).toBe('👩\\u200d👩\\u200d👧 🧑\\u{1f3fd}\\u200d🚀 👍\\u{1f3fd}');
		expect(sanitize('🏳️\u200D🌈 1️⃣ 🏴\u{E0067}\u{E007F}')).toBe('🏳\\ufe0f\\u200d🌈 1\\ufe0f\\u20e3 🏴\\u{e0067}\\u{e007f}');
		expect(sanitize('🎉 🇺🇸 ok')).toBe('🎉 🇺🇸 ok');
	});

	it('escapes a skin tone after any character (Ink counts it with that character, tmux draws it 2 cells wide), not one alone at the start', () => {
		expect(sanitize('a 🏽b x🏽 é🏽')).toBe('a \\u{1f3fd}b x\\u{1f3fd} é\\u{1f3fd}');
		expect(sanitize('\u0007🏽')).toBe('\\a\\u{1f3fd}');
		expect(sanitize('🏽 ok')).toBe('🏽 ok');
	});

	it('escapes what Ink measures as no cells but a terminal draws: lone surrogates, the soft hyphen, the Hangul fillers', () => {
		expect(sanitize('ORD-\uD800lone\uDC00end')).toBe('ORD-\\ud800lone\\udc00end');
		expect(sanitize('a\u00ADb\u115Fc\u3164d\uFFA0e')).toBe('a\\u00adb\\u115fc\\u3164d\\uffa0e');
		expect(sanitize('ok 😀 \uD83D\uDE00')).toBe('ok 😀 😀');
	});

	it('escapes the second of two regional indicators that make no flag: Ink measures the pair as 1 cell, tmux draws 2', () => {
		expect(sanitize('pay.🇦🇦.x')).toBe('pay.🇦\\u{1f1e6}.x');
		expect(sanitize('🇩🇪🇦🇦🇫🇷 🇦🇦🇦 🇩')).toBe('🇩🇪🇦\\u{1f1e6}🇫🇷 🇦\\u{1f1e6}🇦 🇩');
	});

	it('escapes the format characters that join the next character to them (U+0600…): Ink measures the pair by them alone', () => {
		expect(sanitize('x\u0600y\u06DD1\u070F2\u08E23')).toBe('x\\u0600y\\u06dd1\\u070f2\\u08e23');
		expect(sanitize('a\u{110BD}1')).toBe('a\\u{110bd}1');
	});

	it('escapes invisible characters that stand alone (Ink gives them a cell, tmux none) and marks or joiners with nothing before them', () => {
		expect(sanitize('inv\u2062isible\u180E\u206A')).toBe('inv\\u2062isible\\u180e\\u206a');
		expect(sanitize('\u0301lead.mark')).toBe('\\u0301lead.mark');
		expect(sanitize('\u200D\u0302start')).toBe('\\u200d\\u0302start');
		expect(sanitize('\u200Cab')).toBe('\\u200cab');
		expect(sanitize('cafe\u0301 e\u0301')).toBe('cafe\u0301 e\u0301');
	});

	it('gives the same pieces as sanitize for what it now escapes', () => {
		for (const text of ['a\n🏽', 'a 🏽', 'pay.🇦🇦.x', '\u0301lead', 'x\u0600y', 'inv\u2062isible', '\u200D\u0302s', '\u202E\u0301x']) {
			expect(sanitizedPieces(text).join('')).toBe(sanitize(text));
			expect(sanitizedPieces(text)).toHaveLength([...text].length);
		}
	});
});
