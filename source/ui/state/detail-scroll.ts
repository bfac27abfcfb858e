// Which lines of a long document (an event's JSON) fit a box, scrolled to an offset, with what is above and below.

/** The part of a document a box shows. */
export type ScrollWindow = {
	/** The document's lines shown, after the "above" line and before the "below" line when those are present. */
	lines: string[];
	/** The offset actually used (clamped to what the document allows). */
	offset: number;
	/** Lines hidden above and below. */
	above: number;
	below: number;
};

/**
 * `all` in `rows` rows from line `offset`: a row at the top says how many lines are above (when any), a row at the
 * bottom how many are below (when any); the offset is clamped so that the last page ends at the last line.
 */
export function scrollWindow(all: readonly string[], rows: number, offset: number): ScrollWindow {
	if (all.length <= rows) return {lines: [...all], offset: 0, above: 0, below: 0};
	// At the end, the top row says what is above and the rest shows the last lines.
	const maxOffset = Math.max(0, all.length - Math.max(1, rows - 1));
	const start = Math.min(Math.max(0, offset), maxOffset);
	const top = start > 0 ? 1 : 0;
	let shown = Math.max(0, rows - top);
	if (start + shown < all.length) shown = Math.max(0, shown - 1);
	return {lines: all.slice(start, start + shown), offset: start, above: start, below: all.length - start - shown};
}

/** How far one J or K moves in a box of `rows` rows: a page, keeping one line of the previous page in view. */
export function scrollStep(rows: number): number {
	return Math.max(1, rows - 3);
}
