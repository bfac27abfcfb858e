// A flag a command does not have is one line on stderr, named as ours like every other error, exit 2, for every
// command the program lists (plugins' too); the parser used to say it in two lines of its own (`Unknown flag`, `--bogus`).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/fraud.jsonl');

/** The command names `pubsub-tools help` lists, `flow analyze` and the plugins' included. */
async function listedCommands(): Promise<string[]> {
	const {stdout} = await runCli(['help']);
	const list = stdout.slice(stdout.indexOf('Commands:'));
	return [...list.matchAll(/^ {4}(\S+(?: \S+)?) {2,}\S/gm)].map(match => match[1]!);
}

const commands = await listedCommands();

describe('unknown flags', () => {
	const temp = useTempDir('pubsub-unknown-flags-');

	it('are looked for in every command the program lists', () => {
		expect(commands).toEqual(expect.arrayContaining(['monitor', 'metrics', 'flow analyze', 'audit query', 'flow graph', 'saga']));
	});

	it.each(commands)('are one line naming the flag and the command\'s help, exit 2: %s', async name => {
		const result = await runCli([...name.split(' '), '--bogus', 'x.jsonl'], {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe(`pubsub-tools: unknown flag --bogus (see pubsub-tools ${name} --help)\n`);
		expect(result.stdout).toBe('');
	});

	it('are all named in one line, without the values given to them', async () => {
		const result = await runCli(['metrics', '--bogus', '--pasword=hunter2', recording, '-q', '--json', '--bogus'], {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('pubsub-tools: unknown flags --bogus, --pasword, -q (see pubsub-tools metrics --help)\n');
		expect(result.stdout).toBe('');
	});

	it('with no command are the default command\'s (monitor)', async () => {
		const result = await runCli(['--bogus'], {cwd: temp.path});
		expect(result.code).toBe(2);
		expect(result.stderr).toBe('pubsub-tools: unknown flag --bogus (see pubsub-tools monitor --help)\n');
	});

	it('leave the flags the command has, in every spelling the parser reads, and what follows --', async () => {
		const known = await runCli(['metrics', recording, '--json', '--no-ephemeral', '--dataDir', path.join(temp.path, 'store'), '--window=-5m'], {cwd: temp.path});
		expect(known.stderr.trim()).toBe('pubsub-tools: --window: expected a duration like 10s, 5m or 1h, got "-5m"');
		const afterSeparator = await runCli(['metrics', '--json', '--', '--bogus'], {cwd: temp.path});
		expect(afterSeparator.stderr.trim()).toBe('pubsub-tools: recording not found: --bogus');
	});
});
