// Pane 2: one compact line per topic (events, rate now, peak, p95, p99, errors, lag), the selected topic's full
// name and every figure below the table.
import {useMemo} from 'react';
import {Box} from 'ink';
import {moreMayCome, yet} from '../../core/more-input.js';
import {usePaneKeys, type PaneProps} from '../../plugin-api/index.js';
import {topicsPaneBindings as bindings} from './built-in.js';
import {useListState} from '../hooks/use-list-state.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import {Line} from '../components/line.js';
import {CompactTable, type TableColumn} from '../components/compact-table.js';
import {counted, formatCount, formatMs, formatRate, formatSpan} from '../../core/units/format.js';
import {topicRows, type TopicRow} from '../snapshot-view.js';
import {defaultMaxTopics} from '../../core/metrics/metrics.js';
import type {LagEntry} from '../../core/sources/source.js';
import {wrap} from '../text/width.js';
import {topicFilter} from '../topic-filter.js';

/** Up to this many topics, the table's columns are laid out over all of them (they stay put while the list scrolls); past it, over the rows shown (measuring every topic on every frame would cost more than it is worth). */
const layoutRowsLimit = 1000;

/** Rows under the table for the selected topic: a rule and its full name and figures. */
const detailRows = 3;

/** The Topics columns: the topic name first and widest; peak and p50 give way first, then p95 and lag. */
export function topicColumns(hasLag: boolean): Array<TableColumn<TopicRow>> {
	const columns: Array<TableColumn<TopicRow>> = [
		{name: 'topic', cell: row => (row.overflow ? overflowLabel : row.topic), grow: true, min: 16},
		{name: 'events', cell: row => formatCount(row.count), align: 'right'},
		{name: 'ev/s', cell: row => formatRate(row.ratePerSec), align: 'right'},
		{name: 'peak/s', cell: row => formatRate(row.peak), align: 'right', drop: 3},
		{name: 'p50', cell: row => formatMs(row.delivery.p50), align: 'right', drop: 4},
		{name: 'p95', cell: row => formatMs(row.delivery.p95), align: 'right', drop: 2},
		{name: 'p99', cell: row => formatMs(row.delivery.p99), align: 'right'},
		{name: 'errors', cell: row => (row.errors > 0 ? `✗ ${formatCount(row.errors)}` : '0'), align: 'right'},
	];
	if (hasLag) columns.push({name: 'lag', cell: row => (row.lag === undefined ? '-' : formatCount(row.lag)), align: 'right', drop: 1});
	return columns;
}

/**
 * The row of the topics past the metrics' cap (counted together, to keep memory bounded), and what it is: a label
 * no topic row shows, for a topic may be named `(other)`, as the metrics name that row. It is drawn dim, and last.
 */
const overflowLabel = `(topics past ${formatCount(defaultMaxTopics)})`;
const overflowWords = `${overflowLabel}: not a topic, the events of the topics past the first ${formatCount(defaultMaxTopics)}, together`;

/** The key of a row for the list's selection: the overflow row's apart from every topic's. */
function rowKey(row: TopicRow): string {
	return row.overflow ? 'overflow' : `topic:${row.topic}`;
}

/** The selected topic in full: its name and every figure, whatever the table had to leave out. */
function topicDetail(row: TopicRow): string {
	const figures = [
		counted(row.count, 'event'),
		`${formatRate(row.ratePerSec)} ev/s now`,
		`peak ${formatRate(row.peak)} ev/s`,
		`delivery p50 ${formatMs(row.delivery.p50)} · p95 ${formatMs(row.delivery.p95)} · p99 ${formatMs(row.delivery.p99)}`,
		`${row.errors > 0 ? '✗ ' : ''}${counted(row.errors, 'error')}`,
		...(row.lag === undefined ? [] : [`lag ${formatCount(row.lag)}`]),
	];
	return `${row.overflow ? overflowWords : row.topic} · ${figures.join(' · ')}`;
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

/**
 * The header over a topic's consumer groups; while a Kafka source has listed groups it has not yet checked for commits
 * on the topics read (`unchecked`, SourceHealth.lagUnchecked), it says so: a group reading the topic may be one of them.
 */
export function groupsHeader(topic: string, groups: readonly LagEntry[] | undefined, unchecked: number): string {
	const pending = unchecked > 0 ? ` · ${counted(unchecked, 'group')} of the cluster not yet checked for commits on it` : '';
	return `consumer groups on ${topic}${groups ? '' : ': none reported'}${pending}`;
}

/** Rows kept under the table for the selected topic's consumer groups, when any source reports groups. */
const groupRows = 4;

/** The Topics pane (registered in built-in.ts). */
export function Topics({snapshot, focused, size, host}: PaneProps) {
	const rows = useMemo(() => topicRows(snapshot), [snapshot]);
	const keys = useMemo(() => rows.map(row => rowKey(row)), [rows]);
	// Consumer groups of the selected topic take rows under it only when a source reports groups.
	const unchecked = snapshot.sources.reduce((sum, source) => sum + (source.lagUnchecked ?? 0), 0);
	const groups = unchecked > 0 || rows.some(row => row.groups !== undefined) ? groupRows : 0;
	// The title, the header and its rule, the detail area: every other row is a topic.
	const visible = Math.max(1, size.rows - 1 - 2 - detailRows - groups);
	const [list, dispatch, afterKeys] = useListState(keys, visible, false);
	const selected = rows[list.selected];

	usePaneKeys(bindings, focused, action => {
		if (action === 'open') {
			const chosen = rows[afterKeys().selected];
			if (chosen?.overflow) host.notify(`${overflowLabel} is not a topic: those topics counted together`);
			else if (chosen) host.showMessages(topicFilter(chosen.topic));
			return;
		}

		dispatch(listActionFor(action));
	});

	const [from, to] = visibleRange(list);
	const width = size.columns;
	const more = rows.length > to - from ? ` · rows ${formatCount(from + 1)}–${formatCount(to)} of ${formatCount(rows.length)}` : '';
	const columns = useMemo(() => topicColumns(rows.some(row => row.lag !== undefined)), [rows]);
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Line parts={[{text: `Topics · ${formatCount(rows.length)} · last ${formatSpan(snapshot.windowMs)}${more} · Enter shows a topic's messages`, bold: true}]} width={width} />
			<Box flexDirection="column" height={size.rows - 1 - detailRows - groups}>
				{rows.length === 0
					? <Line parts={`no events${yet(moreMayCome(snapshot.sources))}`} width={width} />
					: <CompactTable columns={columns} rows={rows.slice(from, to)} layoutRows={rows.length <= layoutRowsLimit ? rows : undefined} selected={list.selected - from} width={width} keyOf={rowKey} tone={row => (row.errors > 0 ? 'error' : row.overflow ? 'dim' : undefined)} />}
			</Box>
			<Box flexDirection="column" height={detailRows}>
				<Line parts={selected ? '─ selected topic ─' : ''} width={width} dim />
				{selected ? wrap(topicDetail(selected), width, detailRows - 1).map((line, index) => <Line key={index} parts={line} width={width} />) : undefined}
			</Box>
			{groups > 0 && selected && (
				<Box flexDirection="column" height={groups}>
					<Line parts={[{text: groupsHeader(selected.topic, selected.groups, unchecked), bold: true}]} width={width} />
					{groupLines(selected.groups ?? []).slice(0, groups - 1).map((line, index) => <Line key={index} parts={line} width={width} />)}
				</Box>
			)}
		</Box>
	);
}

