// Terminal cell width of text, and cutting or padding a line to an exact width so nothing wraps. Widths are what
// Ink measures (string-width: an emoji, ZWJ sequence or skin-toned emoji is one 2-cell cluster, CJK 2 cells,
// combining marks none), so a row Ink draws takes exactly the cells counted here; cutting keeps clusters whole.
import stringWidth from 'string-width';
import {sanitize} from '../../core/sanitize.js';

const printableAscii = /^[\u0020-\u007E]*$/;
const graphemes = new Intl.Segmenter();

// string-width segments non-ASCII text into graphemes and tests each against Unicode property regexes: ~2-5 µs a
// cluster, against ~0.05 µs for the whole of an ASCII string. Frames redraw the same labels, rules and payloads
// many times a second, so the results for non-ASCII text are kept, up to a bound (then forgotten all at once).
const cacheLimit = 4096;
const widths = new Map<string, number>();
const cuts = new Map<string, string>();

/** Remember `value` under `key` in `cache`, emptying the cache first when it is full. */
export function remember<Value>(cache: Map<string, Value>, key: string, value: Value): Value {
	if (cache.size >= cacheLimit) cache.clear();
	cache.set(key, value);
	return value;
}

/** Cells a (sanitized, single-line) string takes in a terminal, as Ink counts them. */
export function displayWidth(text: string): number {
	if (printableAscii.test(text)) return text.length;
	return widths.get(text) ?? remember(widths, text, stringWidth(text));
}

/** The longest start of `text` that takes at most `width` cells, grapheme clusters kept whole. */
function cut(text: string, width: number): string {
	if (printableAscii.test(text)) return text.slice(0, width);
	const key = `${width}\u0000${text}`;
	const known = cuts.get(key);
	if (known !== undefined) return known;
	let used = 0;
	let end = 0;
	for (const {segment, index} of graphemes.segment(text)) {
		used += displayWidth(segment);
		if (used > width) break;
		end = index + segment.length;
	}

	return remember(cuts, key, text.slice(0, end));
}

/** Sanitize text (control characters shown escaped) and cut it to at most `width` cells, ending with … when cut. */
export function truncate(raw: string, width: number): string {
	if (width <= 0) return '';
	// Measuring escaped text is what keeps columns aligned: an escape takes more cells once shown.
	const text = sanitize(raw);
	return displayWidth(text) <= width ? text : `${cut(text, width - 1)}…`;
}

/** Sanitized text cut to `width` cells keeping its end: `…` and its last characters (an id's end tells ids apart). */
export function truncateStart(raw: string, width: number): string {
	if (width <= 0) return '';
	const text = sanitize(raw);
	if (displayWidth(text) <= width) return text;
	if (printableAscii.test(text)) return `…${text.slice(text.length - (width - 1))}`;
	// Whole grapheme clusters from the end: one character at a time split a flag's pair of regional indicators (the
	// end of 🇫🇷🇯🇵 read 🇷🇯🇵, another flag) and left a combining mark on the ellipsis without its letter.
	const clusters = Array.from(graphemes.segment(text), ({segment}) => segment);
	let kept = '';
	let cells = 1;
	for (let index = clusters.length - 1; index >= 0; index--) {
		const cellsOf = displayWidth(clusters[index]!);
		if (cells + cellsOf > width) break;
		kept = clusters[index]! + kept;
		cells += cellsOf;
	}

	return `…${kept}`;
}

/** Exactly `width` cells: truncated (keeping its end with `keep: 'end'`), then padded with spaces (on the left with `align: 'right'`). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left', keep: 'start' | 'end' = 'start'): string {
	const cutText = keep === 'end' ? truncateStart(text, width) : truncate(text, width);
	const pad = ' '.repeat(Math.max(0, width - displayWidth(cutText)));
	return align === 'right' ? pad + cutText : cutText + pad;
}

/** An escape sanitize shows (`\e`, `\u200d`, `\u{1f3fd}`): one token, not to be broken across lines. */
const shownEscape = /\\(?:u\{[\da-f]+\}|u[\da-f]{4}|[nrtbea])/g;

/** `start` (a start of `text`), ending before an escape it would split (`\u{1f3f` on one line, `d}` on the next). */
function beforeSplitEscape(text: string, start: string): string {
	const end = start.length;
	for (const match of text.slice(0, end + 12).matchAll(shownEscape)) {
		if (match.index >= end) break;
		if (match.index > 0 && match.index + match[0].length > end) return start.slice(0, match.index);
	}

	return start;
}

/**
 * Where in `start` (a start of `text`) its last space is that is a grapheme of its own, or -1: a space carrying a
 * combining mark or joiner is no place to break (nor to drop), as dropping it left the mark to start the next line.
 */
function lastLoneSpace(text: string, start: string): number {
	let space = start.lastIndexOf(' ');
	while (space >= 0 && !loneSpaceAt(text, space)) space = space === 0 ? -1 : start.lastIndexOf(' ', space - 1);
	return space;
}

/** Whether `text` has at `index` a space that is a grapheme of its own (no mark or joiner drawn on it). */
const loneSpaceAt = (text: string, index: number) => text[index] === ' ' && graphemes.segment(text).containing(index)!.segment === ' ';

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

		const start = cut(rest, width);
		const space = lastLoneSpace(rest, start);
		const line = space > width / 2 ? start.slice(0, space) : beforeSplitEscape(rest, start);
		out.push(line);
		rest = rest.slice(line.length);
		if (loneSpaceAt(rest, 0)) rest = rest.slice(1);
	}

	return out;
}
