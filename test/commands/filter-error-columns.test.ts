// A filter that does not parse names its column as a reader counts characters: an emoji or an accent made of two
// code points is one, so the column points at the place whatever precedes it.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/claims-store.jsonl');
const temp = useTempDir('pubsub-filter-columns-');

describe('filter syntax errors', () => {
	it('count the column in characters, not UTF-16 code units', async () => {
		const cases: Array<[string, string]> = [
			// 👍 is two code units, e + U+0301 two code points: each one character before the space.
			['👍👍 amount>x', 'expected a number after "amount>", got "x" at column 11'],
			['e\u0301 amount>zz', 'expected a number after "amount>", got "zz" at column 10'],
			['amount>x', 'expected a number after "amount>", got "x" at column 8'],
			['注文 "open', 'unterminated quote at column 4'],
		];
		for (const [filter, said] of cases) {
			const result = await runCli(['query', recording, '--group-by', 'client_id', '--where', filter], {cwd: temp.path});
			expect([result.code, result.stderr.trim()], filter).toEqual([2, `pubsub-tools: --where: ${said}`]);
		}
	});
});
