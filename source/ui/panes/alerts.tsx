// Pane 4: this run's firing and resolved alerts with rule, key, value vs threshold and since when, then earlier
// runs' alerts apart, as history; `a` acknowledges.
import {useMemo} from 'react';
import {Box} from 'ink';
import {usePaneKeys, type PaneProps} from '../../plugin-api/index.js';
import type {Alert} from '../../core/alerts/types.js';
import {alertsPaneBindings as bindings} from '../keys/bindings.js';
import {useListState} from '../hooks/use-list-state.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import {Line} from '../components/line.js';
import {formatSeverity} from '../format.js';
import {alertMeasure, alertSince, alertState} from '../alert-text.js';
import {alertRows, earlierAlertRows, firingCount} from '../snapshot-view.js';
import {fit} from '../text/width.js';
import {useTheme} from '../theme.js';


/** One alert on one line: state, severity, rule, key, value vs threshold, since when (`earlier`: an earlier run's). */
export function alertRowText(alert: Alert, now: number, width: number, earlier = false): string {
	const ruleWidth = width >= 140 ? 22 : 16;
	// The key takes what is left after about 40 cells for the value and the time, within reason.
	const keyWidth = Math.max(12, Math.min(40, width - 23 - ruleWidth - 40));
	return [
		fit(alertState(alert, earlier), 10),
		fit(formatSeverity(alert.severity), 10),
		fit(alert.rule, ruleWidth),
		fit(alert.key, keyWidth),
		alertMeasure(alert),
		alertSince(alert, now, earlier),
		alert.acknowledged ? '· ack' : '',
	].join(' ').trimEnd();
}

/** The Alerts pane's component. */
/** The Alerts pane (registered in built-in.ts). */
export function Alerts({snapshot, focused, size, host}: PaneProps) {
	const theme = useTheme();
	const current = useMemo(() => alertRows(snapshot), [snapshot]);
	const earlier = useMemo(() => earlierAlertRows(snapshot), [snapshot]);
	const alerts = useMemo(() => [...current, ...earlier], [current, earlier]);
	const keys = useMemo(() => alerts.map(alert => alert.id), [alerts]);
	const detailRows = 4;
	// One row goes to the line that sets earlier runs' alerts apart.
	const listRows = size.rows - 1 - detailRows - (earlier.length > 0 ? 1 : 0);
	const [list, dispatch] = useListState(keys, listRows, false);
	const selected = alerts[list.selected];
	const selectedEarlier = list.selected >= current.length;

	usePaneKeys(bindings, focused, action => {
		switch (action) {
			case 'open': {
				if (!selected) return;
				const id = selected.exampleIds[0];
				if (id === undefined) host.notify(`alert ${selected.rule} ${selected.key} has no example transaction`, 'error');
				else host.openTransaction(id);
				return;
			}

			case 'acknowledge': {
				if (!selected) return;
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
	const detail = selected
		? [
			`${selected.rule} on ${selected.key}: ${selected.message}`,
			`value ${alertMeasure(selected)} · ${alertSince(selected, snapshot.now, selectedEarlier)}${selected.acknowledged ? ' · acknowledged' : ''}`,
			selected.exampleIds.length > 0 ? `example transactions: ${selected.exampleIds.slice(0, 5).join(', ')} (Enter opens the first)` : 'no example transaction',
		]
		: [];
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Line parts={[{text: `Alerts · ${firing} firing · ${current.length - firing} resolved${earlier.length > 0 ? ` · ${earlier.length} from earlier runs` : ''} · a acknowledges · Enter opens an example`, bold: true}]} width={width} />
			<Box flexDirection="column" height={size.rows - 1 - detailRows}>
				{current.length === 0 ? <Line parts={[{text: '✓ no alerts in this run', color: theme.ok}]} width={width} /> : undefined}
				{alerts.slice(from, to).flatMap((alert, index) => {
					const row = from + index;
					const isSelected = row === list.selected;
					const isEarlier = row >= current.length;
					const firingNow = !isEarlier && alert.resolvedAt === undefined;
					const line = (
						<Line
							key={alert.id}
							parts={[isSelected ? '▶ ' : '  ', alertRowText(alert, snapshot.now, width - 2, isEarlier)]}
							width={width}
							pad={isSelected}
							inverse={isSelected}
							dim={isEarlier && !isSelected}
							color={firingNow ? (alert.severity === 'critical' ? theme.error : theme.warn) : undefined}
						/>
					);
					return row === current.length ? [<Line key="earlier" parts="── earlier runs (history: not firing now) ──" width={width} dim />, line] : [line];
				})}
			</Box>
			<Box flexDirection="column" height={detailRows}>
				<Line parts={selected ? '─ selected alert ─' : ''} width={width} dim />
				{detail.map((line, index) => <Line key={index} parts={line} width={width} />)}
			</Box>
		</Box>
	);
}

