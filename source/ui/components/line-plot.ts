// One series as a line of box-drawing cells, drawn as asciichart 1.5 draws it, with gaps where a point has no value.

/** The cells of a plot: axis, first point, the half lines at a gap's edges, a flat step, corners and a rise. */
const cell = {axis: '┤', first: '┼', start: '╶', end: '╴', flat: '─', downTo: '╰', upTo: '╭', downFrom: '╮', upFrom: '╯', rise: '│'};

/**
 * `values` (from 0 to `top`) as `height` rows of an axis and one cell per point, each row after its label
 * (`label(value)` of the row's level). NaN is a point without a value (a second nothing was measured in): nothing
 * is drawn for it, and the line stops (`╴`) before it and starts (`╶`) after it, so a gap never reads as a value.
 */
export function plotLines(values: number[], options: {height: number; top: number; label: (value: number) => string}): string[] {
	const rows = options.height - 1;
	const ratio = rows / options.top;
	const level = (value: number) => Math.round(value * ratio);
	// As asciichart draws it: the top row's axis is `┼` too.
	const grid = Array.from({length: rows + 1}, (_, row) => [row === 0 ? cell.first : cell.axis, ...values.map(() => ' ')]);
	const put = (value: number, column: number, symbol: string) => {
		grid[rows - level(value)]![column] = symbol;
	};

	const first = values[0];
	if (first !== undefined && !Number.isNaN(first)) put(first, 0, cell.first);
	for (let x = 0; x < values.length - 1; x++) {
		const [from, to] = [values[x]!, values[x + 1]!];
		if (Number.isNaN(from) || Number.isNaN(to)) {
			if (!Number.isNaN(from)) put(from, x + 1, cell.end);
			if (!Number.isNaN(to)) put(to, x + 1, cell.start);
			continue;
		}

		const [y0, y1] = [level(from), level(to)];
		if (y0 === y1) {
			put(from, x + 1, cell.flat);
			continue;
		}

		put(to, x + 1, y0 > y1 ? cell.downTo : cell.upTo);
		put(from, x + 1, y0 > y1 ? cell.downFrom : cell.upFrom);
		for (let y = Math.min(y0, y1) + 1; y < Math.max(y0, y1); y++) grid[rows - y]![x + 1] = cell.rise;
	}

	return grid.map((row, index) => `${options.label(options.top - (index * options.top) / rows)} ${row.join('')}`);
}
