// A filter that does not parse names its column as a reader counts characters: an emoji or an accent made of two
// code points is one, so the column points at the place whatever precedes it; a bound that is no number as values are read is one.
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

describe('filter comparison bounds', () => {
	it('take a number as values are read: 1e3 is one, 0x10 and Infinity are not (exit 2, the column named)', async () => {
		const bad = await runCli(['query', recording, '--group-by', 'client_id', '--where', 'montant_estime>0x10'], {cwd: temp.path});
		expect([bad.code, bad.stderr.trim()]).toEqual([2, 'pubsub-tools: --where: expected a number after "montant_estime>", got "0x10" at column 16']);
		const infinite = await runCli(['query', recording, '--group-by', 'client_id', '--where', 'montant_estime<Infinity'], {cwd: temp.path});
		expect(infinite.code).toBe(2);
		const [above, bySixteen] = await Promise.all(['montant_estime>=1e3', 'montant_estime>16'].map(async filter => {
			const result = await runCli(['query', recording, '--group-by', 'client_id', '--where', filter, '--json'], {cwd: temp.path});
			expect(result.code, result.stderr).toBe(0);
			return (JSON.parse(result.stdout) as {matched: number}).matched;
		}));
		expect(above).toBeGreaterThan(0);
		expect(bySixteen).toBeGreaterThanOrEqual(above!);
	});
});
