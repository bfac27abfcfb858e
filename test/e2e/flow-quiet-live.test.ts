// The real monitor on a real Redis in a real terminal: when the system stops sending, the Flow pane still counts the
// hops of its last seconds (they waited for the reordering window, which quiet time passes as the alerts' clock
// does), as `metrics --json` does over the same streams, with their rate while they are in the window, and its rates
// over the window fall to 0/s. The pane used to keep the last 5 s of hops out for good (1,027 hops on an edge where
// `metrics` counted 1,327) and to show the rate of the last busy seconds (56/s over `window 10s`) with nothing
// arriving for a minute.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {redisSkipReason, useRedis} from '../support/redis.js';
import {runCliUntilRead} from '../support/redis-reads.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {uniqueName} from '../support/unique-name.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-flow-quiet-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** Transactions written: an order and its payment each, on two streams. */
const transactions = 40;

describe.skipIf(tmuxSkipReason() || redisSkipReason())('the Flow pane of a live system that went quiet', () => {
	const redis = useRedis();
	let home: string;
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-flow-quiet-'));
	});
	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	it('counts every hop `metrics --json` counts, shows their rate, and its rate over the window falls to 0/s', async () => {
		const orders = uniqueName('e2e:orders');
		const payments = uniqueName('e2e:payments');
		// Every hop within 2 s of the newest event: all of them wait for the reordering window (5 s) when read.
		const start = Date.now() - 2000;
		const lastIds: Record<string, string> = {};
		for (let n = 0; n < transactions; n++) {
			const at = start + (n * 50);
			lastIds[orders] = (await redis.client.xadd(orders, '*', 'data', JSON.stringify({eventType: 'OrderCreated', orderId: `ORD-${n}`, timestamp: new Date(at).toISOString()})))!;
			lastIds[payments] = (await redis.client.xadd(payments, '*', 'data', JSON.stringify({eventType: 'PaymentAuthorized', orderId: `ORD-${n}`, timestamp: new Date(at + 20).toISOString()})))!;
		}

		const source = `${redis.url}?streams=${orders},${payments}`;
		// Ended by Ctrl-C once it asked both streams for what follows their newest entries: it had them all.
		const metrics = await runCliUntilRead(redis.client, lastIds, ['metrics', '--source', source, '--from', 'earliest', '--json'], {cwd: home});
		const edges = (JSON.parse(metrics.stdout) as {edges: Record<string, {count: number}>}).edges;
		expect(edges).toEqual({[`${orders}->${payments}`]: expect.objectContaining({count: transactions}) as unknown});

		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'monitor', '--source', source, '--from', 'earliest', '--data-dir', path.join(home, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'quiet', '-x', '80', '-y', '24', `${command}; sleep 60`);
		await waitForScreen('quiet', `${transactions * 2} events`);
		tmux('send-keys', '-t', 'quiet', '5');
		// The edge's row: its hops, then its rate over the window.
		const edgeRow = (rate: RegExp) => ({awaited: `the edge's row with ${transactions} hops at ${rate.source}`, holds: (shown: string) => shown.split('\n').some(line => line.includes('─▶') && new RegExp(`\\s${transactions}\\s+${rate.source}\\s`).test(line))});
		// While the hops are in the window (the default minute: they stay in it for some 55 s of quiet, past any wait
		// here), a rate above 0 (formatRate: `4`, `0.7`, `0.017`, `<0.001`), not the `0/s` of a pane that shows none.
		await waitForScreen('quiet', edgeRow(/(?:[1-9][\d,]*(?:\.\d)?|0\.\d*[1-9]\d*|<0\.001)\/s/), {timeoutMs: limit(20_000)});
		tmux('send-keys', '-t', 'quiet', '-l', ':window 10s');
		tmux('send-keys', '-t', 'quiet', 'Enter');
		await waitForScreen('quiet', 'window 10s');
		// 10 s later than the hops (the window) with nothing arriving: no rate.
		await waitForScreen('quiet', edgeRow(/0\/s/), {timeoutMs: limit(30_000)});
		tmux('send-keys', '-t', 'quiet', 'q');
	});
});
