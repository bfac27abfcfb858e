// Pane 2: one table row per topic: events, rate now, peak, p95, p99, errors, lag.
import {useMemo} from 'react';
import {Box, Text} from 'ink';
import {Table} from '@alcalzone/ink-table';
import {sanitize, usePaneKeys, type PaneProps} from '../../plugin-api/index.js';
import {topicsPaneBindings as bindings} from '../keys/bindings.js';
import {useListState} from '../hooks/use-list-state.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import {Line} from '../components/line.js';
import {formatCount, formatMs, formatRate, formatWindow} from '../format.js';
import {topicRows, type TopicRow} from '../snapshot-view.js';
import type {LagEntry} from '../../core/sources/source.js';
import {displayWidth, truncate} from '../text/width.js';
import {useTheme} from '../theme.js';
import {topicFilter} from '../topic-filter.js';


/** A table column: its heading and how a row reads in it. */
type Column = {name: string; cell: (row: TopicRow) => string; align: 'left' | 'right'};

/** The columns that fit: topic, events, rate, p95, p99, errors always; peak, p50 and lag when there is room or data. */
export function topicColumns(width: number, hasLag: boolean): Column[] {
	const columns: Column[] = [
		{name: 'events', cell: row => formatCount(row.count), align: 'right'},
		{name: 'ev/s', cell: row => formatRate(row.ratePerSec), align: 'right'},
	];
	if (width >= 100) columns.push({name: 'peak/s', cell: row => formatRate(row.peak), align: 'right'});
	if (width >= 140) columns.push({name: 'p50', cell: row => formatMs(row.delivery.p50), align: 'right'});
	columns.push(
		{name: 'p95', cell: row => formatMs(row.delivery.p95), align: 'right'},
		{name: 'p99', cell: row => formatMs(row.delivery.p99), align: 'right'},
		{name: 'errors', cell: row => (row.errors > 0 ? `✗ ${formatCount(row.errors)}` : '0'), align: 'right'},
	);
	if (hasLag) columns.push({name: 'lag', cell: row => (row.lag === undefined ? '-' : formatCount(row.lag)), align: 'right'});
	return columns;
}

/** Table rows as ink-table wants them: plain strings, sanitized and cut so the table fits in `width`. */
export function tableData(rows: TopicRow[], selected: number, from: number, width: number): Array<Record<string, string>> {
	const columns = topicColumns(width, rows.some(row => row.lag !== undefined));
	const cells = rows.map(row => columns.map(column => column.cell(row)));
	// Each column takes its widest cell plus one space each side and one border; the topic gets what is left.
	const fixed = columns.reduce((sum, column, index) => sum + Math.max(column.name.length, ...cells.map(row => displayWidth(row[index]!))) + 3, 0);
	const topicWidth = Math.max(5, width - fixed - 4 - 4);
	return rows.map((row, index) => {
		const data: Record<string, string> = {' ': from + index === selected ? '▶' : ' ', topic: truncate(sanitize(row.topic), topicWidth)};
		for (const [column, definition] of columns.entries()) data[definition.name] = cells[index]![column]!;
		return data;
	});
}

/** Lines for a topic's consumer groups: Kafka partitions (committed / end offset, lag), Redis consumers (pending, idle). */
export function groupLines(groups: readonly LagEntry[]): string[] {
	return groups.map(group => {
		const parts = [`group ${group.group}`, `lag ${formatCount(group.lag)}`];
		if (group.pending !== undefined) parts.push(`pending ${formatCount(group.pending)}`);
		for (const partition of group.partitions ?? []) parts.push(`p${partition.partition} ${formatCount(partition.committed)}/${formatCount(partition.end)} lag ${formatCount(partition.lag)}`);
		for (const consumer of group.consumers ?? []) parts.push(`${consumer.name}: ${formatCount(consumer.pending)} pending, idle ${formatMs(consumer.idleMs)}`);
		if (group.consumers?.length === 0) parts.push('no consumers');
		return parts.join(' · ');
	});
}

/** Rows kept under the table for the selected topic's consumer groups, when any source reports groups. */
const groupRows = 4;

/** The Topics pane's component. */
/** The Topics pane (registered in built-in.ts). */
export function Topics({snapshot, focused, size, host}: PaneProps) {
	const theme = useTheme();
	const rows = useMemo(() => topicRows(snapshot), [snapshot]);
	const keys = useMemo(() => rows.map(row => row.topic), [rows]);
	// ink-table draws a rule between rows: each row takes two lines, plus the header's three and the bottom one.
	const detail = rows.some(row => row.groups !== undefined) ? groupRows : 0;
	const visible = Math.max(1, Math.floor((size.rows - 1 - 4 - detail) / 2));
	const [list, dispatch] = useListState(keys, visible, false);
	const selected = rows[list.selected];

	usePaneKeys(bindings, focused, action => {
		if (action === 'open') {
			if (selected) host.showMessages(topicFilter(selected.topic));
			return;
		}

		dispatch(listActionFor(action));
	});

	const [from, to] = visibleRange(list);
	const data = tableData(rows.slice(from, to), list.selected, from, size.columns);
	const columns = [' ', 'topic', ...topicColumns(size.columns, rows.some(row => row.lag !== undefined)).map(column => ({key: column.name, align: column.align}))];
	const more = rows.length > to - from ? ` · rows ${from + 1}–${to} of ${rows.length}` : '';
	return (
		<Box flexDirection="column" width={size.columns} height={size.rows}>
			<Line parts={[{text: `Topics · ${rows.length} · last ${formatWindow(snapshot.windowMs)}${more} · Enter shows a topic's messages`, bold: true}]} width={size.columns} />
			{rows.length === 0
				? <Line parts="no events yet" width={size.columns} />
				: <Table data={data} columns={columns} header={({children}) => <Text bold color={theme.accent}>{children}</Text>} />}
			{detail > 0 && selected && (
				<>
					<Line parts={[{text: `consumer groups on ${selected.topic}${selected.groups ? '' : ': none reported'}`, bold: true}]} width={size.columns} />
					{groupLines(selected.groups ?? []).slice(0, detail - 1).map((line, index) => <Line key={index} parts={line} width={size.columns} />)}
				</>
			)}
		</Box>
	);
}

