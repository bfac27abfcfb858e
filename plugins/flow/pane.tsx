// Pane 5, Flow: the graph in layers with live rates and p95 per edge; an edge's slowest transactions, Enter opens one.
import {useMemo, useRef, useState} from 'react';
import {Box} from 'ink';
import {correlationNotes, formatCount, formatMs, formatTime, giveWay, moreMayCome, sanitize, usePaneKeys, useTheme, yet, type PaneProps, type Piece, type Theme} from '../../source/plugin-api/index.js';
import {Line, type Segment} from '../../source/plugin-api/components.js';
import {flowBindings as bindings, type FlowAction} from './bindings.js';
import {edgeInputs, flowGraph, ratesOver} from './graph.js';
import {flowStageName, type FlowStageSnapshot} from './slowest.js';
import {edgeParts, graphLines, headerLines, nodeNames, type GraphLine, type Role} from './text.js';
import type {FlowEdge, FlowGraph} from './graph.js';


/** The colour of each role (none without colour: the words and symbols say it). */
function colourOf(role: Role | undefined, theme: Theme): Partial<Segment> {
	switch (role) {
		case 'node': return {color: theme.accent};
		case 'layer': return {bold: true};
		case 'slow': return {color: theme.warn};
		case 'error': return {color: theme.error};
		case 'new': return {color: theme.ok};
		case 'gone':
		case 'dim': return {dim: true};
		default: return {};
	}
}

/** The line over an edge's slowest transactions: the hint gives way first, then the edge's names (cut where they differ from the graph's other nodes). */
function listHeader(edge: FlowEdge | undefined, graph: FlowGraph, width: number): Array<Segment & Piece> {
	if (edge === undefined) return [{text: 'select an edge (↑ ↓) to list its slowest transactions', bold: true}];
	const name = edgeParts(edge, nodeNames(graph));
	const bold = (parts: Piece[]) => parts.map(part => ({...part, bold: true}));
	return giveWay([
		bold([{text: 'slowest transactions on '}, ...name, {text: ' (← → choose, Enter opens):'}]),
		bold([{text: 'slowest transactions on '}, ...name, {text: ':'}]),
	], width);
}

/** The part of `lines` to show in `rows` rows so that line `focus` is visible (it stays in the middle third). */
function scrolled<T>(lines: readonly T[], focus: number, rows: number): {from: number; shown: T[]} {
	if (lines.length <= rows) return {from: 0, shown: [...lines]};
	const from = Math.max(0, Math.min(lines.length - rows, focus - Math.floor(rows / 3)));
	return {from, shown: lines.slice(from, from + rows)};
}

