// A hub id (a merchantId configured as an id, carried by every event) joins the orders into one transaction until it
// reaches its size cap (transactions.maxEvents), which then absorbs no more: the figures are those of the same
// events without the hub, the hub is flagged capped at exactly the cap, and an order read after it is its own
// transaction, found through its id. The real CLI: metrics --json, and the transaction view in tmux.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {runCli, cli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const orders = 400;
const stepsPerOrder = 3;
const cap = 150;
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-hub-transaction-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** A recording of `orders` orders of three steps each, every event with `extra` in its value; latencies 0–96 ms. */
function writeRecording(file: string, extra: Record<string, string>) {
	const start = Date.UTC(2026, 11, 7, 8, 0, 0);
	const lines = Array.from({length: orders * stepsPerOrder}, (_, index) => {
		const order = Math.floor(index / stepsPerOrder);
		const time = start + index * 10;
		const value = {eventId: `evt-${index}`, eventType: ['OrderCreated', 'OrderPaid', 'OrderShipped'][index % stepsPerOrder], orderId: `ORD-${order}`, ...extra, status: 'ok', timestamp: new Date(time).toISOString()};
		return JSON.stringify({topic: 'orders', partition: 0, offset: String(index), key: `ORD-${order}`, value, timestamp: time, recordedAt: time + (index * 7) % 97, source: 'kafka'});
	});
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('a hub id shared by every event', () => {
	const temp = useTempDir('pubsub-hub-transaction-');
	afterAll(stop);

	const setUp = () => {
		const config = path.join(temp.path, 'pubsub-tools.config.yaml');
		fs.writeFileSync(config, `fields:\n  ids: [orderId, merchantId]\ntransactions:\n  maxEvents: ${cap}\n`);
		const hub = path.join(temp.path, 'hub.jsonl');
		writeRecording(hub, {merchantId: 'M-1'});
		const plain = path.join(temp.path, 'plain.jsonl');
		writeRecording(plain, {});
		return {config, hub, plain};
	};

	it('gives the figures of the same events without it', async () => {
		const {config, hub, plain} = setUp();
		const [withHub, without] = await Promise.all([hub, plain].map(async file => runCli(['metrics', file, '--json', '--config', config])));
		expect(withHub!.code, withHub!.stderr).toBe(0);
		expect(without!.code, without!.stderr).toBe(0);
		const figures = (stdout: string) => {
			const {events, duplicates, topics, delivery} = JSON.parse(stdout) as Record<string, unknown>;
			return {events, duplicates, topics, delivery};
		};

		expect(figures(withHub!.stdout)).toMatchObject({events: orders * stepsPerOrder, duplicates: 0});
		expect(figures(withHub!.stdout)).toEqual(figures(without!.stdout));
	});

	it.skipIf(tmuxSkipReason())('is one transaction flagged capped at the cap, and a later order is its own', async () => {
		const {config, hub} = setUp();
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${temp.path}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
			process.execPath, cli, 'replay', hub, '--speed', 'max', '--config', config, '--data-dir', path.join(temp.path, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'hub', '-x', '120', '-y', '30', `${command}; sleep 60`);
		await waitForScreen('hub', 'replay finished');
		tmux('send-keys', '-t', 'hub', ':tx M-1', 'Enter');
		await waitForScreen('hub', `Transaction M-1 · ${cap} events · `);
		expect(await waitForScreen('hub', '⚠ capped')).toContain(`${cap} events`);

		// The first order's events came before the cap, the last order's after it: it did not join the hub.
		tmux('send-keys', '-t', 'hub', 'Escape', ':tx ORD-0', 'Enter');
		await waitForScreen('hub', `Transaction ORD-0 · ${cap} events · `);
		tmux('send-keys', '-t', 'hub', 'Escape', `:tx ORD-${orders - 1}`, 'Enter');
		const last = await waitForScreen('hub', `Transaction ORD-${orders - 1} · ${stepsPerOrder} events · `);
		expect(last).not.toContain('⚠ capped');
	});
});
