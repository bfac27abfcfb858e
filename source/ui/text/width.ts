// Terminal cell width of text, and cutting or padding a line to an exact width so nothing wraps.
import {sanitize} from '../../core/sanitize.js';

// Wide (two-cell) ranges: CJK, Hangul, full-width forms, and the emoji blocks.
const wide: Array<[number, number]> = [
	[0x1100, 0x115F], [0x2E80, 0x303E], [0x3041, 0x33FF], [0x3400, 0x4DBF], [0x4E00, 0x9FFF], [0xA000, 0xA4CF],
	[0xAC00, 0xD7A3], [0xF900, 0xFAFF], [0xFE30, 0xFE4F], [0xFF00, 0xFF60], [0xFFE0, 0xFFE6],
	[0x1F300, 0x1F64F], [0x1F900, 0x1F9FF], [0x20000, 0x3FFFD],
];

/** Cells one code point takes: 0 for combining marks and joiners, 2 for wide characters, else 1. */
export function charWidth(codePoint: number): number {
	if ((codePoint >= 0x0300 && codePoint <= 0x036F) || codePoint === 0x200D || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)) return 0;
	for (const [from, to] of wide) {
		if (codePoint >= from && codePoint <= to) return 2;
	}

	return 1;
}

/** Cells a (sanitized, single-line) string takes in a terminal. */
export function displayWidth(text: string): number {
	let width = 0;
	for (const char of text) width += charWidth(char.codePointAt(0)!);
	return width;
}

/** Sanitize text (control characters shown escaped) and cut it to at most `width` cells, ending with … when cut. */
export function truncate(raw: string, width: number): string {
	if (width <= 0) return '';
	// Measuring escaped text is what keeps columns aligned: an escape takes more cells once shown.
	const text = sanitize(raw);
	if (displayWidth(text) <= width) return text;
	let out = '';
	let used = 0;
	for (const char of text) {
		const cells = charWidth(char.codePointAt(0)!);
		if (used + cells > width - 1) break;
		out += char;
		used += cells;
	}

	return `${out}…`;
}

/** Exactly `width` cells: truncated, then padded with spaces (on the left with `align: 'right'`). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	const cut = truncate(text, width);
	const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
	return align === 'right' ? pad + cut : cut + pad;
}

/** Sanitized text broken into lines of at most `width` cells (at spaces when it can), at most `lines` of them; the last ends with … when cut. */
export function wrap(raw: string, width: number, lines: number): string[] {
	const out: string[] = [];
	let rest = sanitize(raw);
	while (rest !== '' && out.length < lines) {
		if (displayWidth(rest) <= width) {
			out.push(rest);
			return out;
		}

		if (out.length === lines - 1) {
			out.push(truncate(rest, width));
			return out;
		}

		let cut = '';
		for (const char of rest) {
			if (displayWidth(cut + char) > width) break;
			cut += char;
		}

		const space = cut.lastIndexOf(' ');
		const line = space > width / 2 ? cut.slice(0, space) : cut;
		out.push(line);
		rest = rest.slice(line.length).replace(/^ /, '');
	}

	return out;
}
