// A recording file that cannot be written (a full disk) is said in one line naming it, as standard output's failures are.
import path from 'node:path';
import fs from 'node:fs';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-record-output-errors-');
const recording = path.resolve(import.meta.dirname, '../../recordings/claims.jsonl');

describe.skipIf(!fs.existsSync('/dev/full'))('record -o a file that cannot be written', () => {
	it('-o /dev/full: "cannot write recording /dev/full: disk full", exit 1, no stack', async () => {
		const result = await runCli(['record', recording, '-o', '/dev/full'], {cwd: temp.path, env: {TMPDIR: temp.path}});
		expect(result.code).toBe(1);
		expect(result.stderr).toBe('pubsub-tools: cannot write recording /dev/full: disk full\n');
		// The run's temporary store is removed all the same.
		expect(fs.readdirSync(temp.path).filter(name => name.startsWith('pubsub-tools-store-'))).toEqual([]);
	});
});
