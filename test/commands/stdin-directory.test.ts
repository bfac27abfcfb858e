// `-` given a directory on standard input (`metrics - < DIR`) is refused as a directory path is, not read as empty.
import {spawnSync} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-stdin-directory-');
const cli = path.resolve(import.meta.dirname, '../../dist/source/cli.js');

describe('a directory on standard input', () => {
	it('metrics - < DIR: "standard input (-) is a directory, not a recording", exit 1, nothing on stdout', () => {
		const directory = fs.openSync(temp.path, 'r');
		try {
			const run = spawnSync(process.execPath, [cli, 'metrics', '-'], {cwd: temp.path, stdio: [directory, 'pipe', 'pipe'], encoding: 'utf8'});
			expect(run.stderr).toBe('pubsub-tools: standard input (-) is a directory, not a recording\n');
			expect(run.stdout).toBe('');
			expect(run.status).toBe(1);
		} finally {
			fs.closeSync(directory);
		}
	});
});
