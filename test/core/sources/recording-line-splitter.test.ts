import {describe, expect, it} from 'vitest';
import {LineSplitter} from '../../../source/core/sources/line-splitter.js';

type Found = Array<{line: number; text?: string; bad?: string}>;

/** Split `bytes`, fed in the given pieces, and list what the splitter found. */
function split(pieces: Buffer[], maxLineBytes: number): Found {
	const found: Found = [];
	const splitter = new LineSplitter(maxLineBytes, {
		line: (text, line) => found.push({line, text}),
		bad: (line, reason) => found.push({line, bad: reason}),
	});
	for (const piece of pieces) splitter.push(piece);
	splitter.end();
	return found;
}

// Multi-byte characters, a legitimate U+FFFD, CRLF, blank lines, an invalid byte, an overlong line, no final newline.
const sample = Buffer.concat([
	Buffer.from('first\r\n\r\nsecond caf\u00E9 \u{1F600}\n\n'),
	Buffer.from('invalid '), Buffer.from([0xE2, 0x82]), Buffer.from('\r\n'),
	Buffer.from(`${'long'.repeat(10)}\n`),
	Buffer.from('real \uFFFD kept\nlast'),
]);

const expected: Found = [
	{line: 1, text: 'first'},
	{line: 3, text: 'second caf\u00E9 \u{1F600}'},
	{line: 5, bad: 'invalid UTF-8'},
	{line: 6, bad: 'longer than 32 bytes'},
	{line: 7, text: 'real \uFFFD kept'},
	{line: 8, text: 'last'},
];

describe('LineSplitter', () => {
	it('finds lines, bad lines and their numbers in one chunk', () => {
		expect(split([sample], 32)).toStrictEqual(expected);
	});

	it('finds the same whatever the chunk boundaries (every two-piece split, and one byte at a time)', () => {
		for (let at = 0; at <= sample.length; at++) {
			expect(split([sample.subarray(0, at), sample.subarray(at)], 32), `split at ${at}`).toStrictEqual(expected);
		}

		expect(split([...sample].map(byte => Buffer.from([byte])), 32)).toStrictEqual(expected);
	});

	it('reports an overlong line once, however many chunks it spans, and goes on after it', () => {
		const pieces = [Buffer.from('ok\nxxxxxxxx'), ...Array.from({length: 1000}, () => Buffer.alloc(1024, 0x78)), Buffer.from('xx\nafter')];
		expect(split(pieces, 10)).toStrictEqual([{line: 1, text: 'ok'}, {line: 2, bad: 'longer than 10 bytes'}, {line: 3, text: 'after'}]);
	});

	it('keeps a line of exactly the cap, with or without a CR, and counts a lone CR line as blank', () => {
		expect(split([Buffer.from('0123456789\n0123456789\r\n\r\n01234567890\n')], 10)).toStrictEqual([
			{line: 1, text: '0123456789'},
			{line: 2, text: '0123456789'},
			{line: 4, bad: 'longer than 10 bytes'},
		]);
	});
});
