// The transaction view: every stored event of one transaction in event-time order, hops, marks, the event's JSON.
import {useMemo} from 'react';
import {Box} from 'ink';
import {usePaneKeys} from '../../plugin-api/pane-keys.js';
import type {PaneHost} from '../../plugin-api/pane.js';
import type {TransactionInfo} from '../../plugin-api/transaction-info.js';
import type {Engine, EngineSnapshot} from '../../core/engine.js';
import {detailBindings, listBindings, transactionBindings} from '../keys/bindings.js';
import {useDetailScroll} from '../hooks/use-detail-scroll.js';
import {useListState} from '../hooks/use-list-state.js';
import {useTransaction} from '../hooks/use-transaction.js';
import {useStoredStates} from '../hooks/use-stored-states.js';
import {formatCount} from '../../core/units/format.js';
import {listActionFor, visibleRange} from '../state/list-state.js';
import {Line} from '../components/line.js';
import {JsonView} from '../components/json-view.js';
import {eventJson} from '../event-json.js';
import {useTheme} from '../theme.js';
import {stateLine, stepLine, timelineColumns, timelineHeading, issueLine, summaryLine, viewNames} from './timeline.js';
import {infoLines} from './info-lines.js';
import {wrap} from '../text/width.js';

const bindings = [...listBindings, ...detailBindings, ...transactionBindings];

/** Props of the transaction view. */
export type TransactionScreenProps = {
	engine: Pick<Engine, 'transaction' | 'store' | 'config'>;
	/** The id it was opened with. */
	id: string;
	snapshot: EngineSnapshot;
	focused: boolean;
	size: {columns: number; rows: number};
	host: Pick<PaneHost, 'copy' | 'notify'>;
	/** Plugins' lines about the transaction (a saga's state), shown under its ids. */
	info?: readonly TransactionInfo[];
	/** Store sequence of the event it was opened on (Enter on a message): selected in the timeline, else the first step. */
	eventSeq?: number;
};

/** The transaction view's component (mount one per id). */
export function TransactionScreen({engine, id, snapshot, focused, size, host, info, eventSeq}: TransactionScreenProps) {
	const theme = useTheme();
	const {view, folding} = useStoredStates(engine, useTransaction(engine, id, snapshot.totals.stored));
	const steps = view?.steps;
	const keys = useMemo(() => (steps ?? []).map(step => String(step.event.seq)), [steps]);
	const issues = (view?.issues ?? []).slice(0, size.rows >= 40 ? 6 : 2);
	const names = useMemo(() => viewNames(steps ?? [], view?.issues ?? []), [steps, view?.issues]);
	// The plugins' lines and the outcome they tell, recomputed with the view (a new event joined it) or the clock (a
	// step fell overdue); each line wrapped on two rows at most: a saga line's last words (COMPENSATION MISSING: …)
	// are its most important.
	// eslint-disable-next-line react-hooks/exhaustive-deps -- the snapshot's clock decides when to recompute; its other figures do not
	const told = useMemo(() => (view ? infoLines(info ?? [], view, snapshot) : {lines: []}), [info, view, snapshot.now]);
	const extra = useMemo(() => told.lines.flatMap(line => wrap(line, size.columns, 2)).slice(0, size.rows >= 40 ? 4 : 2), [told, size.rows, size.columns]);
	const side = size.columns >= 140;
	// The aggregate state line takes a row when the transaction's events follow a state machine, or while a capped
	// transaction's states are folded from every stored event.
	const stateful = folding || (steps?.some(step => step.state?.machine !== undefined) ?? false);
	const headRows = 3 + issues.length + (stateful ? 1 : 0) + extra.length;
	const listWidth = side ? Math.floor(size.columns * 0.55) : size.columns;
	const jsonWidth = side ? size.columns - listWidth - 1 : size.columns;
	// Stacked, the timeline takes what its steps need up to half the room; the event's JSON gets the rest.
	const listRows = side ? size.rows - headRows : Math.max(3, Math.min(keys.length, Math.floor((size.rows - headRows) * 0.5)));
	const jsonRows = side ? listRows : size.rows - headRows - listRows;
	// Opened on an event, the timeline starts on its step (a redelivery, part of the step it repeats, starts on the first).
	const [list, dispatch, afterKeys] = useListState(keys, listRows, false, undefined, eventSeq === undefined ? undefined : String(eventSeq));
	const selected = steps?.[list.selected];
	const [jsonWindow, scrollJson] = useDetailScroll(selected && String(selected.event.seq), selected && eventJson(selected.event), jsonRows - 1);

	usePaneKeys(bindings, focused, action => {
		const chosen = steps?.[afterKeys().selected];
		if (action === 'scroll-down' || action === 'scroll-up') {
			if (chosen) scrollJson(action, {key: String(chosen.event.seq), text: eventJson(chosen.event)});
			return;
		}

		if (action === 'copy') {
			if (!chosen) return;
			host.copy(eventJson(chosen.event), `event ${chosen.event.seq}`);
			return;
		}

		dispatch(listActionFor(action));
	});

	const width = size.columns;
	if (!view) {
		return (
			<Box flexDirection="column" width={width} height={size.rows}>
				<Line parts={[{text: `Transaction ${id}`, bold: true}]} width={width} />
				<Line parts={[{text: `✗ no stored event has the id "${id}" (it may have aged out of the store)`, color: theme.error}]} width={width} />
				<Line parts="Esc goes back" width={width} />
			</Box>
		);
	}

	const [from, to] = visibleRange(list);
	const state = selected && stateLine(selected);
	const columns = timelineColumns(listWidth - 2, view.steps);
	const timeline = (
		<Box flexDirection="column" width={listWidth} height={listRows}>
			{view.steps.slice(from, to).map((step, index) => {
				const at = from + index;
				const isSelected = at === list.selected;
				const marked = step.slow || step.error || step.event.status === 'blocked';
				return (
					<Line
						key={step.event.seq}
						parts={[isSelected ? '▶ ' : '  ', stepLine(step, at, columns)]}
						width={listWidth}
						pad={isSelected}
						inverse={isSelected}
						color={step.error ? theme.error : marked ? theme.warn : undefined}
					/>
				);
			})}
		</Box>
	);
	const json = (
		<JsonView
			title={selected ? `Event ${selected.event.seq} (${list.selected + 1} of ${view.steps.length})` : 'Event'}
			window={jsonWindow}
			empty="no event selected"
			width={jsonWidth}
			height={jsonRows}
		/>
	);
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Line parts={summaryLine(id, view, told.outcome, width)} width={width} />
			<Line parts={`ids: ${view.ids.join(', ')}`} width={width} />
			{folding && <Line parts={`aggregate state: folding ${formatCount(snapshot.totals.stored)} stored events…`} width={width} dim />}
			{stateful && !folding && <Line parts={[{text: state ?? 'no state machine knows this event', color: selected?.state?.applied === false ? theme.error : undefined}]} width={width} />}
			{extra.map((line, index) => <Line key={`info-${index}`} parts={line} width={width} />)}
			{issues.map((issue, index) => (
				<Line key={index} parts={issueLine(issue, width, names)} width={width} color={issue.kind === 'error' ? theme.error : theme.warn} />
			))}
			<Line parts={timelineHeading(columns, [from, to], view.steps.length, listWidth)} width={width} dim />
			{side
				? (
					<Box flexDirection="row">
						{timeline}
						<Box width={1} />
						{json}
					</Box>
				)
				: (
					<>
						{timeline}
						{json}
					</>
				)}
		</Box>
	);
}
