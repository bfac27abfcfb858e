// A plugin written in plain JavaScript passes formatTable what it guesses, unchecked by any compiler: a row written as
// an object, or a cell left undefined, is said as such by the plugin's command, not as a TypeError deep inside.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');
const temp = useTempDir('pubsub-format-table-');

/** Run a `.mjs` plugin's command `guess`, which prints `formatTable(['type', 'events'], ROWS)` (ROWS: JavaScript). */
async function guess(rows: string) {
	fs.mkdirSync(path.join(temp.path, 'node_modules'), {recursive: true});
	if (!fs.existsSync(path.join(temp.path, 'node_modules/pubsub-tools'))) fs.symlinkSync(root, path.join(temp.path, 'node_modules/pubsub-tools'), 'dir');
	const file = path.join(temp.path, 'guess.mjs');
	fs.writeFileSync(file, [
		`import {formatTable} from 'pubsub-tools/plugin-api';`,
		`export default {name: 'guess', apiVersion: 1, setup(context) {`,
		`	context.registerCommand({name: 'guess', summary: 'a table', help: '', async run(args, flags, host) { host.print(formatTable(['type', 'events'], ${rows})); return 0; }});`,
		`}};`,
	].join('\n'));
	return runCli(['guess', '--plugin', file], {cwd: temp.path});
}

describe('formatTable given what a plain-JavaScript plugin guesses', () => {
	it('prints rows given as arrays of cells in the order of the headers', async () => {
		const result = await guess(`[['OrderCreated', 1204]]`);
		expect(result.stderr).toBe('');
		expect(result.stdout).toBe('type          events\nOrderCreated   1,204');
	});

	it('says which row is an object, not an array of cells', async () => {
		const result = await guess(`[{type: 'OrderCreated', events: 1204}]`);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('formatTable: row 0 is object, not an array of cells in the order of the headers');
	});

	it('says which cell is neither text nor a number', async () => {
		const result = await guess(`[['OrderCreated', 1204], ['PaymentFailed', undefined]]`);
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('formatTable: row 1, column 1 is undefined, not a string or number');
	});
});
