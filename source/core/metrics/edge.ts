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
