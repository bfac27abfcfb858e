// A table laid out compactly: one line per row, a rule under the header only; the identifier column gets the room
// the figures leave, and when the terminal is narrow the least important columns go first.
import {Box} from 'ink';
import {sanitize} from '../../core/sanitize.js';
import {useTheme} from '../theme.js';
import {displayWidth, fit} from '../text/width.js';
import {distinctCut} from '../text/distinct-names.js';
import {Line} from './line.js';

/** A column: its heading, how a row reads in it, and how it gives way when the terminal is narrow. */
export type TableColumn<Row> = {
	name: string;
	cell: (row: Row) => string;
	align?: 'left' | 'right';
	/** Which end of a cell too wide is kept: its start (default) or its end (ids that differ at the end). */
	keep?: 'start' | 'end';
	/** The identifier column: takes the room the others leave, never less than `min` cells. */
	grow?: boolean;
	/**
	 * Fewest cells the grow column takes (default 12) before the columns that can be cut give way; on another column,
	 * the fewest cells it is cut to when the row is still too wide once the droppable columns are gone (none: never cut).
	 */
	min?: number;
	/**
	 * Most cells the grow column is kept before the droppable columns, up to its widest cell: they go while it would
	 * get fewer (default `min`).
	 */
	want?: number;
	/** Columns with higher numbers are dropped first when everything does not fit (default 0: never). */
	drop?: number;
	/** A shorter form the column takes where it would be dropped (then it stays, never dropped). */
	short?: (row: Row) => string;
};

/** A column with the width it was given. */
export type PlacedColumn<Row> = TableColumn<Row> & {width: number; cut?: (cell: string) => string};

/** Cells for the selection marker before each row. */
const markerWidth = 2;
/** Spaces between columns. */
const gap = '  ';

/**
 * The columns that fit in `width` and their widths: the widest cell (or heading) each, the grow column what is left.
 * While the grow column would get fewer than it keeps (`min`, or `want` up to its widest cell), the droppable columns
 * go; while it would get fewer than its `min`, the columns with a `min` are cut, the widest first; then it takes what
 * is left, even below its `min`: a row is wider than `width` only when the columns that cannot be cut are, and nothing right of the cut is lost
 * off the terminal's edge.
 */
export function tableLayout<Row>(columns: Array<TableColumn<Row>>, rows: Row[], width: number): Array<PlacedColumn<Row>> {
	// Measured as drawn: control characters take the cells of their escaped form.
	const natural = (column: TableColumn<Row>) => Math.max(displayWidth(column.name), ...rows.map(row => displayWidth(sanitize(column.cell(row)))));
	const growKept = (column: TableColumn<Row>) => Math.max(column.min ?? 12, Math.min(column.want ?? 0, natural(column)));
	const room = (list: Array<TableColumn<Row>>) => width - markerWidth - ((list.length - 1) * gap.length);
	const need = (list: Array<TableColumn<Row>>, grown = growKept) => list.reduce((sum, column) => sum + (column.grow ? grown(column) : natural(column)), 0);
	// A column with no heading and nothing in any row (no alert acknowledged) takes no gap either.
	let kept = columns.filter(column => natural(column) > 0);
	while (need(kept) > room(kept) && kept.some(column => (column.drop ?? 0) > 0)) {
		const worst = Math.max(...kept.map(column => column.drop ?? 0));
		const index = kept.map(column => column.drop ?? 0).lastIndexOf(worst);
		const {short} = kept[index]!;
		kept = short ? kept.map((column, i) => (i === index ? {...column, cell: short, short: undefined, drop: undefined} : column)) : kept.filter((_, i) => i !== index);
	}

	// Cut only as far as the grow column needs for its `min`: an identifier cut to make room for another one whole.
	const widths = kept.map(column => (column.grow ? 0 : natural(column)));
	const cuttable = kept.flatMap((column, index) => (!column.grow && column.min !== undefined ? [index] : []));
	for (let over = need(kept, column => column.min ?? 12) - room(kept); over > 0; over--) {
		const widest = cuttable.filter(index => widths[index]! > kept[index]!.min!).sort((a, b) => widths[b]! - widths[a]!)[0];
		if (widest === undefined) break;
		widths[widest]!--;
	}

	const fixed = widths.reduce((sum, cells) => sum + cells, 0);
	return kept.map((column, index) => {
		if (!column.grow) return {...column, width: widths[index]!};
		const width = Math.max(1, Math.min(room(kept) - fixed, Math.max(column.min ?? 12, natural(column))));
		// The identifier column's names are cut so that what tells them apart survives (`…orders.v2-events`).
		return {...column, width, cut: distinctCut(rows.map(row => column.cell(row)), width, column.keep)};
	});
}

/** The heading line of laid-out columns, as wide as their rows (the rule under it is as wide). */
export function tableHeader<Row>(columns: Array<PlacedColumn<Row>>): string {
	return ' '.repeat(markerWidth) + columns.map(column => fit(column.name, column.width, column.align)).join(gap);
}

/** One row's text in the laid-out columns (sanitized and cut by fit). */
export function rowText<Row>(columns: Array<PlacedColumn<Row>>, row: Row): string {
	return columns.map(column => {
		const cell = column.cell(row);
		return fit(column.cut?.(cell) ?? cell, column.width, column.align, column.keep);
	}).join(gap);
}

/** The header, a rule, then one line per row; `selected` (an index into `rows`) is marked and shown in reverse. */
export function CompactTable<Row>(props: {columns: Array<TableColumn<Row>>; rows: Row[]; selected?: number; width: number; keyOf: (row: Row) => string; tone?: (row: Row) => 'error' | 'warn' | 'dim' | undefined; layoutRows?: Row[]}) {
	const theme = useTheme();
	const {rows, width} = props;
	// Laid out over every row of a list (layoutRows) when `rows` are the part shown: the columns stay put as it scrolls.
	const columns = tableLayout(props.columns, props.layoutRows ?? rows, width);
	const header = tableHeader(columns);
	return (
		<Box flexDirection="column" width={width}>
			<Line parts={[{text: header, bold: true, color: theme.accent}]} width={width} />
			<Line parts={'─'.repeat(Math.min(width, displayWidth(header)))} width={width} dim />
			{rows.map((row, index) => {
				const isSelected = index === props.selected;
				const tone = props.tone?.(row);
				return (
					<Line
						key={props.keyOf(row)}
						parts={[isSelected ? '▶ ' : '  ', rowText(columns, row)]}
						width={width}
						pad={isSelected}
						inverse={isSelected}
						color={tone ? theme[tone] : undefined}
					/>
				);
			})}
		</Box>
	);
}
