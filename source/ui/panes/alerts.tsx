// Pane 4: this run's alerts, firing first (most severe first), then resolved ones with how long they lasted, then
// earlier runs' alerts apart, as history; acknowledged ones dimmed; the selected alert in full; the last hour's
// firings and resolutions on a time line, when the terminal has rows for it and the list. `a` acknowledges.
import {useMemo} from 'react';
import {Box} from 'ink';
import {moreMayCome, yet} from '../../core/more-input.js';
import {usePaneKeys, type PaneProps} from '../../plugin-api/index.js';
import type {Alert} from '../../core/alerts/types.js';
import {alertsPaneBindings as bindings} from './built-in.js';
import {useListState} from '../hooks/use-list-state.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import {Line} from '../components/line.js';
import {rowText, tableHeader, tableLayout, type TableColumn} from '../components/compact-table.js';
import {markLine} from '../components/chart-lines.js';
import {formatTime} from '../format.js';
import {formatCount} from '../../core/units/format.js';
import {alertLead, alertMeasure, alertSince} from '../alert-text.js';
import {alertRows, earlierAlertRows, firingCount} from '../snapshot-view.js';
import {displayWidth, wrap} from '../text/width.js';
import {useTheme} from '../theme.js';


/** An alert as the pane lists it: this run's, or an earlier run's (history). */
type AlertRow = {alert: Alert; earlier: boolean};

/** Rows under the list: the selected alert in full (a rule and three lines), then the last hour (a rule and two lines). */
const detailRows = 4;
const timelineRows = 3;
/** Fewest alerts listed with the last hour shown: on a shorter terminal the list takes its rows. */
const fewestListed = 4;
const hourMs = 3_600_000;

/** Cells the key column is kept, severity and value giving way first: a saga key (`name instance-id`) whole. */
const wholeKey = 40;

/** Cells a rule name is cut to, when even without severity and value the key would get fewer than it keeps. */
const ruleKept = 12;

/**
 * The alert columns: the key gets the room; the row leads with the state mark and the severity (alertLead; the list
 * is in sections: firing, resolved, earlier runs); times are to the second, and the severity word and the value give way before
 * the keys (up to `wholeKey` cells) would be cut: nine `saga.timeout` rows must not read alike. Below 80 cells a
 * resolved alert says how long it lasted and when it ended, and a long rule name is cut (to `ruleKept`) before the key.
 */
function alertColumns(now: number, width: number): Array<TableColumn<AlertRow>> {
	const short = width < 120;
	const form = width < 80 ? 'narrow' : short ? 'short' : 'full';
	return [
		// Led as `alerts` and the Overview lead: the mark and the severity, the severity giving way first (the mark stays).
		{name: '', cell: row => alertLead(row.alert, row.earlier), short: row => alertLead(row.alert, row.earlier, 0, false), drop: 3},
		{name: 'rule', cell: row => row.alert.rule, min: ruleKept},
		// Cut, a key keeps its end: saga keys differ in their instance id, after the saga's name (an edge, slo.latency's
		// key, is cut on each side of its arrow: distinctCut).
		{name: 'key', cell: row => row.alert.key, grow: true, min: 14, want: wholeKey, keep: 'end'},
		{name: 'value', cell: row => alertMeasure(row.alert), drop: 2},
		{name: 'when', cell: row => alertSince(row.alert, now, row.earlier, form)},
		{name: '', cell: row => (row.alert.acknowledged ? '· ack' : '')},
	];
}

/** This run's firings (✗) and resolutions (✓) within the hour before `now`, newest first, as words. */
function recentTransitions(alerts: Alert[], now: number): Array<{at: number; symbol: string; text: string}> {
	const since = now - hourMs;
	const fired = alerts.map(alert => ({at: alert.firedAt, symbol: '✗', text: `${alert.rule} ${alert.key}`}));
	const resolved = alerts.flatMap(alert => (alert.resolvedAt === undefined ? [] : [{at: alert.resolvedAt, symbol: '✓', text: `${alert.rule} ${alert.key}`}]));
	return [...fired, ...resolved].filter(each => each.at >= since && each.at <= now).sort((a, b) => b.at - a.at);
}

