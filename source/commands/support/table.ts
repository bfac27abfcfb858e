// Plain-text tables for headless output; every cell from a message is sanitized here, at the printing edge.
import {sanitize} from '../../core/sanitize.js';

/** Align rows under headers; numbers right-aligned, text left-aligned. */
export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
	const cells = [headers, ...rows.map(row => row.map(cell => (typeof cell === 'number' ? formatNumber(cell) : sanitize(cell))))];
	const widths = headers.map((_, column) => Math.max(...cells.map(row => row[column]!.length)));
	const numeric = headers.map((_, column) => rows.length > 0 && rows.every(row => typeof row[column] === 'number'));
	return cells
		.map(row => row.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ').trimEnd())
		.join('\n');
}

/** A number as people read it: thousands separators, at most two decimals. */
export function formatNumber(value: number): string {
	if (Number.isNaN(value)) return '-';
	return value.toLocaleString('en-US', {maximumFractionDigits: 2});
}

/** Milliseconds with a unit, or `-` when unknown. */
export function formatMs(value: number | undefined): string {
	if (value === undefined || Number.isNaN(value)) return '-';
	if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
	return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ms`;
}

/** A configured duration in the largest unit that divides it (`7d`, `36h`, `10m`, `30s`), else as formatMs. */
export function formatSpan(ms: number): string {
	for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
		if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
	}

	return formatMs(ms);
}
