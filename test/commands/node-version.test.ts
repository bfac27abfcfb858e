// On a Node.js older than package.json's engines (npm only warns), the program ran until an API it needs was
// missing, and said something else: a gzip recording on Node 20.10 was "1 malformed line skipped (line 1: read
// error: zlib.crc32 is not a function)". It now says which Node it needs at start. The older Node is this one with
// its reported version changed before the program loads (a real Node 20.10 from the npm registry said the same).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-node-version-'));
afterAll(() => fs.rmSync(work, {recursive: true, force: true}));
const floor = (JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {engines: {node: string}}).engines.node.replace('>=', '');

/** NODE_OPTIONS that make the CLI's Node report `version`. */
function reporting(version: string): Record<string, string> {
	const file = path.join(work, `node-${version}.mjs`);
	fs.writeFileSync(file, `Object.defineProperty(process.versions, 'node', {value: '${version}'});\n`);
	return {NODE_OPTIONS: `--import=${file}`};
}

describe('the Node.js version', () => {
	it('older than engines is said at start, before any work, with exit 1', async () => {
		const result = await runCli(['metrics', path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz')], {env: reporting('20.10.0')});
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toBe(`pubsub-tools: needs Node.js ${floor} or later; this is Node.js 20.10.0 (${process.execPath}). Install a newer Node.js and run it again.\n`);
	});

	it('at the floor runs', async () => {
		const result = await runCli(['--version'], {env: reporting(floor)});
		expect(result.code, result.stderr).toBe(0);
	});

	it('is compared part by part, not as text', async () => {
		expect((await runCli(['--version'], {env: reporting('20.9.0')})).code).toBe(1);
		expect((await runCli(['--version'], {env: reporting('21.0.0')})).code).toBe(0);
	});
});
