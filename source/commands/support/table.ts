// Plain-text tables for headless output; every cell from a message is sanitized here, at the printing edge.
import {sanitize} from '../../core/sanitize.js';
import {formatNumber} from '../../core/units/format.js';
import {displayWidth, fit} from '../../ui/text/width.js';
import {atOnce, type Stepped} from '../../core/queries/steps.js';

/** Align rows under headers, in terminal cells (a CJK character or emoji takes two); numbers right-aligned, text left-aligned. */
export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
	return atOnce(formatTableSteps(headers, rows));
}

/** formatTable as stepped work (steps.ts), for a table of many rows: it yields after each row written, measured and laid out. */
export function * formatTableSteps(headers: string[], rows: Array<Array<string | number>>): Stepped<string> {
	if (!Array.isArray(headers) || !Array.isArray(rows)) throw new TypeError('formatTable(headers, rows): expected an array of header texts and an array of rows');
	const cells = [headers];
	for (const [index, row] of rows.entries()) {
		cells.push(rowCells(row, index));
		yield;
	}

	const widths = headers.map(() => 0);
	for (const row of cells) {
		for (const [column, width] of widths.entries()) widths[column] = Math.max(width, displayWidth(row[column] ?? ''));
		yield;
	}

	const numeric = headers.map((_, column) => rows.length > 0 && rows.every(row => typeof row[column] === 'number'));
	const lines: string[] = [];
	for (const row of cells) {
		lines.push(row.map((cell, column) => fit(cell, widths[column] ?? 0, numeric[column] ? 'right' : 'left')).join('  ').trimEnd());
		yield;
	}

	return lines.join('\n');
}

/**
 * A row's cells as text, or a TypeError naming the row or cell that is not what a table takes: a plugin written in
 * plain JavaScript passes rows unchecked, and an object for a row, or an undefined cell, failed deep inside.
 */
function rowCells(row: unknown, index: number): string[] {
	if (!Array.isArray(row)) throw new TypeError(`formatTable: row ${index} is ${row === null ? 'null' : typeof row}, not an array of cells in the order of the headers`);
	return row.map((cell: unknown, column) => {
		if (typeof cell === 'number') return formatNumber(cell);
		if (typeof cell === 'string') return sanitize(cell);
		throw new TypeError(`formatTable: row ${index}, column ${column} is ${cell === null ? 'null' : typeof cell}, not a string or number`);
	});
}
