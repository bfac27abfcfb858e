// `demo --publish` in an 80×24 terminal while its one broker is down: its line of each second stays one line, the
// counts and what it waits for (the broker's address) kept, the URL it publishes to and the phase left out first. It used to wrap over three rows each second (`published 556
// events (+0/s) to redis://127.0.0.1:16479, phase normal; 193 waiting for redis://127.0.0.1:16479 to answer (Reached
// the max retries per request limit (which is 3). Refer to "maxRetriesPerRequest" option for details.)`).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import type {RestartableServer} from '../../scripts/local-process.js';
import {displayWidth} from '../../source/ui/text/width.js';
import {kafkaSkipReason, startDedicatedKafka} from '../support/kafka.js';
import {redisSkipReason, startDedicatedRedis} from '../support/redis.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, stop} = tmuxServer(`pubsub-demo-narrow-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** The broker kinds, each with a broker of its own the test takes down. */
const brokers = [
	{kind: 'redis', skip: redisSkipReason({dedicated: true}), start: async () => {
		const server = await startDedicatedRedis();
		return {server, url: server.url};
	}},
	{kind: 'kafka', skip: kafkaSkipReason({dedicated: true}), start: async () => {
		const server = await startDedicatedKafka();
		return {server, url: `kafka://${server.bootstrap}`};
	}},
];

describe.skipIf(tmuxSkipReason())('demo --publish at 80×24 while its broker is down', () => {
	let home: string;
	const servers: RestartableServer[] = [];
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-demo-narrow-'));
	});
	afterAll(async () => {
		stop();
		for (const server of servers) await server.stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	for (const {kind, skip, start} of brokers) {
		it.skipIf(skip)(`${kind}: each second's line fits the terminal, saying what it waits for`, async () => {
			const {server, url} = await start();
			servers.push(server);
			const command = [
				'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
				process.execPath, cli, 'demo', '--publish', url,
			].map(quote).join(' ');
			tmux('new-session', '-d', '-s', kind, '-x', '80', '-y', '24', `${command}; sleep 120`);
			// Lines as written, the rows of a wrapped one joined again.
			const lines = () => tmux('capture-pane', '-p', '-J', '-t', kind).split('\n').filter(Boolean);
			await vi.waitFor(() => {
				expect(lines().some(line => line.startsWith('published '))).toBe(true);
			}, {timeout: limit(60_000), interval: 200});
			await server.down();
			const waiting = `waiting for ${url}`;
			const shown = await vi.waitFor(() => {
				const now = lines();
				if (now.filter(line => line.includes(waiting)).length < 3) throw new Error(`waiting for three lines saying ${waiting}; last screen:\n${now.join('\n')}`);
				return now;
			}, {timeout: limit(60_000), interval: 200});
			tmux('send-keys', '-t', kind, 'C-c');
			const wider = shown.filter(line => displayWidth(line) > 80);
			expect(wider, wider.join('\n')).toEqual([]);
			for (const line of shown.filter(line => line.includes(waiting))) expect(line).toMatch(/^published [\d,]+ events? \(\+[\d,]+\/s\)(, phase \S+)?; [\d,]+ waiting for /);
		}, limit(180_000));
	}
});
