// A recording's header says which version of the format it is (recording-format.md): one this program does not
// know must not pass in silence. A newer version is read as version 1 with a warning on stderr, from every command
// that reads recordings; a version that is no version at all (a text, none, 0, -1, 1.5) makes the header a
// malformed line, as does a header that is not an object. Standard output stays the answer alone.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const root = path.resolve(import.meta.dirname, '../..');
const fraud = path.join(root, 'recordings/fraud.jsonl');
/** The first events of the fraud recording, without its header. */
const events = fs.readFileSync(fraud, 'utf8').split('\n').slice(1, 41);
const eventCount = events.length;

const header = (fields: Record<string, unknown>) => JSON.stringify({$recording: {...fields, createdAt: '2026-11-27T14:00:00.485Z', source: 'test'}});
const newer = (name: string, version = 2) => `pubsub-tools: warning: ${name}: recording version ${version} is newer than this program reads (1); reading it as version 1`;

describe('recording versions', () => {
	const temp = useTempDir('pubsub-recording-version-');
	/** Write a recording into the temp dir: `headerLine` then the events; returns its name there. */
	const write = (name: string, headerLine: string, lines = events) => {
		fs.writeFileSync(path.join(temp.path, name), `${[headerLine, ...lines].join('\n')}\n`);
		return name;
	};

	it.each([
		['metrics', ['--json']],
		['alerts', ['--json']],
		['query', ['--group-by', 'topic', '--json']],
		['state', ['--json']],
		['flow analyze', ['--id', 'ORD-ZMRO-000001', '--json']],
		['flow graph', ['--json']],
		['saga', ['--json']],
		['audit query', ['--id', 'ORD-ZMRO-000001', '--format', 'json']],
		['check', [path.join(root, 'scenarios/ecommerce.yaml'), '--json']],
	])('%s warns once on stderr of a newer version, and its JSON stays clean', async (command, flags) => {
		const file = write('v2.jsonl', header({version: 2}));
		const words = command.split(' ');
		// check takes the scenario file before the input.
		const args = command === 'check' ? [...words, flags[0]!, file, ...flags.slice(1)] : [...words, file, ...flags];
		const result = await runCli(args, {cwd: temp.path});
		expect(result.stderr.split('\n').filter(line => line.includes('recording version'))).toEqual([newer(file)]);
		expect(() => JSON.parse(command === 'alerts' ? `[${result.stdout.trim().split('\n').join(',')}]` : result.stdout)).not.toThrow();
		expect(result.stdout).not.toContain('newer than');
	});

	it('metrics reads every event of a newer version, exit 0', async () => {
		const result = await runCli(['metrics', write('v7.jsonl', header({version: 7})), '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(`${newer('v7.jsonl', 7)}\n`);
		expect(JSON.parse(result.stdout)).toMatchObject({events: eventCount, malformed: 0});
	});

	it('replay --headless, record and standard input warn too', async () => {
		const file = write('v2.jsonl', header({version: 2}));
		const replay = await runCli(['replay', file, '--headless', '--speed', 'max'], {cwd: temp.path});
		expect(replay.code).toBe(0);
		expect(replay.stderr).toContain(`${newer(file)}\n`);
		expect(replay.stdout).toContain(`replay finished: ${eventCount} events`);
		const record = await runCli(['record', file, '-o', 'copy.jsonl'], {cwd: temp.path});
		expect(record.stderr).toBe(`${newer(file)}\nrecorded ${eventCount} events to copy.jsonl\n`);
		const stdin = await runCli(['metrics', '-', '--json'], {cwd: temp.path, stdin: fs.readFileSync(path.join(temp.path, file))});
		expect(stdin.stderr).toBe(`${newer('stdin')}\n`);
	});

	it('says nothing of version 1', async () => {
		const result = await runCli(['metrics', write('v1.jsonl', header({version: 1})), '--json'], {cwd: temp.path});
		expect(result.stderr).toBe('');
		expect(JSON.parse(result.stdout)).toMatchObject({events: eventCount, malformed: 0});
	});

	it.each([
		['"x"', {version: 'x'}, 'recording header: version "x" is not a positive integer; its events are read as version 1'],
		['none', {}, 'recording header has no version; its events are read as version 1'],
		['-1', {version: -1}, 'recording header: version -1 is not a positive integer; its events are read as version 1'],
		['0', {version: 0}, 'recording header: version 0 is not a positive integer; its events are read as version 1'],
		['1.5', {version: 1.5}, 'recording header: version 1.5 is not a positive integer; its events are read as version 1'],
		['an object', {version: {major: 2}}, 'recording header: version {"major":2} is not a positive integer; its events are read as version 1'],
	])('a header whose version is %s is a malformed line, and its events are read', async (_, fields, reason) => {
		const result = await runCli(['metrics', write('bad.jsonl', header(fields)), '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(`bad.jsonl: 1 malformed line skipped (line 1: ${reason})\n`);
		expect(JSON.parse(result.stdout)).toMatchObject({events: eventCount, malformed: 1});
	});

	it.each([
		['a number', '{"$recording": 5}', '"$recording" is 5'],
		['a string', '{"$recording": "v1"}', '"$recording" is "v1"'],
		['null', '{"$recording": null}', '"$recording" is null'],
	])('a header that is %s, not an object, is a malformed line, not an event', async (_, line, written) => {
		const result = await runCli(['metrics', write('bad.jsonl', line), '--json'], {cwd: temp.path});
		expect(result.code).toBe(0);
		expect(result.stderr).toBe(`bad.jsonl: 1 malformed line skipped (line 1: recording header is not an object: ${written}; its events are read as version 1)\n`);
		expect(JSON.parse(result.stdout)).toMatchObject({events: eventCount, malformed: 1});
	});

	it('checks every header of concatenated recordings: the newest version is said once, a bad one by its line', async () => {
		const file = write('cat.jsonl', header({version: 1}), [...events, header({version: 3}), ...events, header({version: 2}), header({version: 'two'})]);
		const result = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		const badLine = eventCount * 2 + 4;
		// The same events twice are also said as read twice, after these.
		expect(result.stderr.split('\n').slice(0, 2)).toEqual([
			newer(file, 3),
			`${file}: 1 malformed line skipped (line ${badLine}: recording header: version "two" is not a positive integer; its events are read as version 1)`,
		]);
	});
});
