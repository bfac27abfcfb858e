// The flow graph as text lines, layer by layer: each node, then its outgoing edges as a tree (fan-out), with a
// note of where a node's hops come from when several edges lead into it (fan-in). Used by the pane and headless.
import {displayWidth, distinctCut, edgeNodeText, fit, formatCount, formatMs, formatPercent, formatRate, formatSpan, giveWay, sanitize, truncate, wrap, yet, type Piece} from '../../source/plugin-api/index.js';
import type {FlowEdge, FlowGraph} from './graph.js';

/** How a part of a line is drawn: the pane gives each role a colour (and the words say it without colour). */
export type Role = 'node' | 'layer' | 'slow' | 'error' | 'new' | 'gone' | 'dim';

/** A piece of a line; a name is what is cut when the line is too wide (see giveWay). */
export type Part = Piece & {role?: Role};

/** One line of the drawing; an edge's line names its edge (so a view can select it). */
export type GraphLine = {parts: Part[]; edge?: string};

/** Figures drawn on an edge line, by what the width allows. */
type Column = {width: number; cell: (edge: FlowEdge) => string};

/** The figure columns for a width: hops, rate (rateText), p95, error share; at ≥ 120 columns also p50, p99 and errors. */
function columns(width: number): Column[] {
	const wide = width >= 120;
	const list: Column[] = [
		{width: 8, cell: edge => formatCount(edge.count)},
		{width: 8, cell: edge => rateText(edge.ratePerSec)},
	];
	if (wide) list.push({width: 14, cell: edge => `p50 ${formatMs(edge.p50)}`});
	list.push({width: 14, cell: edge => `p95 ${formatMs(edge.p95)}`});
	if (wide) list.push({width: 14, cell: edge => `p99 ${formatMs(edge.p99)}`}, {width: 10, cell: edge => `${formatCount(edge.errors)} err`});
	list.push({width: 8, cell: edge => (edge.errors > 0 ? formatPercent(edge.errorShare) : '0 %')});
	return list;
}

/**
 * An edge's rate with its unit, per minute below 1/s and per hour below 1/min, so that a slow edge reads as a figure
 * people say (`13/s`, `3.3/s`, `4/min`, `2/h`, `<0.1/h`), never 0.067/s, in at most 7 cells below 10,000/s.
 */
function rateText(perSec: number): string {
	if (!(perSec > 0) || perSec >= 1) return `${formatRate(perSec)}/s`;
	if (perSec * 60 >= 1) return `${formatRate(perSec * 60)}/min`;
	return perSec * 3600 >= 0.1 ? `${formatRate(perSec * 3600)}/h` : '<0.1/h';
}

/** How an edge's marks read: in words (shorter below 120 columns), or symbols only when the words leave its name too little. */
type MarkForm = 'wide' | 'short' | 'symbols';

/** The marks of an edge in `form`. */
function marks(edge: FlowEdge, form: MarkForm): Part[] {
	const said = (symbol: string, wide: string, short = wide) => (form === 'symbols' ? ` ${symbol}` : ` ${symbol} ${form === 'wide' ? wide : short}`);
	const parts: Part[] = [];
	if (edge.slowest) parts.push({text: said('★', 'slowest', 'slow'), role: 'slow'});
	if (edge.mostErrors) parts.push({text: said('✗', 'most errors', 'errs'), role: 'error'});
	if (edge.appeared) parts.push({text: said('+', 'new'), role: 'new'});
	if (edge.vanished) parts.push({text: said('−', 'gone'), role: 'gone'});
	return parts;
}

/** Columns the marks take on a line. */
function widthOf(parts: readonly Part[]): number {
	return parts.reduce((total, part) => total + displayWidth(part.text), 0);
}

/** What the rates are over: the window, or the part of it seen when the run is younger (`12s seen of 1m`). */
function ratesText(graph: FlowGraph): string {
	const window = formatSpan(graph.windowMs);
	return graph.ratesOverMs < graph.windowMs ? `${formatSpan(graph.ratesOverMs)} seen of ${window}` : window;
}

/**
 * The header: what the graph is, then its slowest and most-erroring edges, on one line when they fit and else on
 * a line each; where room is short the labels shorten and the names are cut, never the figures. A graph without
 * hops says why it may have none: `notes` on correlation ids (correlationNotes), wrapped; "no hops yet" only while more
 * input may come (`more`).
 */
