// A configuration file the CLI cannot use is bad usage: exit 2, one line naming the file, nothing on standard output.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-config-errors-');
const recording = path.resolve(import.meta.dirname, '../../recordings/fraud.jsonl');

/** Nine levels of nine aliases each: 9^9 nodes once expanded (the "billion laughs"). */
function aliasBomb(): string {
	const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
	const names = 'abcdefghi';
	for (let level = 1; level < names.length; level++) lines.push(`${names[level]}: &${names[level]} [${Array.from({length: 9}, () => `*${names[level - 1]}`).join(', ')}]`);
	return `${lines.join('\n')}\n`;
}

describe('a configuration file that cannot be used', () => {
	it.each([
		['not YAML', 'latency:\n  allowedLatenessMs: [1,\n', /^pubsub-tools: bad\.yaml:3:1: not valid YAML: /],
		['a wrong type', 'latency:\n  allowedLatenessMs: abc\n', /^pubsub-tools: bad\.yaml:2: latency\.allowedLatenessMs: expected a duration/],
		['an unknown key', 'latncy: {}\n', /^pubsub-tools: bad\.yaml:1: latncy: unknown key; did you mean "latency"\?/],
		['a duplicate key', 'hops: {}\nhops: {}\n', /^pubsub-tools: bad\.yaml:2:1: not valid YAML: Map keys must be unique/],
		['aliases expanding without bound', aliasBomb(), /^pubsub-tools: bad\.yaml: not valid YAML: Excessive alias count/],
	])('%s: exit 2, the file named on stderr, nothing on stdout', async (_name, text, message) => {
		fs.writeFileSync(path.join(temp.path, 'bad.yaml'), text);
		const result = await runCli(['metrics', recording, '--json', '--config', 'bad.yaml'], {cwd: temp.path});
		expect(result.stderr).toMatch(message);
		expect(result.stderr).not.toContain('unexpected error');
		expect(result.stdout).toBe('');
		expect(result.code).toBe(2);
	});

	it('--config naming no file, or a directory, is exit 2', async () => {
		const missing = await runCli(['config', 'print', '--config', 'nowhere.yaml'], {cwd: temp.path});
		expect(missing.stderr).toBe('pubsub-tools: nowhere.yaml: cannot read the configuration: no such file\n');
		expect(missing.code).toBe(2);
		const directory = await runCli(['config', 'print', '--config', '.'], {cwd: temp.path});
		expect(directory.stderr).toBe('pubsub-tools: .: cannot read the configuration: is a directory\n');
		expect(directory.code).toBe(2);
	});
});

describe('a state machine naming a state no event enters', () => {
	const machine = (moves: string, final: string) => [
		'state:',
		'  machines:',
		'    hotel:',
		'      events: {BookingRequested: Requested, RoomHeld: Held, BookingConfirmed: Confirmed}',
		'      initial: [Requested]',
		`      transitions: {${moves}}`,
		`      final: [${final}]`,
	].join('\n');
	const claims = path.resolve(import.meta.dirname, '../../recordings/claims-store.jsonl');

	it('is refused with the line, the key and the state it was meant to be, not folded into a violation on every step', async () => {
		fs.writeFileSync(path.join(temp.path, 'typo.yaml'), `${machine('Requested: [Hold], Held: [Confirmed]', 'Confirmd')}\n`);
		const result = await runCli(['state', claims, '--config', 'typo.yaml'], {cwd: temp.path});
		expect(result.stderr).toBe([
			'pubsub-tools: typo.yaml:6: state.machines.hotel.transitions.Requested: "Hold" is no state of this machine: no event enters it (its states: Requested, Held, Confirmed); did you mean "Held"?',
			'pubsub-tools: typo.yaml:7: state.machines.hotel.final: "Confirmd" is no state of this machine: no event enters it (its states: Requested, Held, Confirmed); did you mean "Confirmed"?',
			'',
		].join('\n'));
		expect(result.stdout).toBe('');
		expect(result.code).toBe(2);
	});

	it('refuses a machine without events or initial states, and takes one whose states all exist', async () => {
		fs.writeFileSync(path.join(temp.path, 'empty.yaml'), 'state:\n  machines:\n    hotel: {events: {}, initial: [], transitions: {}, final: []}\n');
		const empty = await runCli(['config', 'print', '--config', 'empty.yaml'], {cwd: temp.path});
		expect(empty.stderr).toBe('pubsub-tools: empty.yaml:3: state.machines.hotel.events: no event type is mapped to a state: the machine could never apply\n');
		expect(empty.code).toBe(2);
		fs.writeFileSync(path.join(temp.path, 'start.yaml'), `${machine('Requested: [Held]', 'Held').replace('[Requested]', '[]')}\n`);
		const start = await runCli(['config', 'print', '--config', 'start.yaml'], {cwd: temp.path});
		expect(start.stderr).toBe('pubsub-tools: start.yaml:5: state.machines.hotel.initial: no initial state: every aggregate\'s first event would break the machine\n');
		expect(start.code).toBe(2);
		fs.writeFileSync(path.join(temp.path, 'good.yaml'), `${machine('Requested: [Held], Held: [Confirmed]', 'Confirmed')}\n`);
		const good = await runCli(['config', 'print', '--config', 'good.yaml'], {cwd: temp.path});
		expect(good.stderr).toBe('');
		expect(good.code).toBe(0);
	});
});
