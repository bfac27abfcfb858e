// The monitor on a live Redis in a real terminal, its server killed outright (SIGKILL) and started again: the TUI
// says the outage under the source as it happens, the alert it covers says the source was not being read, and the
// `r` recording holds the outage lines in order (the open one first when started during the outage), so its replay
// says them. Before, only headless runs looked for outages: the TUI marked no alert and its recording a quiet gap.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {addNumbered, redisSkipReason, useDedicatedRedis} from '../support/redis.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {uniqueName} from '../support/unique-name.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-live-outage-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** A recording's lines, parsed: its outage lines' `outage`, its events' `value`. */
type Line = {$recording?: {outage?: {source: string; from: string; to?: string; reason?: string}}; value?: {n?: string}};

/** The status bar once `r` has stopped recording (the file closed), the run going on. */
const stopped = {awaited: 'the recording stopped', holds: (shown: string) => shown.startsWith('● live')};

/** The numbers of the events (addNumbered's) among `lines`, in order. */
const numbers = (lines: Line[]) => lines.flatMap(line => line.value?.n === undefined ? [] : [line.value.n]);

describe.skipIf(tmuxSkipReason() || redisSkipReason({dedicated: true}))('the TUI on a live Redis killed and started again, at 80×24', () => {
	// Persistent, so what was written before the kill is there after it, as on a real server.
	const redis = useDedicatedRedis({persist: true});
	let home: string;
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-live-outage-'));
	});
	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	/** Start the monitor on `stream` from its start, recording with `r` into `recordings`, in session `session`. */
	const monitor = (session: string, stream: string, recordings: string) => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'monitor', '--source', `${redis.server.url}?streams=${stream}`, '--from', 'earliest', '--ephemeral', '--record-dir', recordings,
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${command} 2>${path.join(home, `${session}.err`)}; sleep 60`);
	};

	/** Kill the server outright and wait until the TUI says reading stopped; `during` runs then; start it again. */
	const outage = async (session: string, during = async () => undefined) => {
		process.kill(redis.server.pid()!, 'SIGKILL');
		try {
			await waitForScreen(session, {awaited: 'the outage under the source', holds: shown => /⚠ reading stopped at \S+Z \(/.test(shown)}, {timeoutMs: limit(30_000)});
			await during();
		} finally {
			// Up again whatever happened, for the next test.
			await redis.server.down();
			await redis.server.up();
		}
	};

	/** The recording `r` wrote into `recordings` (the only file there), parsed. */
	const recorded = (recordings: string): Line[] => {
		const files = fs.readdirSync(recordings);
		expect(files).toHaveLength(1);
		return fs.readFileSync(path.join(recordings, files[0]!), 'utf8').split('\n').filter(Boolean).map(line => JSON.parse(line) as Line);
	};

	/** Where in `lines` the outage lines are. */
	const outageAt = (lines: Line[]) => lines.flatMap((line, index) => line.$recording?.outage ? [index] : []);

	it('says the outage under the source, marks the alert fired in it, and `r` records the outage lines in order', async () => {
		const stream = uniqueName('e2e:outage');
		const recordings = path.join(home, 'before');
		await addNumbered(redis.server.url, stream, 0, 5);
		monitor('before', stream, recordings);
		await waitForScreen('before', '5 events');
		tmux('send-keys', '-t', 'before', 'r');
		await waitForScreen('before', '● REC');
		await addNumbered(redis.server.url, stream, 5, 5);
		await waitForScreen('before', '10 events');
		const killedAt = Date.now();
		await outage('before');
		// A payment the producer held while the server was down, made during the outage: its alert fired in it.
		const writer = new (await import('ioredis')).Redis(redis.server.url);
		await writer.xadd(stream, '*', 'type', 'payment.created', 'transactionId', 'TX-OUT', 'amount', '25000', 'timestamp', new Date(killedAt + 500).toISOString());
		writer.disconnect();
		await addNumbered(redis.server.url, stream, 10, 5);
		const shown = await waitForScreen('before', {awaited: 'reading again under the source', holds: shown => shown.includes('16 events') && /⚠ reading again at \S+Z after /.test(shown)}, {timeoutMs: limit(30_000)});
		expect(shown).toMatch(/⚠ reading stopped at \S+Z \(/);
		tmux('send-keys', '-t', 'before', '4');
		await waitForScreen('before', {awaited: 'the alert saying the source was not being read', holds: shown => /TX-OUT.*\(fired\s+while redis:.*not\s+being\s+read from/s.test(shown)});
		tmux('send-keys', '-t', 'before', 'r');
		await waitForScreen('before', stopped);
		tmux('send-keys', '-t', 'before', 'q');
		// Once the terminal is back, the run's outages in all.
		await expect.poll(() => fs.readFileSync(path.join(home, 'before.err'), 'utf8'), {timeout: limit(20_000)}).toMatch(/reading stopped 1 time during the run, .+ in all/);

		// The five events read once recording, the outage begun, ended, then what was read after it.
		const lines = recorded(recordings);
		const [begun, ended] = outageAt(lines);
		expect(outageAt(lines)).toHaveLength(2);
		const source = lines[begun!]!.$recording!.outage!.source;
		expect(source).toContain(redis.server.url);
		expect(lines[begun!]!.$recording!.outage).toEqual({source, from: expect.any(String) as string, reason: expect.any(String) as string});
		expect(lines[ended!]!.$recording!.outage).toEqual({source, from: lines[begun!]!.$recording!.outage!.from, to: expect.any(String) as string});
		expect(numbers(lines.slice(0, begun))).toEqual(['5', '6', '7', '8', '9']);
		expect(lines.slice(begun, ended).filter(line => line.value)).toEqual([]);
		expect(lines.slice(ended! + 1).filter(line => line.value)).toHaveLength(6);

		// Its replay says the outage at the live run's times, and the alert fired in it.
		const file = path.join(recordings, fs.readdirSync(recordings)[0]!);
		const replay = await runCli(['alerts', file, '--json'], {cwd: home});
		const from = lines[begun!]!.$recording!.outage!.from.replace(/\.\d+Z$/, 'Z');
		expect(replay.stderr).toContain(`(recorded): reading stopped at ${from} (`);
		expect(replay.stderr).toContain(`(recorded): reading again at ${lines[ended!]!.$recording!.outage!.to!.replace(/\.\d+Z$/, 'Z')} after `);
		expect(replay.stdout).toContain('was not being read');
	}, limit(180_000));

	it('a recording started during an outage begins with the outage\'s open line, then its end, then what was read after', async () => {
		const stream = uniqueName('e2e:outage');
		const recordings = path.join(home, 'during');
		await addNumbered(redis.server.url, stream, 0, 5);
		monitor('during', stream, recordings);
		await waitForScreen('during', '5 events');
		await outage('during', async () => {
			tmux('send-keys', '-t', 'during', 'r');
			await waitForScreen('during', '● REC');
		});
		await addNumbered(redis.server.url, stream, 5, 5);
		await waitForScreen('during', {awaited: 'reading again', holds: shown => shown.includes('10 events') && shown.includes('⚠ reading again at ')}, {timeoutMs: limit(30_000)});
		tmux('send-keys', '-t', 'during', 'r');
		await waitForScreen('during', stopped);
		tmux('send-keys', '-t', 'during', 'q');

		const lines = recorded(recordings);
		expect(lines[0]!.$recording).toMatchObject({version: 1});
		expect(outageAt(lines)).toEqual([1, 2]);
		expect(lines[1]!.$recording!.outage).toMatchObject({reason: expect.any(String) as string});
		expect(lines[2]!.$recording!.outage).toMatchObject({from: lines[1]!.$recording!.outage!.from, to: expect.any(String) as string});
		expect(numbers(lines.slice(3))).toEqual(['5', '6', '7', '8', '9']);
	}, limit(120_000));
});
