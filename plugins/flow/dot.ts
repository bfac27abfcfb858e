// The flow graph as Graphviz DOT (`flow graph --format dot | dot -Tsvg > flow.svg`).
import {formatCount, formatMs, formatPercent} from '../../source/plugin-api/index.js';
import type {FlowGraph} from './graph.js';

/** A DOT string literal: quotes and backslashes escaped, line breaks as DOT's \n, other control characters dropped (names come from messages). */
function quoted(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (char === '\n') out += '\\n';
		else if (char === '"' || char === '\\') out += `\\${char}`;
		else if (code >= 0x20 && code !== 0x7f && !(code >= 0x80 && code < 0xa0)) out += char;
	}

	return `"${out}"`;
}

/**
 * The graph in DOT: left to right by layer; edges labelled with hops, p95 and error share; marks in colour and words.
 * `notes` (the run's `not read: …` lines) become the graph's label at its top: a drawing over an outage says so.
 */
export function toDot(graph: FlowGraph, notes: readonly string[] = []): string {
	const lines = ['digraph flow {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
	if (notes.length > 0) lines.push('  labelloc=t;', `  label=${quoted(notes.join('\n'))};`);
	for (const node of graph.nodes) lines.push(`  ${quoted(node.name)} [label=${quoted(`${node.name}\n${formatCount(node.hopsIn)} in · ${formatCount(node.hopsOut)} out`)}];`);
	for (const edge of graph.edges) {
		const words = [`${formatCount(edge.count)} hops`, `p95 ${formatMs(edge.p95)}`];
		if (edge.errors > 0) words.push(`${formatPercent(edge.errorShare)} errors`);
		if (edge.slowest) words.push('slowest');
		if (edge.mostErrors) words.push('most errors');
		if (edge.appeared) words.push('new');
		if (edge.vanished) words.push('gone');
		const style = [`label=${quoted(words.join('\n'))}`];
		// Errors outrank slowness in colour; the label names both.
		if (edge.slowest || edge.mostErrors) style.push(`color="${edge.mostErrors ? 'red' : 'orange'}"`, 'penwidth=2.5');
		if (edge.vanished) style.push('style=dashed');
		lines.push(`  ${quoted(edge.from)} -> ${quoted(edge.to)} [${style.join(', ')}];`);
	}

	lines.push('}');
	return lines.join('\n');
}
