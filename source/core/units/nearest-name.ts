// The known name a mistyped one is closest to, for "did you mean" in messages (config keys, command names).
import leven from 'leven';

/** The known name within a few edits of `name` (case ignored), or undefined when none is close enough. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
	const lower = name.toLowerCase();
	let best: string | undefined;
	let bestDistance = Number.POSITIVE_INFINITY;
	for (const candidate of known) {
		const distance = leven(lower, candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}

	return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}
