// `*` wildcards of filter values, matched without backtracking: a pattern such as `*a*a*a*a*b` compiled to one
// regular expression took time to the power of its stars on a long text (a 20 KB value hung a command for minutes).

/** A test of a text against a wildcard pattern. */
export type WildcardTest = (text: string) => boolean;

/** `literal` as the source of a regex that matches it and nothing else. */
function escaped(literal: string): string {
	return literal.replaceAll(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

/**
 * A case-insensitive test of a text against a pattern with `*` wildcards: the whole text when anchored, else
 * anywhere in it. Each part between stars is found leftmost after the one before (the earliest place leaves the most
 * room for the rest, so no other place need be tried): at most the text's length times the pattern's.
 */
export function wildcardTest(pattern: string, anchored: boolean): WildcardTest {
	const parts = (anchored ? pattern : `*${pattern}*`).split('*');
	if (parts.length === 1) {
		const whole = new RegExp(`^${escaped(parts[0]!)}$`, 'i');
		return text => whole.test(text);
	}

	// Without the `u` flag a letter folds to one code unit, so a part matches exactly its own length.
	const first = parts[0]!;
	const last = parts.at(-1)!;
	// Sticky: each is tried only where it must be.
	const firstAt = new RegExp(escaped(first), 'iy');
	const lastAt = new RegExp(escaped(last), 'iy');
	const middles = parts.slice(1, -1).filter(part => part !== '').map(part => ({
		length: part.length,
		search: new RegExp(escaped(part), 'ig'),
	}));
	const at = (regex: RegExp, text: string, index: number): boolean => {
		regex.lastIndex = index;
		return regex.test(text);
	};

	return text => {
		if (first.length + last.length > text.length) return false;
		if (first !== '' && !at(firstAt, text, 0)) return false;
		let from = first.length;
		for (const middle of middles) {
			middle.search.lastIndex = from;
			const found = middle.search.exec(text);
			if (found === null) return false;
			from = found.index + middle.length;
		}

		const lastStart = text.length - last.length;
		return lastStart >= from && (last === '' || at(lastAt, text, lastStart));
	};
}
