// A run whose command waits on a promise nothing will settle, with nothing else pending: Node ends the process
// (unsettled top-level await, code 13) without a word. The CLI says it in one line and exits 1, and its temporary
// store is gone all the same. The CLI as a subprocess, made to hang by a plugin command (an async hook of the plugin
// API) that reads its input, then awaits a close that never comes.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const work = useTempDir('pubsub-unsettled-run-');
const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

/** A plugin command that analyzes its input, says the stores in TMPDIR then, and awaits what nothing settles. */
const hangingPlugin = `import fs from 'node:fs';
import os from 'node:os';
export default {
	name: 'hang',
	apiVersion: 1,
	setup(context) {
		context.registerCommand({
			name: 'hang',
			summary: 'reads its input, then waits for a close that never comes',
			help: '',
			async run(args, flags, host) {
				await host.analyze(args, flags);
				process.stderr.write('stores: ' + fs.readdirSync(os.tmpdir()).join(' ') + '\\n');
				await new Promise(() => {});
				return 0;
			},
		});
	},
};
`;

describe('a run that ends while still waiting', () => {
	it('says so in one line, exits 1, and leaves no temporary store', async () => {
		const plugin = path.join(work.path, 'hang.mjs');
		fs.writeFileSync(plugin, hangingPlugin);
		const tmp = path.join(work.path, 'tmp');
		fs.mkdirSync(tmp);
		const result = await runCli(['hang', recording, '--plugin', plugin], {env: {TMPDIR: tmp}});
		// The store was there while the command ran: the check below that it is gone is not vacuous.
		expect(result.stderr).toMatch(/^stores: pubsub-tools-store-\S+\n/);
		expect(result.stderr.split('\n').slice(1).join('\n')).toBe('pubsub-tools: internal error: the run ended while still waiting for the command to finish, with nothing left that could bring it; please report it\n');
		expect(result.code).toBe(1);
		expect(fs.readdirSync(tmp)).toEqual([]);
	}, limit(60_000));
});
