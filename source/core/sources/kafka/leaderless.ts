// Partitions without a leader (a broker down, an election under way), named the same way wherever they are said.

/** Partitions named for people: the first few `topic/partition`, and how many more. */
export function leaderlessWords(partitions: string[]): string {
	const shown = partitions.slice(0, 3).join(', ');
	return partitions.length > 3 ? `${partitions.length} partitions (${shown}, …)` : `partition${partitions.length > 1 ? 's' : ''} ${shown}`;
}
