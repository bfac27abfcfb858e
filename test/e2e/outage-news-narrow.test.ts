// The monitor on a live Redis in an 80×24 terminal: how reading went on after the source could not read, when not from
// where it stopped, is said under the source and read whole. Before, (1) a break under a second (the connections cut,
// the stream deleted and made again meanwhile) was said nowhere in the TUI: the stream read again from its start was
// held back for the outage's line, which is said only once an outage has lasted a second; it showed only when the TUI
// quit. (2) An outage's line was cut at `not from where it s…` at 80 columns: what happened showed only at quit too.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RedisServer} from '../../scripts/redis-server.js';
import {addNumbered, redisSkipReason, startDedicatedRedis} from '../support/redis.js';
import {overviewNotes as notes, tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-outage-news-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

describe.skipIf(tmuxSkipReason() || redisSkipReason({dedicated: true}))('how reading went on after an outage, at 80×24', () => {
	let server: RedisServer;
	let home: string;
	beforeAll(async () => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-outage-news-'));
		server = await startDedicatedRedis();
	});
	afterAll(async () => {
		stop();
		await server?.stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	/** Start the monitor on `stream` from its start in session `session`, and wait until it has read `count` events. */
	const monitor = async (session: string, stream: string, count: number) => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'monitor', '--source', `${server.url}?streams=${stream}`, '--from', 'earliest', '--ephemeral',
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', '80', '-y', '24', `${command}; sleep 60`);
		await waitForScreen(session, `✓ connected  ${count} events`, {timeoutMs: limit(60_000)});
	};

	it('says a stream made again during a break under a second under the source', async () => {
		const stream = 'shop.orders';
		await addNumbered(server.url, stream, 0, 3);
		await monitor('blink', stream, 3);
		// At once, so that no look of the source finds the stream made again before its connections are cut: it finds it
		// as it reads again, about 100 ms later. An entry written then wakes the read sent again on the new connection.
		const client = new Redis(server.url);
		try {
			await client.multi().del(stream).xadd(stream, '1-1', 'n', '100').client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes').exec();
			await client.xadd(stream, '*', 'n', '101');
		} finally {
			client.disconnect();
		}

		// Said once: as news of its own, or (a break that lasted a second on a loaded machine) by the outage's line.
		const wentBack = `ids of stream ${stream} went back from `;
		const told = (note: string) => note.startsWith(wentBack) || (note.startsWith('reading again at ') && note.includes(`, not from where it stopped: ${wentBack}`));
		const shown = await waitForScreen('blink', {awaited: 'the stream made again said under the source', holds: screen => notes(screen).some(told)}, {timeoutMs: limit(30_000)});
		expect(notes(shown).filter(note => note.includes(wentBack))).toHaveLength(1);
		expect(shown).toContain('✓ connected');
		tmux('send-keys', '-t', 'blink', 'q');
	}, limit(120_000));

	it('reads an outage\'s line that says how reading went on whole', async () => {
		const stream = 'shop.payments';
		await addNumbered(server.url, stream, 0, 3);
		await monitor('outage', stream, 3);
		// Stopped, and back empty (no persistence): the stream read is gone.
		await server.down();
		await waitForScreen('outage', {awaited: 'the outage under the source', holds: shown => notes(shown).some(note => /^reading stopped at \S+Z \(/.test(note))}, {timeoutMs: limit(30_000)});
		await server.up();
		const resumed = new RegExp(`^reading again at \\S+Z after [\\d.,]+ m?s, not from where it stopped: stream ${stream.replace('.', '\\.')} is gone \\(deleted, or the server came back without it\\): read from its start if it is made again$`);
		const shown = await waitForScreen('outage', {awaited: 'the whole line saying how reading went on', holds: screen => notes(screen).some(note => note.startsWith('reading again at '))}, {timeoutMs: limit(30_000)});
		expect(notes(shown).find(note => note.startsWith('reading again at '))).toMatch(resumed);
		expect(shown.split('\n').every(row => row.trimEnd().length <= 80)).toBe(true);
		tmux('send-keys', '-t', 'outage', 'q');
	}, limit(120_000));
});
