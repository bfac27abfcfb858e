// --help examples name the bundled samples (recordings/…, scenarios/…). Run from anywhere but a clone's root, as an
// installed copy always is, `recordings/fraud.jsonl` named nothing there: the example failed as written.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-help-'));
afterAll(() => fs.rmSync(elsewhere, {recursive: true, force: true}));

/** The example lines of a help text (after `Examples:`), without their indent. */
function examples(help: string): string[] {
	return help.slice(help.indexOf('Examples:')).split('\n').slice(1).map(line => line.trim()).filter(line => line.startsWith('pubsub-tools') || line.startsWith('cat '));
}

describe('--help examples', () => {
	it('name the package\'s samples from another directory, and run as written there', async () => {
		const help = await runCli(['alerts', '--help'], {cwd: elsewhere});
		expect(help.code).toBe(0);
		const [first] = examples(help.stdout);
		expect(first).toBe(`pubsub-tools alerts ${path.join(root, 'recordings', 'fraud.jsonl')}`);
		const run = await runCli(first!.split(' ').slice(1), {cwd: elsewhere});
		expect(run.code, run.stderr).toBe(0);
		expect(run.stdout).toContain('fraud.velocity');
		const check = await runCli(['check', '--help'], {cwd: elsewhere});
		expect(check.stdout).toContain(`pubsub-tools check ${path.join(root, 'scenarios', 'ecommerce.yaml')} ${path.join(root, 'recordings', 'ecommerce.jsonl.gz')}`);
		// The bundled plugins' commands too.
		const graph = await runCli(['flow', 'graph', '--help'], {cwd: elsewhere});
		expect(graph.stdout).toContain(`pubsub-tools flow graph ${path.join(root, 'recordings', 'ecommerce.jsonl.gz')}`);
	});

	it('keep the short paths in the package\'s own folder', async () => {
		const help = await runCli(['alerts', '--help'], {cwd: root});
		expect(examples(help.stdout)[0]).toBe('pubsub-tools alerts recordings/fraud.jsonl');
	});
});
