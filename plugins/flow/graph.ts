// The flow graph: nodes in layers (longest path from the entry nodes), edges with their figures and marks.
import type {EdgeView, Percentiles} from '../../source/plugin-api/index.js';
import type {SlowHop} from './slowest.js';

/** What an edge's figures are made from: whole-run (or window) totals and the window's rate. */
export type EdgeInput = {name: string; from: string; to: string; count: number; errors: number; windowCount: number; ratePerSec: number; previousCount: number} & Percentiles;

/** One edge of the graph. */
export type FlowEdge = EdgeInput & {
	/** errors / count (0 without hops). */
	errorShare: number;
	/** Hops in the window and none in the window before it. */
	appeared: boolean;
	/** None in the window and some in the window before it. */
	vanished: boolean;
	/** The edge with the highest p95. */
	slowest: boolean;
	/** The edge with the most errors. */
	mostErrors: boolean;
	/** Goes back to an earlier layer (or to its own node): a retry or a loop. */
	back: boolean;
	/** Its slowest transactions, slowest first. */
	slowestTransactions: SlowHop[];
};

/** One node: its layer (0 = where transactions start), hop counts in and out, and distinct neighbours. */
export type FlowNode = {name: string; layer: number; hopsIn: number; hopsOut: number; fanIn: number; fanOut: number};

/** The whole graph, as `flow graph --json` prints it. */
export type FlowGraph = {
	by: string;
	windowMs: number;
	/** The part of the window the rates are over: less than `windowMs` while the run (or the input) is shorter. */
	ratesOverMs: number;
	nodes: FlowNode[];
	/** Ordered as drawn: by layer of `from`, node order in the layer, then most hops first. */
	edges: FlowEdge[];
	slowest?: string;
	mostErrors?: string;
};

/** Edge inputs from the engine's edge views: whole-run count, errors and percentiles (from `whole` when given). */
export function edgeInputs(views: readonly EdgeView[], whole?: Record<string, {count: number; errors: number} & Percentiles>): EdgeInput[] {
	return views.map(view => {
		const run = whole?.[view.name];
		return {
			name: view.name, from: view.from, to: view.to,
			count: run?.count ?? view.total, errors: run?.errors ?? view.totalErrors,
			p50: run?.p50 ?? view.p50, p95: run?.p95 ?? view.p95, p99: run?.p99 ?? view.p99,
			windowCount: view.count, ratePerSec: view.ratePerSec, previousCount: view.previousCount,
		};
	});
}

/** The part of a window of `windowMs` that edge views' rates are over (all of it when there are none). */
export function ratesOver(views: readonly EdgeView[], windowMs: number): number {
	return views[0]?.watchedMs ?? windowMs;
}

/** Build the graph: layers, node order, marks, and each edge's slowest transactions. */
export function flowGraph(inputs: readonly EdgeInput[], options: {by: string; windowMs: number; ratesOverMs: number; slowest: Record<string, SlowHop[]>}): FlowGraph {
	const names = [...new Set(inputs.flatMap(edge => [edge.from, edge.to]))].sort();
	const back = backEdges(names, inputs);
	const layers = layering(names, inputs.filter(edge => !back.has(edge.name)));
	const order = nodeOrder(names, layers, inputs);
	const nodes = names.map((name): FlowNode => {
		const incoming = inputs.filter(edge => edge.to === name);
		const outgoing = inputs.filter(edge => edge.from === name);
		return {
			name, layer: layers.get(name)!,
			hopsIn: sum(incoming), hopsOut: sum(outgoing),
			fanIn: new Set(incoming.map(edge => edge.from)).size, fanOut: new Set(outgoing.map(edge => edge.to)).size,
		};
	}).sort((a, b) => order.get(a.name)! - order.get(b.name)!);

	const slowest = pick(inputs, edge => edge.p95, edge => edge.count > 0 && Number.isFinite(edge.p95));
	const mostErrors = pick(inputs, edge => edge.errors, edge => edge.errors > 0);
	const edges = inputs.map((edge): FlowEdge => ({
		...edge,
		errorShare: edge.count === 0 ? 0 : edge.errors / edge.count,
		appeared: edge.windowCount > 0 && edge.previousCount === 0,
		vanished: edge.windowCount === 0 && edge.previousCount > 0,
		slowest: edge.name === slowest,
		mostErrors: edge.name === mostErrors,
		back: back.has(edge.name),
		slowestTransactions: options.slowest[edge.name] ?? [],
	})).sort((a, b) => order.get(a.from)! - order.get(b.from)! || b.count - a.count || order.get(a.to)! - order.get(b.to)!);
	return {by: options.by, windowMs: options.windowMs, ratesOverMs: options.ratesOverMs, nodes, edges, slowest, mostErrors};
}

