// Edge names as the `metrics --json` contract spells them: "A->B". A node whose own name holds the arrow (or the
// escape character) is written escaped, `\` as `\\` and `->` as `-\>`, so that two edges never share a name:
// `a->b` to `c` is `a-\>b->c`, `a` to `b->c` is `a->b-\>c`. Ordinary names are written as they are.

const arrow = '->';
const escapeChar = '\\';

/** A node's name as an edge name writes it: as it is, unless it holds the arrow or a backslash (then escaped). */
export function edgeNodeText(node: string): string {
	if (!node.includes(arrow) && !node.includes(escapeChar)) return node;
	return node.replaceAll(escapeChar, escapeChar + escapeChar).replaceAll(arrow, '-' + escapeChar + '>');
}

/** The node an escaped side of an edge name stands for (edgeNodeText undone). */
function nodeOfText(text: string): string {
	return text.includes(escapeChar) ? text.replaceAll(/\\(.)/gsu, '$1') : text;
}

/** The edge name of a hop from node `from` to node `to`. */
export function edgeName(from: string, to: string): string {
	return edgeNodeText(from) + arrow + edgeNodeText(to);
}

/**
 * The two nodes of an edge name: split at its first arrow (an escaped node holds none), each side unescaped. A name
 * without an arrow is the source alone (['name', '']).
 */
export function edgeNodes(edge: string): [string, string] {
	const at = edge.indexOf(arrow);
	return at === -1 ? [nodeOfText(edge), ''] : [nodeOfText(edge.slice(0, at)), nodeOfText(edge.slice(at + arrow.length))];
}

/** Edge names of node pairs, each made once, so hops share one string per edge (cheap to hash downstream). */
export class EdgeNames {
	private readonly names = new Map<string, Map<string, string>>();
	private size = 0;

	/** `limit` bounds the pairs remembered; names of further pairs are made each time. */
	constructor(private readonly limit = 10_000) {}

	/** The edge name of a hop from node `from` to node `to`. */
	of(from: string, to: string): string {
		let row = this.names.get(from);
		let name = row?.get(to);
		if (name !== undefined) return name;
		name = edgeName(from, to);
		if (this.size < this.limit) {
			if (!row) this.names.set(from, (row = new Map()));
			row.set(to, name);
			this.size++;
		}

		return name;
	}
}
