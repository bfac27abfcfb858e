// The Sagas pane: per saga its counts and its steps as a diagram, then the failed, timed-out and uncompensated
// instances; Enter opens the selected instance's transaction, s shows the next saga.
import {useMemo, useState} from 'react';
import {Box} from 'ink';
import {listActionFor, moreMayCome, useListState, usePaneKeys, useTheme, visibleRange, wrap, yet, type PaneProps} from '../../source/plugin-api/index.js';
import {Line} from '../../source/plugin-api/components.js';
import {sagasBindings as bindings} from './bindings.js';
import {diagramLines} from './diagram.js';
import {instanceDetail, stateLabels} from './instance-text.js';
import {sagaStageName, type SagasSnapshot} from './stage.js';


/** The Sagas pane's component (registered by index.ts). */
export function Sagas({engine, snapshot, focused, size, host}: PaneProps) {
	const theme = useTheme();
	// The stage's snapshot, read when the engine's snapshot changes (at most 10 a second, held while paused).
	// eslint-disable-next-line react-hooks/exhaustive-deps -- snapshot is the clock that says the stage moved, not an input
	const sagas = useMemo(() => engine.stage<SagasSnapshot>(sagaStageName)?.sagas ?? [], [engine, snapshot]);
	const found = sagas.filter(report => report.applies && report.counts.instances > 0);
	const [chosen, choose] = useState(0);
	const report = found[chosen % Math.max(1, found.length)];
	// Once the input has ended no saga is still to come: "yet" and "so far" would promise what cannot arrive.
	const more = moreMayCome(snapshot.sources);
	const problems = report?.problems ?? [];
	const keys = useMemo(() => (report?.problems ?? []).map(instance => instance.id), [report?.problems]);
	const width = size.columns;
	const full = report ? diagramLines(report) : [];
	const compact = report ? diagramLines(report, true) : [];
	// The full diagram when the list keeps 5 rows beside it; else compact, the list giving up rows down to 2 for it;
	// a diagram taller still is cut with a line that says so (never a saga's end missing in silence).
	const room = (listRows: number) => size.rows - 2 - 1 - listRows;
	const cut = Math.max(1, room(2) - 1);
	const diagram = full.length <= room(5) ? full : compact.length <= room(2) ? compact
		: [...compact.slice(0, cut), `  … ${compact.length - cut} more lines: a taller terminal, or pubsub-tools saga visualize`];
	const listRows = size.rows - 2 - diagram.length - 1;
	const [list, dispatch, afterKeys] = useListState(keys, listRows, false);

	usePaneKeys(bindings, focused, action => {
		if (action === 'open') {
			const chosen = problems[afterKeys().selected];
			if (chosen) host.openTransaction(chosen.id);
			return;
		}

		if (action === 'next-saga') {
			if (found.length > 1) choose((chosen + 1) % found.length);
			else host.notify(found.length === 1 ? `${found[0]!.name} is the only saga with instances${more ? ' so far' : ''}` : `no saga has instances${yet(more)}`);
			return;
		}

		dispatch(listActionFor(action));
	});

	if (!report) {
		return (
			<Box flexDirection="column" width={width} height={size.rows}>
				<Line parts={[{text: 'Sagas', bold: true}]} width={width} />
				{/* Wrapped, not cut: at 80 columns the definitions' names and where to write one ran off the line. */}
				{[
					{text: `no saga found${yet(more)}: no definition matches the events${more ? ' so far' : ''} (${sagas.map(saga => saga.name).join(', ')})`, dim: false},
					{text: 'Definitions: pluginOptions.sagas in pubsub-tools.config.yaml (see docs/plugin-api.md)', dim: true},
				].flatMap(({text, dim}, said) => wrap(text, width, 3).map((line, index) => <Line key={`none${said}-${index}`} parts={line} width={width} dim={dim} />))}
			</Box>
		);
	}

	const [from, to] = visibleRange(list);
	return (
		<Box flexDirection="column" width={width} height={size.rows}>
			<Line
				parts={[{text: 'Sagas', bold: true}, ' · ', ...found.map((other, index) => (index === chosen % found.length ? {text: `[${other.name}]`, bold: true} : ` ${other.name} `)), found.length > 1 ? ' · s next saga' : '']}
				width={width}
			/>
			{diagram.map((line, index) => <Line key={`d${index}`} parts={line} width={width} color={line.includes('MISSING') ? theme.error : undefined} />)}
			<Line parts={`─ failed, timed-out and uncompensated ${report.name} instances (${problems.length}) · Enter opens the transaction ─`} width={width} dim />
			<Box flexDirection="column" height={listRows}>
				{problems.length === 0 ? <Line parts={[{text: '✓ none', color: theme.ok}]} width={width} /> : undefined}
				{problems.slice(from, to).map((instance, index) => {
					const isSelected = from + index === list.selected;
					return (
						<Line
							key={instance.id}
							parts={[isSelected ? '▶ ' : '  ', `${stateLabels[instance.state]} ${instance.id} · ${instanceDetail(instance)}`]}
							width={width}
							pad={isSelected}
							inverse={isSelected}
							color={instance.compensationsMissing.length > 0 && !instance.open ? theme.error : theme.warn}
						/>
					);
				})}
			</Box>
		</Box>
	);
}
