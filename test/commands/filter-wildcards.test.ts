// Filter wildcards on long values: many stars against a 20 KB text answer at once (one regex backtracked for minutes).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {startCli, type CliResult} from '../support/cli.js';
import {limit} from '../support/limits.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-filter-wildcards-');

/** Run the CLI; a run still going after the backstop is killed and fails the test (the hang this file is about). */
async function run(args: string[]): Promise<CliResult> {
	const running = startCli(args, {cwd: temp.path});
	running.child.stdin.end();
	const backstop = setTimeout(() => running.child.kill('SIGKILL'), limit(30_000));
	const result = await running.exited;
	clearTimeout(backstop);
	expect(result.code, `killed after ${limit(30_000)} ms, or failed: ${result.stderr}`).toBe(0);
	return result;
}

/** Orders whose `note` is 20,000 letters: all `a`, or `a`s ending in `b`; a short one ending in `c`. */
function recording(): string {
	const events = [
		{type: 'Noted', orderId: 'O-all-a', note: 'a'.repeat(20_000)},
		{type: 'Noted', orderId: 'O-ends-b', note: `${'a'.repeat(19_999)}b`},
		{type: 'Noted', orderId: 'O-short-c', note: 'aaaaaaaac'},
	];
	const file = path.join(temp.path, 'notes.jsonl');
	fs.writeFileSync(file, events.map((event, i) => JSON.stringify({...event, timestamp: new Date(Date.UTC(2026, 10, 23, 9, 0, i)).toISOString()})).join('\n') + '\n');
	return file;
}

/** The orders `query --where FILTER` matches. */
async function ordersMatching(file: string, filter: string): Promise<string[]> {
	const result = await run(['query', file, '--group-by', 'orderId', '--where', filter, '--json']);
	return Object.keys((JSON.parse(result.stdout) as {groups: Record<string, unknown>}).groups).sort();
}

describe('filter wildcards on long values', () => {
	it('field:value and bare words with many stars match as a wildcard promises, without hanging', async () => {
		const file = recording();
		expect(await ordersMatching(file, 'note:*a*a*a*a*a*a*b')).toEqual(['O-ends-b']);
		expect(await ordersMatching(file, 'note:a*a*a*a*a*a*a')).toEqual(['O-all-a']);
		expect(await ordersMatching(file, 'a*a*a*a*a*a*a*c')).toEqual(['O-short-c']);
		expect(await ordersMatching(file, '!a*a*a*a*a*a*a*b')).toEqual(['O-all-a', 'O-short-c']);
	});

	it('record --filter keeps the matching events', async () => {
		const file = recording();
		const out = path.join(temp.path, 'kept.jsonl');
		await run(['record', file, '--filter', 'note:a*a*a*a*a*a*a*a*c', '-o', out]);
		const kept = fs.readFileSync(out, 'utf8').trim().split('\n').slice(1).map(line => (JSON.parse(line) as {orderId: string}).orderId);
		expect(kept).toEqual(['O-short-c']);
	});
});
