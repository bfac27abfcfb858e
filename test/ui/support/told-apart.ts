// Whether names cut to fit a column (`…orders.v2-events`, `…checkout…`) can still be told apart: each shown name
// stands for exactly one real name, and different shown names for different names.
import {expect} from 'vitest';

/** The names of `names` that `shown` (a name as cut: its pieces between `…`, in order) could stand for. */
export function readAs(shown: string, names: readonly string[]): string[] {
	const pieces = shown.split('…').filter(piece => piece !== '');
	return names.filter(name => {
		let from = 0;
		for (const piece of pieces) {
			const at = name.indexOf(piece, from);
			if (at < 0) return false;
			from = at + piece.length;
		}

		return (shown.startsWith('…') || name.startsWith(pieces[0]!)) && (shown.endsWith('…') || name.endsWith(pieces.at(-1)!));
	});
}

/** Each of `shown` stands for exactly one of `names`, and different ones for different names. */
export function toldApart(shown: readonly string[], names: readonly string[], frame: string): void {
	expect(shown.length, frame).toBeGreaterThan(0);
	for (const text of shown) expect(readAs(text, names), `${text} in\n${frame}`).toHaveLength(1);
	const distinct = new Set(shown);
	expect(new Set([...distinct].map(text => readAs(text, names)[0])).size, frame).toBe(distinct.size);
}
