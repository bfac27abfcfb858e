// The `:group FIELD [--where FILTER] [--sum FIELD]` view: events per value of a field, largest groups first, as
// `query --group-by` counts them, kept up to date as events are stored.
import {useMemo} from 'react';
import {Box} from 'ink';
import {usePaneKeys} from '../../plugin-api/pane-keys.js';
import type {GroupByResult, GroupFigures} from '../../core/queries/group-by.js';
import {groupSummary, groupSummaryParts, sumNotes} from '../../core/queries/group-by.js';
import {counted, formatNumber} from '../../core/units/format.js';
import {listBindings} from '../keys/bindings.js';
import {useGroupBy, type GroupViewStore} from '../hooks/use-group-by.js';
import {useListState} from '../hooks/use-list-state.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import type {GroupRequest} from '../state/commands.js';
import {CompactTable, type TableColumn} from '../components/compact-table.js';
import {Line} from '../components/line.js';
import {formatTime} from '../format.js';
import {useTheme} from '../theme.js';
import {displayWidth, wrap} from '../text/width.js';

/** Props of the group view. */
export type GroupScreenProps = {
	store: GroupViewStore;
	request: GroupRequest;
	/** Where fields are looked for after the top level (config fields.containers). */
	containers: readonly string[];
	focused: boolean;
	size: {columns: number; rows: number};
};

type Row = [string, GroupFigures];

/** Rows of the title, the summary, and the table's header and rule. */
const fixedRows = 4;

/**
 * The summary in one line of `width` cells: `query --group-by`'s words when they fit, else a copy is called a copy,
 * then the copies go: the events without the field stay, since they say how much of the store the table leaves out
 * (unless there are none and there are copies); what the `--sum` field was found as (elements of arrays, a repeated
 * header) goes last; the line cuts what still does not fit, as every line does.
 */
export function summaryLine(field: string, result: GroupByResult, width: number, sum?: string): string {
	const {matched, without, copies} = groupSummaryParts(field, result, true);
	const shortest = result.withoutField === 0 && result.copies > 0 ? `${matched} · ${copies}` : `${matched} · ${without}`;
	const notes = sumNotes(sum, result);
	const candidates = [groupSummary(field, result, sum), `${matched} · ${without} · ${copies}${notes}`, `${shortest}${notes}`, `${matched} · ${without} · ${copies}`, shortest];
	return candidates.find(text => displayWidth(text) <= width) ?? candidates.at(-1)!;
}

/** The columns: the value takes the room left; the times give way first on narrow terminals. */
function columnsFor(request: GroupRequest): Array<TableColumn<Row>> {
	return [
		{name: request.field, cell: ([value]) => value, grow: true},
		{name: 'events', cell: ([, group]) => formatNumber(group.count), align: 'right'},
		...(request.sum === undefined ? [] : [{name: `sum of ${request.sum}`, cell: ([, group]: Row) => formatNumber(group.sum), align: 'right' as const, drop: 1}]),
		{name: 'first seen', cell: ([, group]) => formatTime(group.firstSeen), drop: 3},
		{name: 'last seen', cell: ([, group]) => formatTime(group.lastSeen), drop: 2},
	];
}

/** The figures shown while the first fold is still under way on worker threads. */
const nothingYet: GroupByResult = {matched: 0, withoutField: 0, copies: 0, inArrays: 0, sumInArrays: 0, sumRepeatedHeaders: 0, groups: []};

/** The group view's component (mount one per request). */
export function GroupScreen({store, request, containers, focused, size}: GroupScreenProps) {
	const theme = useTheme();
	const view = useGroupBy(store, request, containers);
	const result: GroupByResult = view.result ?? nothingYet;
	const keys = useMemo(() => result.groups.map(([value]) => value), [result]);
	const width = size.columns;
	const summary = view.reading ? `reading ${counted(view.reading.events, 'stored event')} on ${view.reading.threads} threads…` : summaryLine(request.field, result, width, request.sum);
	const [list, dispatch] = useListState(keys, size.rows - fixedRows, false);
	usePaneKeys(listBindings, focused, action => {
		dispatch(listActionFor(action));
	});

	const title = `Group by ${request.field}${request.sum === undefined ? '' : ` · sum of ${request.sum}`}${request.where === undefined ? '' : ` · where ${request.where}`} · Esc back`;
	let empty: string | undefined;
	if (view.reading) empty = '';
	else if (result.matched === 0) empty = request.where === undefined ? 'no event stored yet' : `no stored event matches ${request.where}`;
	else if (result.groups.length === 0 && result.inArrays > 0) empty = `✗ ${formatNumber(result.inArrays)} of the ${formatNumber(result.matched)} events hold ${request.field} inside an array, a value for each element: a group-by counts each event in one group (/ ${request.field}:VALUE finds the events with one)`;
	else if (result.groups.length === 0) empty = `✗ none of the ${formatNumber(result.matched)} events has ${request.field}: looked in each value's top level, then in ${containers.join(', ')}, then in the headers (topic, type, status, key and source name the envelope's)`;
	const [from, to] = visibleRange(list);
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Line parts={[{text: title, bold: true}]} width={width} />
			<Line parts={summary} width={width} />
			{empty === undefined
				? <CompactTable columns={columnsFor(request)} rows={result.groups.slice(from, to)} selected={list.selected - from} width={width} keyOf={([value]) => value} />
				: wrap(empty, width, size.rows - 2).map((line, index) => <Line key={index} parts={[{text: line, color: result.matched === 0 ? undefined : theme.warn}]} width={width} />)}
		</Box>
	);
}
