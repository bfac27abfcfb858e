// Edge names as the `metrics --json` contract spells them: "A->B".

const arrow = '->';

/** The edge name of a hop from node `from` to node `to`. */
export function edgeName(from: string, to: string): string {
	return from + arrow + to;
}

/** The two nodes of an edge name (split at the first arrow). */
export function edgeNodes(edge: string): [string, string] {
	const at = edge.indexOf(arrow);
	return at === -1 ? [edge, ''] : [edge.slice(0, at), edge.slice(at + arrow.length)];
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
