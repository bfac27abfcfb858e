// Every example in `--help` and every command in the README's shell blocks runs as written (the two parts are the
// files test/commands/examples-help.test.ts and examples-readme.test.ts), as a user would paste
// it into bash (failglob: an unquoted `?` or `*` that the shell would expand fails the example), with
// `pubsub-tools` and `npx pubsub-tools` being the built CLI, in a directory holding the shipped recordings.
//   - examples that need a live broker or a live monitor's store (kafka://, redis://, demo --publish, audit query
//     without an input) are checked for parsing only: the command exists, every flag is one of its flags, and
//     every kafka:// or redis:// URL parses; no broker is contacted;
//   - examples that open the TUI run in a real terminal (tmux, 80×24) until the first screen, then q;
//   - every other example runs to its end and must exit 0, or with the code its comment names ("exit 3").
import {execFileSync, spawnSync} from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {commands} from '../../source/commands/index.js';
import {tmuxServer, tmuxSkipReason} from './tmux.js';
import {kindOf} from '../../source/core/sources/registry.js';
import {limit} from './limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');

/** One example: where it was found, the command line, and the exit code its comment promises. */
type Example = {from: string; line: string; exitCode: number};

/** An example line without its `# comment`, with the exit code the comment names (0 when it names none). */
function example(from: string, text: string): Example {
	const comment = /\s{2,}#\s*(.*)$/.exec(text);
	const exit = comment ? /\bexit (?:code )?(\d)\b/.exec(comment[1]!) : null;
	return {from, line: (comment ? text.slice(0, comment.index) : text).trim(), exitCode: exit ? Number(exit[1]) : 0};
}

/** The `Examples:` lines of `pubsub-tools <name> --help`, as the built CLI prints them. */
function helpExamples(name: string): Example[] {
	const help = execFileSync(process.execPath, [cli, ...name.split(' '), '--help'], {encoding: 'utf8'});
	const at = help.indexOf('Examples:');
	if (at === -1) return [];
	return help.slice(at + 'Examples:'.length).split('\n').map(line => line.trim()).filter(Boolean).map(line => example(`${name} --help`, line));
}

/** The command lines of the README's ```sh blocks. */
function readmeExamples(): Example[] {
	const blocks = fs.readFileSync(path.join(root, 'README.md'), 'utf8').matchAll(/^```sh\n([\s\S]*?)^```/gm);
	return [...blocks].flatMap(block => block[1]!.split('\n').filter(line => line.trim() !== '').map(line => example('README.md', line)));
}

/** The commands the bundled plugins add (`flow graph`, `saga`, …), as `pubsub-tools plugins --json` lists them. */
const pluginCommands = (JSON.parse(execFileSync(process.execPath, [cli, 'plugins', '--json'], {encoding: 'utf8'})) as {plugins: Array<{commands: string[]}>}).plugins.flatMap(plugin => plugin.commands);

const examples = [...[...commands.map(command => command.name), ...pluginCommands].flatMap(name => helpExamples(name)), ...readmeExamples()];

/** The pubsub-tools command line of an example (after `npx`, in a pipe or not); undefined for other tools (npm). */
function pubsubArgs(line: string): boolean {
	return /(^|\|\s*)(npx )?pubsub-tools\b/.test(line);
}