/** The Alerts pane's component. */
/** The Alerts pane (registered in built-in.ts). */
export function Alerts({snapshot, focused, size, host}: PaneProps) {
	const theme = useTheme();
	const current = useMemo(() => alertRows(snapshot), [snapshot]);
	const earlier = useMemo(() => earlierAlertRows(snapshot), [snapshot]);
	const rows = useMemo<AlertRow[]>(() => [...current.map(alert => ({alert, earlier: false})), ...earlier.map(alert => ({alert, earlier: true}))], [current, earlier]);
	const keys = useMemo(() => rows.map(row => row.alert.id), [rows]);
	// The title, the header and its rule, and one row for the line that sets earlier runs' alerts apart.
	const roomAbove = size.rows - 3 - detailRows - (earlier.length > 0 ? 1 : 0);
	const hourRows = roomAbove - timelineRows >= fewestListed ? timelineRows : 0;
	const listRows = Math.max(1, roomAbove - hourRows);
	const [list, dispatch, afterKeys] = useListState(keys, listRows, false);
	const selectedRow = rows[list.selected];
	const selected = selectedRow?.alert;

	usePaneKeys(bindings, focused, action => {
		const selected = rows[afterKeys().selected]?.alert;
		switch (action) {
			case 'open': {
				if (!selected) {
					host.notify(`no alert to open: none has fired${yet(moreMayCome(snapshot.sources))}`);
					return;
				}

				const id = selected.exampleIds[0];
				if (id === undefined) host.notify(`alert ${selected.rule} ${selected.key} has no example transaction`, 'error');
				else host.openTransaction(id);
				return;
			}

			case 'acknowledge': {
				if (!selected) {
					host.notify(`no alert to acknowledge: none has fired${yet(moreMayCome(snapshot.sources))}`);
					return;
				}

				host.acknowledgeAlert(selected.id);
				host.notify(`acknowledged ${selected.rule} ${selected.key}`);
				return;
			}

			default: {
				dispatch(listActionFor(action));
			}
		}
	});

	const firing = firingCount(snapshot);
	const [from, to] = visibleRange(list);
	const width = size.columns;
	const shown = rows.slice(from, to);
	// Laid out over every row, not the ones shown: the columns stay put while the selection scrolls.
	const columns = tableLayout(alertColumns(snapshot.alertNow, width), rows, width);
	const header = tableHeader(columns);
	const detail = selected
		? wrap(`${selected.rule} on ${selected.key}: ${selected.message} · value ${alertMeasure(selected)} · ${alertSince(selected, snapshot.alertNow, selectedRow.earlier)}${selected.acknowledged ? ' · acknowledged' : ''} · ${selected.exampleIds.length > 0 ? `example transactions: ${selected.exampleIds.slice(0, 5).join(', ')} (newest first; Enter opens the newest)` : 'no example transaction'}`, width, detailRows - 1)
		: [];
	const recent = recentTransitions(snapshot.alerts, snapshot.alertNow);
	const timeline = markLine(recent.map(each => ({at: each.at, symbol: each.symbol})), {width, from: snapshot.alertNow - hourMs, to: snapshot.alertNow, label: 'last 1h'});
	const latest = recent.length === 0 ? 'no alert fired or resolved in the last hour' : recent.slice(0, 6).map(each => `${formatTime(each.at).slice(0, 8)} ${each.symbol} ${each.text}`).join(' · ');
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Line parts={[{text: `Alerts · ${firing} firing · ${formatCount(snapshot.resolved)} resolved${earlier.length > 0 ? ` · ${earlier.length} from earlier runs` : ''} · a acknowledges · Enter opens an example`, bold: true}]} width={width} />
			<Box flexDirection="column" height={size.rows - 1 - detailRows - hourRows}>
				{current.length === 0 ? <Line parts={[{text: '✓ no alerts in this run', color: theme.ok}]} width={width} /> : undefined}
				{rows.length === 0 ? undefined : <Line parts={[{text: header, bold: true, color: theme.accent}]} width={width} />}
				{rows.length === 0 ? undefined : <Line parts={'─'.repeat(Math.min(width, displayWidth(header)))} width={width} dim />}
				{shown.flatMap((row, index) => {
					const at = from + index;
					const isSelected = at === list.selected;
					const firingNow = !row.earlier && row.alert.resolvedAt === undefined;
					const line = (
						<Line
							key={row.alert.id}
							parts={[isSelected ? '▶ ' : '  ', rowText(columns, row)]}
							width={width}
							pad={isSelected}
							inverse={isSelected}
							dim={(row.earlier || Boolean(row.alert.acknowledged)) && !isSelected}
							color={firingNow ? (row.alert.severity === 'critical' ? theme.error : theme.warn) : undefined}
						/>
					);
					return at === current.length ? [<Line key="earlier" parts="── earlier runs (history: not firing now) ──" width={width} dim />, line] : [line];
				})}
			</Box>
			<Box flexDirection="column" height={detailRows}>
				<Line parts={selected ? '─ selected alert ─' : ''} width={width} dim />
				{detail.map((line, index) => <Line key={index} parts={line} width={width} />)}
			</Box>
			{hourRows > 0 && (
				<Box flexDirection="column" height={hourRows}>
					<Line parts="─ last hour: ✗ fired, ✓ resolved ─" width={width} dim />
					<Line parts={timeline} width={width} />
					<Line parts={latest} width={width} />
				</Box>
			)}
		</Box>
	);
}