/** The Flow pane's component (registered by index.ts on key 5). */
export function Flow({engine, snapshot, focused, size, host}: PaneProps) {
	const theme = useTheme();
	const [selectedEdge, setSelectedEdge] = useState<string | undefined>(undefined);
	const [selectedTx, setSelectedTx] = useState(0);
	const {graph, notes} = useMemo(() => {
		const slowest = engine.stage<FlowStageSnapshot>(flowStageName)?.slowest ?? {};
		// Hops, errors and percentiles of the whole run beside rates over the window, as `flow graph` draws them: taken
		// with each snapshot, so a paused view stays still.
		const {edges} = snapshot.view;
		const summary = engine.summary();
		return {
			graph: flowGraph(edgeInputs(edges, summary.edges), {by: engine.config.hops.nodes, windowMs: snapshot.windowMs, ratesOverMs: ratesOver(edges, snapshot.windowMs), slowest}),
			notes: correlationNotes(summary.correlation, formatCount),
		};
	}, [engine, snapshot]);
	const header = headerLines(graph, size.columns, notes, moreMayCome(snapshot.sources));
	// One column for the selection mark.
	const body = graphLines(graph, size.columns - 1);
	const edgeLines = body.filter(line => line.edge !== undefined);
	const edgeName = selectedEdge !== undefined && graph.edges.some(edge => edge.name === selectedEdge) ? selectedEdge : edgeLines[0]?.edge;
	const edge = graph.edges.find(each => each.name === edgeName);
	const transactions = edge?.slowestTransactions ?? [];
	const tx = Math.min(selectedTx, Math.max(0, transactions.length - 1));

	// The selection as the keys pressed so far left it: keys typed fast reach the handler before the frame that
	// follows the previous one, and `j j` must move two edges down.
	const afterKeys = useRef({edge: edgeName, tx});
	afterKeys.current = {edge: edgeName, tx};
	const select = (name: string | undefined) => {
		setSelectedEdge(name);
		setSelectedTx(0);
		afterKeys.current = {edge: name, tx: 0};
	};

	const chooseTx = (chosen: number) => {
		setSelectedTx(chosen);
		afterKeys.current = {...afterKeys.current, tx: chosen};
	};

	// Rows: the header (2), the graph, a rule and the selected edge's slowest transactions.
	const listRows = Math.max(2, Math.min(transactions.length + 1, Math.floor(size.rows / 3)));
	const graphRows = Math.max(1, size.rows - header.length - listRows - 1);
	// A page moves by the edges a screen of the graph shows (its node and layer lines take the other rows).
	const pageEdges = Math.max(1, body.slice(0, graphRows).filter(line => line.edge !== undefined).length);
	const steps: Partial<Record<FlowAction, number>> = {up: -1, down: 1, 'page-up': -pageEdges, 'page-down': pageEdges, top: -Infinity, bottom: Infinity};

	usePaneKeys(bindings, focused, action => {
		const {edge: current, tx: currentTx} = afterKeys.current;
		const kept = graph.edges.find(each => each.name === current)?.slowestTransactions ?? [];
		const index = edgeLines.findIndex(line => line.edge === current);
		const step = steps[action];
		if (step !== undefined) {
			const next = edgeLines[Math.max(0, Math.min(edgeLines.length - 1, index + step))];
			if (next) select(next.edge);
		} else if (action === 'previous') chooseTx(Math.max(0, currentTx - 1));
		else if (action === 'next') chooseTx(Math.min(Math.max(0, kept.length - 1), currentTx + 1));
		else if (action === 'slowest') select(graph.slowest ?? current);
		else if (action === 'errors') {
			if (graph.mostErrors) select(graph.mostErrors);
			else host.notify('no edge has errors');
		} else if (action === 'open') {
			const chosen = kept[currentTx];
			if (chosen) host.openTransaction(chosen.id);
			else host.notify(`no transaction kept for this edge${yet(moreMayCome(snapshot.sources))}`);
		}
	});

	const focus = body.findIndex(line => line.edge === edgeName);
	const {shown} = scrolled(body, Math.max(0, focus), graphRows);
	const draw = (line: GraphLine, key: number) => {
		const selected = line.edge !== undefined && line.edge === edgeName;
		const parts = line.parts.map((part): Segment => ({text: part.text, ...colourOf(part.role, theme), inverse: selected}));
		return <Line key={key} parts={[{text: selected ? '▶' : ' ', inverse: selected}, ...parts]} width={size.columns} />;
	};

	const txRows = scrolled(transactions, tx, listRows - 1);
	return (
		<Box flexDirection="column" width={size.columns} height={size.rows}>
			{header.map((line, index) => <Line key={`h${index}`} parts={line.parts.map(part => ({text: part.text, ...colourOf(part.role, theme), bold: index === 0}))} width={size.columns} />)}
			{/* With no hops the header says so; the graph is empty. */}
			{shown.map(draw)}
			<Box flexGrow={1} />
			<Line parts={listHeader(edge, graph, size.columns)} width={size.columns} />
			{txRows.shown.map((hop, index) => {
				const chosen = txRows.from + index === tx;
				return (
					<Line
						key={`t${index}`}
						// The id gives way to the latency and the error mark, keeping its end (where ids differ).
						parts={giveWay<Segment & Piece>([[
							{text: chosen ? '▶ ' : '  ', inverse: chosen},
							{text: `${formatMs(hop.latencyMs).padStart(10)}  ${formatTime(hop.at)}  `, inverse: chosen},
							{text: sanitize(hop.id), inverse: chosen, color: theme.accent, name: 'end'},
							...(hop.error ? [{text: '  ✗ error', color: theme.error, inverse: chosen}] : []),
						]], size.columns)}
						width={size.columns}
					/>
				);
			})}
		</Box>
	);
}
