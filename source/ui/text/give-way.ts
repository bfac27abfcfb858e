// A line that must keep its figures, outcome and marks when the terminal is narrow: it is written in forms, from
// the fullest to the shortest, and its names are what give way (cut at the end that tells them apart).
import {displayWidth} from './width.js';
import {distinctCut} from './distinct-names.js';

/**
 * A piece of a line; a name says which of its ends to keep when it is cut (`start`: `orders.…`, `end`: `…003044`),
 * `together` the names shown with it in a column of lines (its own included), so its cut tells it from them, and
 * `least` the cells it keeps before the other names take their share (a URL's scheme and first host:port).
 */
export type Piece = {text: string; name?: 'start' | 'end'; together?: readonly string[]; least?: number};

/** The cells pieces of a line take side by side, uncut. */
export function piecesWidth(pieces: ReadonlyArray<{text: string}>): number {
	return pieces.reduce((total, piece) => total + displayWidth(piece.text), 0);
}

/**
 * The first of `forms` (fullest first) that fits `width` whole; else the last, its names sharing what its other
 * pieces leave (a short name keeps all of itself, the long ones split the rest), so the words and figures stay.
 */
export function giveWay<P extends Piece>(forms: ReadonlyArray<readonly P[]>, width: number): P[] {
	const fitting = forms.find(form => piecesWidth(form) <= width);
	if (fitting) return [...fitting];
	const last = forms.at(-1) ?? [];
	const names = last.filter(piece => piece.name !== undefined);
	let room = width - piecesWidth(last.filter(piece => piece.name === undefined));
	const share = new Map<P, number>();
	const shortestFirst = [...names].sort((a, b) => displayWidth(a.text) - displayWidth(b.text));
	const least = leastCells(names, room);
	let reserved = [...least.values()].reduce((total, cells) => total + cells, 0);
	for (const [index, piece] of shortestFirst.entries()) {
		reserved -= least.get(piece)!;
		const cells = Math.min(displayWidth(piece.text), Math.max(1, least.get(piece)!, Math.floor((room - reserved) / (names.length - index))));
		share.set(piece, cells);
		room -= cells;
	}

	return last.map(piece => {
		const cells = share.get(piece);
		if (cells === undefined) return piece;
		return {...piece, text: distinctCut(piece.together ?? [piece.text], cells, piece.name)(piece.text)};
	});
}

/** The cells each of `names` keeps first (its `least`, no more than it is): scaled down together when they exceed `room`. */
function leastCells<P extends Piece>(names: readonly P[], room: number): Map<P, number> {
	const asked = names.map(piece => Math.min(displayWidth(piece.text), piece.least ?? 0));
	const total = asked.reduce((sum, cells) => sum + cells, 0);
	const scale = total > Math.max(0, room) ? Math.max(0, room) / total : 1;
	return new Map(names.map((piece, index) => [piece, Math.floor(asked[index]! * scale)]));
}
