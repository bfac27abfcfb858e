// Loading plugins as a user does: the README's example from a path, from the config's plugins: list, and every way
// a plugin can be unusable, each said in one line naming it while the command still gives its full answer.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const work = useTempDir('pubsub-plugin-loading-');
const root = path.resolve(import.meta.dirname, '../..');
const recording = path.join(root, 'recordings/ecommerce.jsonl.gz');

/** The plugin the README shows, written where a user would save it. */
function readmePlugin(): string {
	const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
	const match = /<!-- plugin-example: (\S+) -->\n```js\n([\s\S]*?)```/.exec(readme);
	if (!match) throw new Error('README has no plugin example');
	const file = path.join(work.path, match[1]!);
	fs.writeFileSync(file, match[2]!);
	return file;
}

const plugin = (name: string, body: string) => {
	const file = path.join(work.path, name);
	fs.writeFileSync(file, body);
	return file;
};

describe('plugins loaded from a path', () => {
	// Five runs of the CLI, three over a recording of 25 k events: more than the default minute on a loaded machine.
	it('runs the README example: its command, its stage in a headless command, its alerts, listed by `plugins`', async () => {
		const file = readmePlugin();
		const counts = await runCli(['type-counts', recording, '--plugin', file]);
		expect(counts.stderr).toBe('');
		expect(counts.code).toBe(0);
		const {types: byType, outages} = JSON.parse(counts.stdout) as {types: Record<string, number>; outages: unknown[]};
		expect(outages).toEqual([]);
		const metrics = JSON.parse((await runCli(['metrics', recording, '--json'])).stdout) as {events: number};
		expect(Object.values(byType).reduce((sum, count) => sum + count, 0)).toBe(metrics.events);
		expect(byType.PaymentFailed).toBe(333);

		const alerts = await runCli(['alerts', recording, '--json', '--plugin', file]);
		expect(alerts.code).toBe(0);
		const own = alerts.stdout.trim().split('\n').map(line => JSON.parse(line) as {rule: string; key: string; severity: string; exampleIds: string[]})
			.filter(alert => alert.rule === 'type-counts.failed');
		expect(own.length).toBeGreaterThan(0);
		for (const alert of own) expect(alert).toMatchObject({key: 'PaymentFailed', severity: 'warning'});
		expect(own[0]!.exampleIds[0]).toMatch(/^(ORD|TXN)-/);

		const listed = await runCli(['plugins', '--json', '--plugin', file]);
		expect(JSON.parse(listed.stdout)).toMatchObject({plugins: expect.arrayContaining([{name: 'type-counts', panes: [], stages: ['type-counts'], commands: ['type-counts'], transactionLines: []}]), problems: []});
		expect((await runCli(['--help', '--plugin', file])).stdout).toMatch(/type-counts\s+events per event type \(plugin type-counts\)/);
	}, limit(120_000));

	it('loads the plugins a config file lists, relative to that file', async () => {
		const dir = path.join(work.path, 'project');
		fs.mkdirSync(path.join(dir, 'tools'), {recursive: true});
		fs.copyFileSync(readmePlugin(), path.join(dir, 'tools', 'counts.mjs'));
		fs.writeFileSync(path.join(dir, 'pubsub-tools.config.yaml'), 'plugins: [tools/counts.mjs]\n');
		const result = await runCli(['type-counts', recording], {cwd: dir});
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({types: {PaymentFailed: 333}});
	});

	it('leaves out each unusable plugin with a line naming it, and still answers in full', async () => {
		const bad = [
			['missing', path.join(work.path, 'nowhere.mjs'), 'cannot be loaded: no such file'],
			['syntax', plugin('syntax.mjs', 'export default {name: \'x\',,}'), 'cannot be loaded: '],
			['not a plugin', plugin('not-a-plugin.mjs', 'export default 42;'), 'its default export is not a plugin'],
			['future', plugin('future.mjs', 'export default {name: \'future\', apiVersion: 2, setup() {}};'), 'plugin "future" was written for plugin API version 2; this pubsub-tools offers version 1; left out'],
			['setup throws', plugin('throws.mjs', 'export default {name: \'throws\', apiVersion: 1, setup() { throw new Error(\'needs a token\'); }};'), 'plugin "throws": setup failed: needs a token; left out'],
			['clash', plugin('clash.mjs', 'export default {name: \'clash\', apiVersion: 1, setup(c) { c.registerCommand({name: \'metrics\', summary: \'\', help: \'\', run: async () => 0}); }};'), 'plugin "clash", command "metrics": a command with this name already exists; left out'],
			['pane key', plugin('pane-key.mjs', 'export default {name: \'keys\', apiVersion: 1, setup(c) { c.registerPane({id: \'k\', title: \'K\', key: \'1\', bindings: [], render: () => null}); }};'), 'plugin "keys", pane "k": key 1 already switches to pane "overview"; left out'],
			['stage throws', plugin('stage-throws.mjs', 'export default {name: \'late\', apiVersion: 1, setup(c) { c.registerStage({name: \'late\', create: () => ({onBatch(b) { if (b.now > 0) throw new Error(\'bad event\'); }, snapshot: () => 0})}); }};'), 'stage "late" stopped: onBatch threw bad event; the run goes on without it'],
		] as const;
		const result = await runCli(['metrics', recording, '--json', ...bad.flatMap(([, file]) => ['--plugin', file])]);
		expect(result.code).toBe(0);
		for (const [what, file, line] of bad) {
			// A module that cannot be used is named by its path; one that loaded, by its name.
			const named = line.startsWith('plugin "') || line.startsWith('stage "') ? line : `plugin ${file}: ${line}`;
			expect(result.stderr.split('\n').filter(each => each.includes(named)), what).toHaveLength(1);
		}

		const clean = JSON.parse((await runCli(['metrics', recording, '--json'])).stdout) as unknown;
		expect(JSON.parse(result.stdout)).toEqual(clean);
		const listed = await runCli(['plugins', ...bad.flatMap(([, file]) => ['--plugin', file])]);
		expect(listed.code).toBe(1);
		expect(listed.stdout).toContain('left out:');
		expect(listed.stdout).toContain('late\n  stages: late');
	});

	it('lists the transaction-view lines a plugin adds, as it lists its panes, stages and commands', async () => {
		const file = plugin('tx-line.mjs', 'export default {name: \'tx-line\', apiVersion: 1, setup(c) { c.registerTransactionInfo({name: \'steps\', lines: view => [`${view.steps.length} steps`]}); }};');
		const listed = await runCli(['plugins', '--json', '--plugin', file]);
		expect(listed.code, listed.stderr).toBe(0);
		const {plugins} = JSON.parse(listed.stdout) as {plugins: Array<{name: string; transactionLines: string[]}>};
		expect(plugins.find(entry => entry.name === 'tx-line')).toMatchObject({transactionLines: ['steps']});
		expect(plugins.find(entry => entry.name === 'sagas')).toMatchObject({transactionLines: ['saga']});
		expect((await runCli(['plugins', '--plugin', file])).stdout).toContain('tx-line\n  transaction lines: steps');
	});

	it('lists a plugin whose names hold escape sequences with them escaped, never raw', async () => {
		const file = plugin('escapes.mjs', 'export default {name: \'evil\\u001b]0;TITLE\\u0007\', apiVersion: 1, setup(c) { c.registerPane({id: \'e\', title: \'Evil\\u001b[31mTab\', bindings: [], render: () => null}); }};');
		const listed = await runCli(['plugins', '--plugin', file]);
		expect(listed.code, listed.stderr).toBe(0);
		expect(listed.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
		expect(listed.stdout).toContain('Tab');
	});
});
