// Ctrl-C while `query --group-by`, `state`, `audit query`, `flow analyze` or `flow graph` works on what it read (a
// large store, a transaction of 20,000 events, a graph of 1,000 nodes): it gives up the work, says so, prints no
// answer, exits 1 and removes its temporary store, as a command stopped before its answer does.
import fs from 'node:fs';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {startCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-work-stop-');

/** Events in the recording: read in a few seconds, then a group-by that reads each whole (--where on a value field), or a fold of their aggregates, for about two more. */
const events = 80_000;

/** The aggregate (and transaction) of the nth order: three events each, or with `bigEvery`, every such event of one (O-BIG). */
const aggregateOf = (n: number, bigEvery?: number) => (bigEvery !== undefined && n % bigEvery === 0 ? 'O-BIG' : `O-${Math.floor(n / 3)}`);

/**
 * A recording of `events` orders and one bad line last, whose report on stderr says the read is over and the work
 * begins; with `bigEvery`, every such event belongs to one transaction (O-BIG), with `types`, each order goes through
 * that many event types in turn (a flow graph of as many nodes).
 */
function recording({bigEvery, types}: {bigEvery?: number; types?: number} = {}): string {
	const base = Date.parse('2026-12-01T00:00:00.000Z');
	const lines = Array.from({length: events}, (_, n) => JSON.stringify({topic: n % 2 === 0 ? 'orders' : 'payments', value: {
		eventId: `E-${n}`, ...(types === undefined ? {aggregateId: aggregateOf(n, bigEvery)} : {eventType: `Step${n % types}`, aggregateId: `O-${Math.floor(n / types)}`}),
		customerId: `C-${n % 5000}`, amount: n % 100, timestamp: new Date(base + (n * 10)).toISOString(),
	}}));
	const file = path.join(temp.path, 'orders.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\nnot json {\n`);
	return file;
}

/** Resolves once standard error holds `text`. */
async function stderrHolds(running: ReturnType<typeof startCli>, text: string): Promise<void> {
	while (!running.printed().stderr.includes(text)) {
		if (running.child.exitCode !== null) throw new Error(`exited before saying "${text}": ${running.printed().stderr}`);
		await delay(20);
	}
}

/** Run `args` on the recording, send SIGINT once it has read it and worked `workedMs`; what it printed and left. */
async function stoppedWhileWorking(args: string[], file = recording(), workedMs = 300) {
	const tmp = fs.mkdtempSync(path.join(temp.path, 'tmp-'));
	const words = args[0] === 'audit' || args[0] === 'flow' ? 2 : 1;
	const running = startCli([...args.slice(0, words), file, ...args.slice(words)], {cwd: temp.path, env: {TMPDIR: tmp}});
	running.child.stdin.end();
	await stderrHolds(running, 'malformed line skipped');
	await delay(workedMs);
	running.child.kill('SIGINT');
	const result = await running.exited;
	return {...result, leftInTmp: fs.readdirSync(tmp).filter(name => name.startsWith('pubsub-tools-store-'))};
}

/** What a command stopped while working says, the rest of its output, exit code and clean-up. */
function expectStopped(result: Awaited<ReturnType<typeof stoppedWhileWorking>>, doing: string) {
	expect(result.stderr).toContain(`pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP while ${doing} the ${events.toLocaleString('en-US')} events read: no answer\n`);
	expect(result.stderr).not.toContain('already stopping');
	expect(result.stdout).toBe('');
	expect(result.code).toBe(1);
	expect(result.leftInTmp).toEqual([]);
}

describe('Ctrl-C during a group-by', () => {
	it.each([1, 2])('--threads %i: stops at once, says so, prints no answer, exit 1, nothing left in TMPDIR', async threads => {
		const result = await stoppedWhileWorking(['query', '--group-by', 'customerId', '--where', 'amount>0', '--threads', String(threads)]);
		expectStopped(result, 'grouping');
	}, limit(60_000));
});

describe('Ctrl-C while state folds every aggregate', () => {
	it.each([[['--json']], [['--stuck', '1m']]])('state %j: stops at once, says so, prints no answer, exit 1, nothing left in TMPDIR', async flags => {
		const result = await stoppedWhileWorking(['state', ...flags]);
		expectStopped(result, 'folding the aggregates of');
	}, limit(60_000));
});

describe('Ctrl-C while a transaction of 20,000 events is read and worked on', () => {
	it.each([
		[['audit', 'query', '--id', 'O-BIG'], 'auditing transaction O-BIG of'],
		[['audit', 'query', '--id', 'O-BIG', '--format', 'json'], 'auditing transaction O-BIG of'],
		[['flow', 'analyze', '--id', 'O-BIG'], 'analyzing transaction O-BIG of'],
	])('%j: stops at once, says so, prints no answer, exit 1, nothing left in TMPDIR', async (args, doing) => {
		const result = await stoppedWhileWorking(args, recording({bigEvery: 4}), 50);
		expectStopped(result, doing);
	}, limit(60_000));
});

describe('Ctrl-C while a plugin command works on what it read', () => {
	it('flow graph --by type of 1,000 nodes: says so, prints no answer, exit 1, nothing left in TMPDIR', async () => {
		const result = await stoppedWhileWorking(['flow', 'graph', '--by', 'type'], recording({types: 1000}), 50);
		expectStopped(result, 'running flow graph on');
	}, limit(60_000));
});