export function headerLines(graph: FlowGraph, width: number, notes: readonly string[] = [], more = false): GraphLine[] {
	const slowest = graph.edges.find(edge => edge.slowest);
	const errors = graph.edges.find(edge => edge.mostErrors);
	const counts = `${graph.nodes.length} nodes · ${graph.edges.length} edges`;
	const by: Part = {text: sanitize(graph.by), name: 'start'};
	const first = giveWay([
		[{text: 'Flow · nodes by '}, by, {text: ` · ${counts} · rates over ${ratesText(graph)}`}],
		[{text: 'Flow · by '}, by, {text: ` · ${counts} · over ${ratesText(graph)}`}],
	], width);
	const marked: Part[][] = [];
	const names = nodeNames(graph);
	if (slowest) marked.push([{text: '★ slowest ', role: 'slow'}, ...edgeParts(slowest, names, 'slow'), {text: ` p95 ${formatMs(slowest.p95)}`, role: 'slow'}]);
	if (errors) marked.push([{text: '✗ most errors ', role: 'error'}, ...edgeParts(errors, names, 'error'), {text: ` ${formatCount(errors.errors)} (${formatPercent(errors.errorShare)})`, role: 'error'}]);
	if (marked.length === 0) marked.push([{text: graph.edges.length === 0 ? `no hops${yet(more)}: a hop needs two events of one transaction` : 'no errors on any edge', role: 'dim'}]);
	const together = marked.flatMap((parts, index) => (index > 0 ? [{text: ' · '}, ...parts] : parts));
	const rest = displayWidth(plainText([{parts: together}])) <= width ? [together] : marked.map(parts => giveWay([parts], width));
	const why = graph.edges.length === 0 ? notes.flatMap(note => wrap(note, width, 3)).map((text): Part[] => [{text, role: 'dim'}]) : [];
	return [first, ...rest, ...why].map(parts => ({parts: cut(parts, width)}));
}

/** The graph's node names, as shown: what an edge's names are told apart from. */
export function nodeNames(graph: Pick<FlowGraph, 'nodes'>): string[] {
	return graph.nodes.map(node => sanitize(node.name));
}

/**
 * An edge's name `from->to` as two names (a node whose name holds the arrow escaped as the edge's name has it,
 * `orders-\\>eu->shipping`, so the line reads as one edge); when a line is short of room each is cut where it differs
 * from the graph's other node names `together` (`…orders.v2-events`, `…payments…`), else keeping its end.
 */
export function edgeParts(edge: Pick<FlowEdge, 'from' | 'to'>, together: readonly string[], role?: Role): Part[] {
	return [{text: sanitize(edgeNodeText(edge.from)), name: 'end', together, role}, {text: '->', role}, {text: sanitize(edgeNodeText(edge.to)), name: 'end', together, role}];
}

/** Fewest cells an edge's name is cut to before the figures close up and the marks turn to symbols. */
const nameFloor = 8;

/**
 * The figure columns at their widest figure and two spaces: `closed`, no wider than they were; else no narrower, so
 * that two figures never run together (`20 4/min`, a count of 1,234,567).
 */
function sized(cols: readonly Column[], edges: readonly FlowEdge[], closed: boolean): Column[] {
	return cols.map(column => {
		const needed = 2 + Math.max(0, ...edges.map(edge => displayWidth(column.cell(edge))));
		return {...column, width: closed ? Math.min(column.width, needed) : Math.max(column.width, needed)};
	});
}

/**
 * The graph's body: per layer, each node and its outgoing edges. An edge line keeps its figures and marks whole:
 * when the width leaves its name fewer than nameFloor cells, the figure columns close up, then the marks turn to
 * symbols (★ ✗), and the name takes what is left.
 */
