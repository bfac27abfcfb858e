// The bundled plugins' headless answers say the run's outages as the built-in commands do (headless-json.md
// `outages`), through the plugin API's `analysis.outages()` and `outageLines`: before, `flow graph --json` and
// `saga --json` had no such field and their text no `not read:` line, so a recording with a 45 s outage read like a
// quiet system. Subprocesses on a recording that holds outage lines, and on the same recording without them.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {outageRecording, outageSource as source} from '../support/outage-recording.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-outages-json-plugins-');

/** The recording's outage, as the JSON answers write it. */
const outage = {source, from: '2026-12-07T05:05:20.000Z', to: '2026-12-07T05:06:05.000Z', reason: 'Connection error: connect ECONNREFUSED'};

/** The recording's outage, as the text answers say it. */
const notRead = `not read: ${source} was not being read from 2026-12-07T05:05:20Z to 2026-12-07T05:06:05Z: Connection error: connect ECONNREFUSED\n`;

/** The plugins' JSON answers: the command's words, and its flags after the input. */
const answers: Array<[string[], string[]]> = [
	[['flow', 'graph'], ['--json']],
	[['saga'], ['--json']],
	[['saga'], ['--json', '--list', 'in-progress']],
];

/** The plugins' text answers: the command's words before the input, and its flags after it. */
const texts: Array<[string[], string[]]> = [
	[['flow', 'graph'], ['--width', '200']],
	[['saga'], []],
	[['saga', 'visualize', 'checkout'], []],
];

/** What `command` printed on `file` with `flags`, once it exited 0. */
async function stdoutOf(command: string[], file: string, flags: string[]): Promise<string> {
	const run = await runCli([...command, file, ...flags], {cwd: temp.path});
	expect(run.code, run.stderr).toBe(0);
	return run.stdout;
}

describe('the plugin commands\' answers on a recording that holds an outage', () => {
	it('list it in `outages` as the built-in commands do, `[]` without outage lines, and say it in their text', async () => {
		const file = outageRecording(temp.path);
		const bare = path.join(temp.path, 'bare.jsonl');
		fs.writeFileSync(bare, fs.readFileSync(file, 'utf8').split('\n').filter(line => !line.includes('"outage"')).join('\n'));
		const metrics = (JSON.parse(await stdoutOf(['metrics'], file, ['--json'])) as {outages: unknown}).outages;
		expect(metrics).toEqual([outage]);
		for (const [command, flags] of answers) {
			expect((JSON.parse(await stdoutOf(command, file, flags)) as {outages?: unknown}).outages, command.join(' ')).toEqual(metrics);
			expect((JSON.parse(await stdoutOf(command, bare, flags)) as {outages?: unknown}).outages, command.join(' ')).toEqual([]);
		}

		for (const [command, flags] of texts) {
			expect(await stdoutOf(command, file, flags), command.join(' ')).toContain(notRead);
			expect(await stdoutOf(command, bare, flags), command.join(' ')).not.toContain('not read:');
		}

		// Graphviz draws the label at the graph's top: the drawing of a run over an outage says it.
		const dot = await stdoutOf(['flow', 'graph'], file, ['--format', 'dot']);
		expect(dot).toContain(`  labelloc=t;\n  label="${notRead.trimEnd()}";\n`);
		expect(await stdoutOf(['flow', 'graph'], bare, ['--format', 'dot'])).not.toContain('label="not read:');
	}, limit(240_000));
});
