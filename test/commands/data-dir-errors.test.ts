// `--data-dir` where the store's directory cannot be made, as a subprocess: the answer names the level that failed and
// why, in words. Before, Node's recursive mkdir named the deepest path with an error code (ENOENT for a read-only
// parent), and under /proc it never returned. Root ignores a 0555 directory, so the unmakable places are a path under
// a regular file and one under /proc, which refuse root too.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli, startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-data-dir-errors-');
const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

describe('metrics --data-dir where no directory can be made', () => {
	it('under a regular file: names the level and says a part of the path is a file', async () => {
		const file = path.join(temp.path, 'plain');
		fs.writeFileSync(file, 'x');
		const run = await runCli(['metrics', recording, '--data-dir', path.join(file, 'sub', 'store')], {cwd: temp.path});
		expect(run.stderr).toBe(`pubsub-tools: cannot open the store: cannot make ${path.join(file, 'sub')}: a part of the path is a file, not a directory\n`);
		expect(run.code).not.toBe(0);
	}, limit(60_000));

	it('under /proc: answers at once, naming the level /proc refuses', async () => {
		// It used to spin for ever: the test ends the process itself, so a failure leaves none behind.
		const running = startCli(['metrics', recording, '--data-dir', '/proc/pubsub-tools-nowhere/store'], {cwd: temp.path});
		running.child.stdin.end();
		const run = await Promise.race([running.exited, new Promise<undefined>(resolve => {
			setTimeout(resolve, limit(30_000)).unref();
		})]).finally(() => running.child.kill('SIGKILL'));
		if (run === undefined) throw new Error('metrics did not exit: it still tries to make its data dir under /proc');
		expect(run.stderr).toBe('pubsub-tools: cannot open the store: cannot make /proc/pubsub-tools-nowhere: its file system does not let directories be made there\n');
		expect(run.code).not.toBe(0);
	}, limit(60_000));
});
