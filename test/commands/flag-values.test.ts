// A flag's value that starts with `-` is the flag's value, not flags of its own: `--window -5m` is a window the
// flag's own check refuses, by name; the parser used to answer "Unknown flag -5m", without saying which flag.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/fraud.jsonl');

describe('flag values starting with -', () => {
	const temp = useTempDir('pubsub-flag-values-');

	it.each([
		[['metrics', recording, '--window', '-5m'], 'pubsub-tools: --window: expected a duration like 10s, 5m or 1h, got "-5m"'],
		[['state', recording, '--stuck', '-2h'], 'pubsub-tools: --stuck: expected a duration like 10s, 5m or 1h, got "-2h"'],
	])('%j is refused by the flag it belongs to', async (args, said) => {
		const result = await runCli(args, {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stderr.trim()).toBe(said);
		expect(result.stdout).toBe('');
	});

	it('still reads a flag of the command after a flag given no value', async () => {
		const result = await runCli(['record', recording, '--filter', '-o', 'out.jsonl'], {cwd: temp.path});
		expect(result.code, result.stderr).toBe(0);
		expect(result.stderr).toContain('to out.jsonl');
	});
});
