// Plain-text tables for headless output; every cell from a message is sanitized here, at the printing edge.
import {sanitize} from '../../core/sanitize.js';
import {formatNumber} from '../../core/units/format.js';
import {displayWidth, fit} from '../../ui/text/width.js';

/** Align rows under headers, in terminal cells (a CJK character or emoji takes two); numbers right-aligned, text left-aligned. */
export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map(row => row.map(cell => (typeof cell === 'number' ? formatNumber(cell) : sanitize(cell))))];
	const widths = headers.map((_, column) => Math.max(...cells.map(row => displayWidth(row[column] ?? ''))));
	const numeric = headers.map((_, column) => rows.length > 0 && rows.every(row => typeof row[column] === 'number'));
	return cells
		.map(row => row.map((cell, column) => fit(cell, widths[column] ?? 0, numeric[column] ? 'right' : 'left')).join('  ').trimEnd())
		.join('\n');
}
