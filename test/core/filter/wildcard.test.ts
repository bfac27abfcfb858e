// The wildcard matcher against the regular expression it replaced, on random short patterns and texts (where that
// regex's backtracking is harmless): the same answer every time.
import {describe, expect, it} from 'vitest';
import {wildcardTest} from '../../../source/core/filter/wildcard.js';

/** The old meaning: `*` as `[\s\S]*`, the rest literal, case-insensitive; whole text when anchored. */
function reference(pattern: string, anchored: boolean): RegExp {
	const body = pattern.split('*').map(part => part.replaceAll(/[\\^$.|?+()[\]{}]/g, '\\$&')).join('[\\s\\S]*');
	return new RegExp(anchored ? `^${body}$` : body, 'i');
}

describe('wildcardTest', () => {
	it('answers as the regular expression would', () => {
		const letters = ['a', 'A', 'b', '*', '.', 'é', 'É', '\n', 'ß', '('];
		let seed = 11;
		const next = (below: number) => {
			seed = (seed * 16_807) % 2_147_483_647;
			return seed % below;
		};

		const word = (most: number) => Array.from({length: next(most + 1)}, () => letters[next(letters.length)]).join('');
		let matches = 0;
		const differing: string[] = [];
		for (let i = 0; i < 10_000; i++) {
			const pattern = word(6);
			const text = word(9).replaceAll('*', '');
			for (const anchored of [true, false]) {
				const want = reference(pattern, anchored).test(text);
				if (wildcardTest(pattern, anchored)(text) !== want) differing.push(JSON.stringify({pattern, text, anchored}));
				if (want) matches++;
			}
		}

		expect(differing).toEqual([]);
		expect(matches).toBeGreaterThan(1000);
	});
});