export function graphLines(graph: FlowGraph, width: number): GraphLine[] {
	const wide = width >= 120;
	const prefixWidth = 6;
	// Every edge line leaves room for the widest marks, so the figures stay in columns.
	const markWidth = (form: MarkForm) => Math.max(0, ...graph.edges.map(edge => widthOf(marks(edge, form))));
	const nameRoom = (cols: readonly Column[], form: MarkForm) => width - prefixWidth - 1 - markWidth(form) - cols.reduce((total, column) => total + column.width, 0);
	const words: MarkForm = wide ? 'wide' : 'short';
	const loose = sized(columns(width), graph.edges, false);
	const cols = nameRoom(loose, words) >= nameFloor ? loose : sized(loose, graph.edges, true);
	const form = nameRoom(cols, words) >= nameFloor ? words : 'symbols';
	const longestName = Math.max(8, ...graph.edges.map(edge => displayWidth(sanitize(targetOf(edge)))));
	const nameWidth = Math.min(longestName, Math.max(1, nameRoom(cols, form)));
	// Where the names are cut, an edge that stays on its node names the node alone (its ↺ says it stays).
	const nameOf = nameWidth < longestName ? (edge: FlowEdge) => edge.to : targetOf;
	// Node names alike at both ends (`prod.eu-west-1.commerce.orders.v2-events`) are cut where they differ: from every
	// node's, not only the other edges' targets (a target cut at its end may read as a node no edge leads to).
	const cutName = distinctCut([...new Set([...graph.nodes.map(node => node.name), ...graph.edges.map(edge => nameOf(edge))])], nameWidth);
	// A node line is one name: cut where it differs from the other nodes when the line is too narrow for it.
	const cutNode = distinctCut(nodeNames(graph), width - 2);
	const lines: GraphLine[] = [];
	let layer = -1;
	for (const node of graph.nodes) {
		if (node.layer !== layer) {
			layer = node.layer;
			lines.push({parts: [{text: `layer ${layer}${layer === 0 ? ' (where transactions start)' : ''}`, role: 'layer'}]});
		}

		const incoming = graph.edges.filter(edge => edge.to === node.name && edge.from !== node.name);
		const [only] = incoming.length === 1 ? incoming : [];
		const lead = incoming.length > 1 ? `  ◀ ${incoming.length} in: ` : only !== undefined && graph.nodes.find(other => other.name === only.from)?.layer !== node.layer - 1 ? '  ◀ from ' : undefined;
		const [shownNode, upstream] = lead === undefined ? [cutNode(node.name), ''] : nodeAndUpstream(node.name, incoming.map(edge => edge.from), nodeNames(graph), width - 2, displayWidth(lead));
		const nodeParts: Part[] = [{text: '● '}, {text: shownNode, role: 'node'}];
		if (lead !== undefined) nodeParts.push({text: `${lead}${upstream}`, role: 'dim'});
		lines.push({parts: cut(nodeParts, width)});
		const outgoing = graph.edges.filter(edge => edge.from === node.name);
		for (const [index, edge] of outgoing.entries()) {
			const branch = index === outgoing.length - 1 ? '└─' : '├─';
			const arrow = edge.from === edge.to ? '↺ ' : edge.back ? '↑ ' : '▶ ';
			const figures = cols.map(column => fit(column.cell(edge), column.width, 'right')).join('');
			const parts: Part[] = [
				{text: `  ${branch}${arrow}`},
				{text: fit(cutName(nameOf(edge)), nameWidth), role: 'node'},
				{text: ` ${figures}`, role: edge.windowCount === 0 ? 'dim' : undefined},
				...marks(edge, form),
			];
			lines.push({parts: cut(parts, width), edge: edge.name});
		}
	}

	return lines;
}

/** Fewest cells a name is cut to on a node line that lists the nodes leading to it; below it the line is cut at its end. */
const upstreamFloor = 6;

/**
 * A node line's name and its list of the nodes leading to it (`notify  ◀ 2 in: payments, refunds`) in `lineRoom` cells
 * beside the list's `lead`:
 * whole when they fit, else each name cut to a share of the line where it differs from the graph's other node names
 * (`nodes`), the node taking what the list leaves. One cut at the line's end left the list one name's start, or
 * names alike; a whole node name left the list no room.
 */
function nodeAndUpstream(node: string, upstream: readonly string[], nodes: readonly string[], lineRoom: number, lead: number): [string, string] {
	const room = lineRoom - lead;
	const whole = upstream.map(name => sanitize(name)).join(', ');
	const separators = 2 * (upstream.length - 1);
	const share = Math.floor((room - separators) / (upstream.length + 1));
	if (displayWidth(sanitize(node)) + displayWidth(whole) <= room || share < upstreamFloor) return [distinctCut(nodes, lineRoom)(node), whole];
	const cutUpstream = distinctCut(nodes, share);
	const list = upstream.map(name => cutUpstream(name)).join(', ');
	return [distinctCut(nodes, room - displayWidth(list))(node), list];
}

/** What an edge line names: where it leads, or that it stays on its node. */
function targetOf(edge: FlowEdge): string {
	return edge.from === edge.to ? `${edge.to} (again)` : edge.to;
}

/** The lines as plain text (headless output). */
export function plainText(lines: readonly GraphLine[]): string {
	return lines.map(line => line.parts.map(part => part.text).join('').trimEnd()).join('\n');
}

/** Cut parts so together they take at most `width` columns. */
function cut(parts: readonly Part[], width: number): Part[] {
	const out: Part[] = [];
	let left = width;
	for (const part of parts) {
		if (left <= 0) break;
		const text = truncate(part.text, left);
		left -= displayWidth(text);
		out.push({...part, text});
	}

	return out;
}
