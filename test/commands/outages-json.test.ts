// The headless JSON answers say the run's outages (headless-json.md `outages`), as subprocesses on a recording that
// holds outage lines: before, `metrics --json` and the others had no such field, so a script could not tell a quiet
// system from one that was not being read for 45 s. One without outage lines says `[]`; a hostile line's credentials
// are masked and its control characters escaped.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {outageRecording, outageSource as source} from '../support/outage-recording.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-outages-json-');

/** The recording's outage, as the JSON answers write it. */
const outage = {source, from: '2026-12-07T05:05:20.000Z', to: '2026-12-07T05:06:05.000Z', reason: 'Connection error: connect ECONNREFUSED'};

/** Each JSON answer that covers what an input held: the command's words, and its flags after the input. */
const answers: Array<[string[], string[]]> = [
	[['metrics'], ['--json']],
	[['flow', 'analyze'], ['--id', 'O5', '--json']],
	[['query'], ['--group-by', 'topic', '--json']],
	[['state'], ['--json']],
	[['state'], ['--id', 'O5', '--json']],
	[['audit', 'query'], ['--id', 'O5', '--format', 'json']],
];

/** The `outages` of `command` run on `file` with `flags`, once it exited 0. */
async function outagesOf(command: string[], file: string, flags: string[]): Promise<unknown> {
	const run = await runCli([...command, file, ...flags], {cwd: temp.path});
	expect(run.code, run.stderr).toBe(0);
	return (JSON.parse(run.stdout) as {outages?: unknown}).outages;
}

describe('the headless JSON answers of a recording that holds an outage', () => {
	it('list it in `outages` with its source, times and reason, and `[]` without outage lines', async () => {
		const file = outageRecording(temp.path);
		const bare = path.join(temp.path, 'bare.jsonl');
		fs.writeFileSync(bare, fs.readFileSync(file, 'utf8').split('\n').filter(line => !line.includes('"outage"')).join('\n'));
		for (const [command, flags] of answers) expect(await outagesOf(command, file, flags), command.join(' ')).toEqual([outage]);
		// One function writes them all: two answers show the empty list.
		for (const [command, flags] of answers.slice(0, 2)) expect(await outagesOf(command, bare, flags), command.join(' ')).toEqual([]);

		// The text says it too, on standard output with the figures it concerns.
		const text = await runCli(['metrics', file], {cwd: temp.path});
		expect(text.stdout).toContain(`not read: ${source} was not being read from 2026-12-07T05:05:20Z to 2026-12-07T05:06:05Z: Connection error: connect ECONNREFUSED\n`);
		expect((await runCli(['metrics', bare], {cwd: temp.path})).stdout).not.toContain('not read:');
	}, limit(240_000));

	it('keep one --from reaches into, one whose beginning was lost, and one that never ended (no `to`); credentials masked, control characters escaped', async () => {
		const file = outageRecording(temp.path);
		// --from keeps an outage it reaches into; a recording whose first line of it was lost has its end alone.
		expect(await outagesOf(['metrics'], file, ['--from', '2026-12-07T05:05:30Z', '--json'])).toEqual([outage]);
		const ended = path.join(temp.path, 'ended.jsonl');
		fs.writeFileSync(ended, fs.readFileSync(file, 'utf8').split('\n').filter(line => !line.includes('"reason"')).join('\n'));
		expect(await outagesOf(['metrics'], ended, ['--json'])).toEqual([{source, from: outage.from, to: outage.to}]);
		const hostile = path.join(temp.path, 'hostile.jsonl');
		const line = {$recording: {version: 1, outage: {source: 'redis://app:s3cret@10.0.0.5:6379', from: '2026-12-07T05:06:10.000Z', reason: 'AUTH failed for redis://app:s3cret@10.0.0.5:6379 \u001B[31mred\u001B[0m'}}};
		fs.writeFileSync(hostile, `${fs.readFileSync(file, 'utf8')}${JSON.stringify(line)}\n`);
		const run = await runCli(['metrics', hostile, '--json'], {cwd: temp.path});
		expect(run.stdout).not.toContain('s3cret');
		expect(run.stdout).not.toContain('\\u001b');
		const outages = (JSON.parse(run.stdout) as {outages: Array<Record<string, string>>}).outages;
		expect(outages).toEqual([outage, {source: 'redis://***@10.0.0.5:6379', from: '2026-12-07T05:06:10.000Z', reason: 'AUTH failed for redis://***@10.0.0.5:6379 \\e[31mred\\e[0m'}]);
	}, limit(240_000));
});
