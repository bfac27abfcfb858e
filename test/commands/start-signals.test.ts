// Ctrl-C, SIGTERM or SIGHUP while a headless command starts (its store open, a temporary one in TMPDIR or a
// --data-dir's lock taken, its sources opening, before the run reads anything): it stops cleanly, as a run stopped
// later does, instead of being killed and leaving the store, the lock or a cut output file behind.
import {execFileSync} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import {setTimeout as delay} from 'node:timers/promises';
import zlib from 'node:zlib';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli, startCli, type CliResult} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {slowStartPlugin} from '../support/test-plugins.js';
import {limit} from '../support/limits.js';

const temp = useTempDir('pubsub-start-signals-');
const root = path.resolve(import.meta.dirname, '../..');
const recording = path.join(root, 'recordings/fraud.jsonl');
const stoppedLine = 'pubsub-tools: stopped by Ctrl-C, SIGTERM or SIGHUP while starting, before reading its input\n';


/** A server that takes connections and never answers (a broker that hangs, a filtered address). */
let silent: net.Server;
const held: net.Socket[] = [];

beforeAll(async () => {
	silent = net.createServer(socket => {
		held.push(socket);
		socket.on('error', () => undefined);
	});
	await new Promise<void>(resolve => {
		silent.listen(0, '127.0.0.1', resolve);
	});
});

afterAll(async () => {
	for (const socket of held) socket.destroy();
	await new Promise(resolve => {
		silent.close(resolve);
	});
});

/** The silent server's port. */
const silentPort = () => (silent.address() as net.AddressInfo).port;

/**
 * Run `pubsub-tools ...args` in a directory of its own with its own TMPDIR, send `signals` (20 ms apart) while it
 * starts, then let the start go on. `leftInTmp`: what the run left in its TMPDIR.
 */
async function signalledAtStart(args: (dir: string) => string[], signals: NodeJS.Signals[]): Promise<CliResult & {dir: string; leftInTmp: string[]}> {
	const dir = fs.mkdtempSync(path.join(temp.path, 'run-'));
	const tmp = path.join(dir, 'tmp');
	fs.mkdirSync(tmp);
	const plugin = path.join(dir, 'slow-start.mjs');
	fs.writeFileSync(plugin, slowStartPlugin);
	const gate = path.join(dir, 'gate');
	execFileSync('mkfifo', [gate]);
	const running = startCli([...args(dir), '--plugin', plugin], {cwd: dir, env: {TMPDIR: tmp, PUBSUB_TEST_GATE: gate}});
	// Opened once the stage reads it: the session is open and the run has not begun.
	const opening = fs.promises.open(gate, 'w');
	const writer = await Promise.race([opening, running.exited.then(result => {
		throw new Error(`the CLI ended (${result.code}) before its start reached the stage:\n${result.stderr}`);
	})]);
	for (const signal of signals) {
		running.child.kill(signal);
		await delay(20);
	}

	await writer.close();
	const result = await running.exited;
	return {...result, dir, leftInTmp: fs.readdirSync(tmp)};
}

describe('a stop signal while a headless command starts', () => {
	it.each<{name: string; args: (dir: string) => string[]; signal: NodeJS.Signals}>([
		{name: 'metrics on a Kafka that never answers', args: () => ['metrics', '--json', '--source', `kafka://127.0.0.1:${silentPort()}?topics=orders`], signal: 'SIGINT'},
		{name: 'alerts on a Redis that never answers', args: () => ['alerts', '--source', `redis://127.0.0.1:${silentPort()}?streams=orders`], signal: 'SIGTERM'},
		{name: 'flow analyze', args: () => ['flow', 'analyze', recording, '--id', 'ORD-1'], signal: 'SIGHUP'},
		{name: 'state', args: () => ['state', recording], signal: 'SIGINT'},
		{name: 'query', args: () => ['query', recording, '--group-by', 'topic'], signal: 'SIGTERM'},
		{name: 'audit query', args: () => ['audit', 'query', '--id', 'ORD-1', recording], signal: 'SIGHUP'},
		{name: 'check (a CI job cancelled must not pass)', args: () => ['check', path.join(root, 'scenarios/ecommerce.yaml'), recording], signal: 'SIGTERM'},
		{name: 'monitor --headless', args: () => ['monitor', '--headless', '--source', recording], signal: 'SIGINT'},
	])('$name: exit 1, one line saying so, nothing on stdout, nothing left in TMPDIR', async ({args, signal}) => {
		const result = await signalledAtStart(args, [signal]);
		// Killed by the signal, it had left its temporary store in TMPDIR (and exited with no code).
		expect({code: result.code, leftInTmp: result.leftInTmp}).toEqual({code: 1, leftInTmp: []});
		expect(result.stderr).toBe(stoppedLine);
		expect(result.stdout).toBe('');
	}, limit(60_000));

	it('record -o FILE.jsonl.gz --data-dir: Ctrl-C then SIGTERM: a valid recording of its header alone, the lock released', async () => {
		const result = await signalledAtStart(dir => ['record', recording, '-o', path.join(dir, 'out.jsonl.gz'), '--data-dir', path.join(dir, 'store')], ['SIGINT', 'SIGTERM']);
		const out = path.join(result.dir, 'out.jsonl.gz');
		const lock = path.join(result.dir, 'store', 'pubsub-tools.lock');
		expect({code: result.code, lockLeft: fs.existsSync(lock), leftInTmp: result.leftInTmp}).toEqual({code: 1, lockLeft: false, leftInTmp: []});
		expect(result.stderr).toBe(`pubsub-tools: SIGTERM: already stopping, writing what was read\nrecorded 0 events to ${out}; stopped by Ctrl-C, SIGTERM or SIGHUP while starting, before reading its input\n`);
		// gunzipSync throws on a gzip stream that does not end.
		const lines = zlib.gunzipSync(fs.readFileSync(out)).toString('utf8').split('\n');
		expect(lines).toHaveLength(2);
		expect(lines[1]).toBe('');
		expect(JSON.parse(lines[0]!)).toMatchObject({$recording: {version: 1}});
	}, limit(60_000));

	it('query on a kept store opened only to read (nothing to clean up): the signal still ends it at once', async () => {
		const store = path.join(temp.path, 'kept-store');
		expect((await runCli(['metrics', recording, '--data-dir', store])).code).toBe(0);
		const result = await signalledAtStart(() => ['query', '--group-by', 'topic', '--data-dir', store], ['SIGINT']);
		// Killed by it: no exit code, nothing printed, the store as it was.
		expect({code: result.code, stdout: result.stdout, leftInTmp: result.leftInTmp}).toEqual({code: null, stdout: '', leftInTmp: []});
		expect(fs.existsSync(path.join(store, 'pubsub-tools.lock'))).toBe(false);
	}, limit(60_000));

	it('replay --headless: its summary says it stopped while starting; exit 1, nothing left in TMPDIR', async () => {
		const result = await signalledAtStart(() => ['replay', recording, '--headless', '--speed', 'max'], ['SIGHUP']);
		expect({code: result.code, leftInTmp: result.leftInTmp}).toEqual({code: 1, leftInTmp: []});
		expect(result.stdout).toMatch(/^replay stopped by Ctrl-C, SIGTERM or SIGHUP while starting, before reading its input: 0 events, /);
	}, limit(60_000));
});