/** Total hops of some edges. */
function sum(edges: readonly EdgeInput[]): number {
	return edges.reduce((total, edge) => total + edge.count, 0);
}

/** The name of the edge with the highest `value` among those `eligible` (ties: the first by name). */
function pick(edges: readonly EdgeInput[], value: (edge: EdgeInput) => number, eligible: (edge: EdgeInput) => boolean): string | undefined {
	let best: EdgeInput | undefined;
	for (const edge of edges) {
		if (!eligible(edge)) continue;
		if (!best || value(edge) > value(best) || (value(edge) === value(best) && edge.name < best.name)) best = edge;
	}

	return best?.name;
}

/**
 * Edges that close a cycle (self-loops included), found by a depth-first search that starts from the nodes
 * nothing leads to (then any left), busiest edges first: removing them leaves the layers a DAG.
 */
function backEdges(names: readonly string[], edges: readonly EdgeInput[]): Set<string> {
	const out = new Map<string, EdgeInput[]>(names.map(name => [name, []]));
	for (const edge of edges) out.get(edge.from)!.push(edge);
	for (const list of out.values()) list.sort((a, b) => b.count - a.count || (a.to < b.to ? -1 : 1));
	const hasIncoming = new Set(edges.filter(edge => edge.from !== edge.to).map(edge => edge.to));
	const state = new Map<string, 'open' | 'done'>();
	const back = new Set<string>();
	const visit = (start: string) => {
		// Iterative, so a long chain of steps cannot overflow the stack.
		const stack: Array<{node: string; next: number}> = [{node: start, next: 0}];
		state.set(start, 'open');
		while (stack.length > 0) {
			const top = stack.at(-1)!;
			const edge = out.get(top.node)![top.next++];
			if (!edge) {
				state.set(top.node, 'done');
				stack.pop();
				continue;
			}

			const seen = state.get(edge.to);
			if (seen === 'open') back.add(edge.name);
			else if (seen === undefined) {
				state.set(edge.to, 'open');
				stack.push({node: edge.to, next: 0});
			}
		}
	};

	for (const name of names) if (!hasIncoming.has(name)) visit(name);
	for (const name of names) if (!state.has(name)) visit(name);
	return back;
}

/** Longest-path layers over an acyclic set of edges: a node sits one layer below its deepest predecessor. */
function layering(names: readonly string[], edges: readonly EdgeInput[]): Map<string, number> {
	const layers = new Map<string, number>(names.map(name => [name, 0]));
	const indegree = new Map<string, number>(names.map(name => [name, 0]));
	for (const edge of edges) indegree.set(edge.to, indegree.get(edge.to)! + 1);
	const ready = names.filter(name => indegree.get(name) === 0);
	while (ready.length > 0) {
		const node = ready.shift()!;
		for (const edge of edges) {
			if (edge.from !== node) continue;
			layers.set(edge.to, Math.max(layers.get(edge.to)!, layers.get(node)! + 1));
			const left = indegree.get(edge.to)! - 1;
			indegree.set(edge.to, left);
			if (left === 0) ready.push(edge.to);
		}
	}

	return layers;
}

/** A position for every node: layer by layer, in a layer by the mean position of its predecessors, then by name. */
function nodeOrder(names: readonly string[], layers: Map<string, number>, edges: readonly EdgeInput[]): Map<string, number> {
	const order = new Map<string, number>();
	const deepest = Math.max(0, ...layers.values());
	for (let layer = 0; layer <= deepest; layer++) {
		const members = names.filter(name => layers.get(name) === layer).map(name => {
			const from = edges.filter(edge => edge.to === name && order.has(edge.from)).map(edge => order.get(edge.from)!);
			return {name, at: from.length === 0 ? Infinity : from.reduce((a, b) => a + b, 0) / from.length};
		});
		members.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : 1));
		for (const member of members) order.set(member.name, order.size);
	}

	return order;
}
