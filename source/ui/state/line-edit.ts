// A one-line text field edited as a shell line: a cursor, ← →, Home/End (Ctrl-A/E), Ctrl-U, Ctrl-K, Ctrl-W, and
// history recalled with ↑ ↓. Pure functions on a value; positions count characters (code points), not bytes.
import {sanitizedPieces} from '../../core/sanitize.js';
import {displayWidth} from '../text/width.js';

/** The text being edited and where the cursor is (0 = before the first character). */
export type EditLine = {text: string; cursor: number};

/** An edit the line supports, as the prompt's key bindings name it. */
export type LineEdit = 'left' | 'right' | 'start' | 'end' | 'erase' | 'erase-forward' | 'kill-start' | 'kill-end' | 'kill-word';

const chars = (text: string) => [...text];

/** A line holding `text` with the cursor at its end. */
export function lineOf(text: string): EditLine {
	return {text, cursor: chars(text).length};
}

/** Insert `typed` at the cursor. */
export function insertText(line: EditLine, typed: string): EditLine {
	const all = chars(line.text);
	const added = chars(typed);
	return {text: [...all.slice(0, line.cursor), ...added, ...all.slice(line.cursor)].join(''), cursor: line.cursor + added.length};
}

/** Where a word before `cursor` starts: spaces before the cursor are skipped, then the word (as Ctrl-W in a shell). */
function wordStart(all: string[], cursor: number): number {
	let at = cursor;
	while (at > 0 && all[at - 1] === ' ') at--;
	while (at > 0 && all[at - 1] !== ' ') at--;
	return at;
}

/** Apply one edit. */
export function editLine(line: EditLine, edit: LineEdit): EditLine {
	const all = chars(line.text);
	const {cursor} = line;
	const cut = (from: number, to: number, at: number): EditLine => ({text: [...all.slice(0, from), ...all.slice(to)].join(''), cursor: at});
	switch (edit) {
		case 'left': return {...line, cursor: Math.max(0, cursor - 1)};
		case 'right': return {...line, cursor: Math.min(all.length, cursor + 1)};
		case 'start': return {...line, cursor: 0};
		case 'end': return {...line, cursor: all.length};
		case 'erase': return cursor === 0 ? line : cut(cursor - 1, cursor, cursor - 1);
		case 'erase-forward': return cursor >= all.length ? line : cut(cursor, cursor + 1, cursor);
		case 'kill-start': return cut(0, cursor, 0);
		case 'kill-end': return cut(cursor, all.length, cursor);
		case 'kill-word': {
			const from = wordStart(all, cursor);
			return cut(from, cursor, from);
		}
	}
}

/**
 * The part of the line shown in `width` cells around the cursor, with the cursor drawn as `▏` (`…` marks a cut
 * start), sanitized. Cells are counted as shown: a CJK character or an emoji takes 2, an escape (`\e`, `\u200d`)
 * its length, so a line of wide characters still ends with the cursor in view.
 */
export function lineView(line: EditLine, width: number): string {
	const pieces = sanitizedPieces(line.text);
	const cells = pieces.map(piece => displayWidth(piece));
	const room = Math.max(2, width - 1);
	// The end of the line, or of what the cursor has moved back to (and the character after it), kept in view.
	const to = Math.min(pieces.length, line.cursor + 1);
	let from = to;
	let used = 0;
	while (from > 0 && used + cells[from - 1]! <= room) used += cells[--from]!;
	// Cut at the start: the … takes a cell of its own, so the first pieces give way until it fits.
	while (from > 0 && used + 1 > room && from < line.cursor) used -= cells[from++]!;

	const before = pieces.slice(from, line.cursor).join('');
	const after = pieces.slice(line.cursor, from === 0 ? pieces.length : to).join('');
	return `${from > 0 ? '…' : ''}${before}▏${after}`;
}