/** Why an example cannot run here (it needs a live broker or a live monitor's store), or undefined. */
function liveReason(line: string): string | undefined {
	if (/\b(kafka|redis):\/\//.test(line)) return 'a live broker';
	if (/^npm run (kafka|redis)\b/.test(line)) return 'starts a broker';
	if (/audit query/.test(line) && !/recordings\/|--data-dir/.test(line)) return 'a live monitor\'s store';
	return undefined;
}

/** Whether an example opens the TUI (monitor, replay or no command, without --headless or --alerts-out). */
function opensTui(line: string): boolean {
	if (/--headless|--alerts-out|--help/.test(line) || /^npm (test|run)\b/.test(line)) return false;
	return /^npm (install && npm )?start\b/.test(line) || /pubsub-tools( (monitor|replay)\b|\s*$|\s+-)/.test(line);
}

let work: string;
let bin: string;
let argvLog: string;

/** Run `line` with bash (pipefail, failglob) in the work directory, `pubsub-tools` on PATH. */
function bash(line: string, env: Record<string, string> = {}) {
	return spawnSync('bash', ['-c', `set -o pipefail; shopt -s failglob; ${line}`], {
		cwd: work,
		encoding: 'utf8',
		env: {...process.env, PATH: `${bin}:${process.env.PATH}`, XDG_STATE_HOME: path.join(work, 'state'), ...env},
		timeout: limit(120_000),
	});
}

/** Write an executable script. */
function script(file: string, text: string) {
	fs.writeFileSync(file, `#!/bin/sh\n${text}\n`, {mode: 0o755});
}

/** The example tests of one part: the README's commands or every command's `--help` examples (one file each, so the two
 * run at the same time, each in its own work directory). */
export function describeExamples(part: 'README.md' | '--help'): void {
	const mine = (each: Example) => (part === 'README.md') === (each.from === 'README.md');
	let tuiExamplesRun = 0;
	beforeAll(() => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-examples-'));
		bin = path.join(work, 'bin');
		argvLog = path.join(work, 'argv.jsonl');
		fs.mkdirSync(bin);
		fs.symlinkSync(path.join(root, 'recordings'), path.join(work, 'recordings'));
		fs.symlinkSync(path.join(root, 'scenarios'), path.join(work, 'scenarios'));
		// The README is read in a clone: its change-data-capture examples run on a test fixture there.
		fs.mkdirSync(path.join(work, 'test'));
		fs.symlinkSync(path.join(root, 'test/fixtures'), path.join(work, 'test/fixtures'));
		// The README's plugin, saved where its examples load it from, as the README tells the reader to.
		const plugin = /<!-- plugin-example: (\S+) -->\n```js\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))!;
		fs.writeFileSync(path.join(work, plugin[1]!), plugin[2]!);
		script(path.join(bin, 'pubsub-tools'), `exec "${process.execPath}" "${cli}" "$@"`);
		script(path.join(bin, 'npx'), 'exec "$@"');
	});

	afterAll(() => {
		fs.rmSync(work, {recursive: true, force: true});
	});

	describe(`every ${part === 'README.md' ? 'README command' : '--help example'}`, () => {
		it('finds the examples of every command and of the README', () => {
			for (const name of [...commands.map(command => command.name), ...pluginCommands]) expect(examples.some(each => each.from === `${name} --help`), name).toBe(true);
			expect(examples.filter(each => each.from === 'README.md').length).toBeGreaterThan(10);
		});

		it.each(examples.filter(each => mine(each) && liveReason(each.line) !== undefined).map(each => [each.from, each.line, liveReason(each.line), each] as const))(
			'%s: %s parses (needs %s, so it is not run)',
			(_from, _line, _reason, each) => {
				if (each.line.startsWith('npm run ')) {
					const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
					expect(scripts[each.line.split(' ')[2]!]).toBeDefined();
					return;
				}

				// The shell splits the words (and fails an unquoted glob); a logging pubsub-tools records what it got.
				fs.rmSync(argvLog, {force: true});
				script(path.join(bin, 'pubsub-tools'), `exec "${process.execPath}" -e 'require("fs").appendFileSync(process.env.ARGV_LOG, JSON.stringify(process.argv.slice(1)) + "\\n")' "$@"`);
				const run = bash(each.line.replace(/\|.*$/, ''), {ARGV_LOG: argvLog});
				script(path.join(bin, 'pubsub-tools'), `exec "${process.execPath}" "${cli}" "$@"`);
				expect(run.stderr).toBe('');
				const argv = JSON.parse(fs.readFileSync(argvLog, 'utf8').trim()) as string[];
				const command = [...commands].sort((a, b) => b.name.length - a.name.length).find(candidate => candidate.name.split(' ').every((word, index) => argv[index] === word));
				expect(command, argv.join(' ')).toBeDefined();
				const flags = command!.flags as Record<string, {type: string; shortFlag?: string}>;
				const rest = argv.slice(command!.name.split(' ').length);
				const urls: string[] = [];
				for (const [index, word] of rest.entries()) {
					if (word.startsWith('--')) {
						const name = word.slice(2).split('=')[0]!.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
						expect(flags[name], `${word} is a flag of ${command!.name}`).toBeDefined();
					} else if (word.startsWith('-') && word.length === 2) {
						expect(Object.values(flags).some(flag => flag.shortFlag === word[1]), `${word} is a flag of ${command!.name}`).toBe(true);
					}

					if (/^(kafka|redis):\/\//.test(word)) urls.push(word);
					else if (/^--(source|publish)$/.test(word) && rest[index + 1]) urls.push(rest[index + 1]!);
				}

				for (const url of urls.filter(each => /^(kafka|redis):\/\//.test(each))) {
					expect(() => kindOf(url).parseUrl!(url, {}), url).not.toThrow();
				}
			},
		);

		it.each(examples.filter(each => mine(each) && liveReason(each.line) === undefined && !opensTui(each.line) && pubsubArgs(each.line)).map(each => [each.from, each.line, each] as const))(
			'%s: %s runs',
			(_from, _line, each) => {
				// A fixed --metrics-port may be taken by another run on the same machine: any free port serves the same.
				const run = bash(each.line.replace(/--metrics-port \d+/, '--metrics-port 0'));
				expect(run.status, `${each.line}\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`).toBe(each.exitCode);
				expect(run.stderr).not.toContain('unexpected error');
				// It printed something, or wrote the file its output was redirected to.
				const redirected = / > (\S+)$/.exec(each.line)?.[1];
				const output = redirected ? fs.readFileSync(path.join(work, redirected), 'utf8') : `${run.stdout}${run.stderr}`;
				expect(output.trim()).not.toBe('');
			},
			limit(120_000),
		);

		it.skipIf(tmuxSkipReason()).each(examples.filter(each => mine(each) && liveReason(each.line) === undefined && opensTui(each.line)).map(each => [each.from, each.line, each] as const))(
			'%s: %s opens the TUI at 80×24 and quits with q',
			async (_from, _line, each) => {
				// A socket per example: a server ended by the previous example's kill-server may still be going away.
				const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-examples-${process.pid}-${(tuiExamplesRun += 1)}`);
				// `npm start` from the README is the CLI with no arguments, started by npm in the repository.
				const line = each.line.replace(/^npm install && npm start\b|^npm start\b/, `cd '${root}' && npm start --silent`);
				// No CI variables: Ink draws no frames under CI.
				const environment = `env -u CI -u GITHUB_ACTIONS PATH='${bin}:${process.env.PATH}' XDG_STATE_HOME='${path.join(work, 'state')}' TERM=xterm-256color LANG=C.UTF-8`;
				tmux('new-session', '-d', '-s', 'example', '-x', '80', '-y', '24', '-c', work, `${environment} bash -c '${line.replaceAll('\'', '\'\\\'\'')}'; printf 'exit=%s\\n' $?; sleep 30`);
				try {
					await waitForScreen('example', '[1 Overview]', {timeoutMs: limit(60_000)});
					tmux('send-keys', '-t', 'example', 'q');
					expect(await waitForScreen('example', 'exit=', {timeoutMs: limit(60_000)})).toContain('exit=0');
				} finally {
					stop();
				}
			},
			limit(120_000),
		);
	});
}
