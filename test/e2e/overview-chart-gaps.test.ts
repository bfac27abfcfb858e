// The Overview's charts at 80×24 on a replay with ten seconds without events: the delivery chart leaves those seconds
// blank, and the throughput chart the half of its minute before the first event. Both used to draw them as 0 (a flat
// line at `0 ms` through the outage: instant deliveries), since the series' NaN became 0 before asciichart drew them.
// And on a live Redis taken down for a while: the throughput chart leaves the seconds no source was connected blank,
// where it drew 0/s as for a quiet stream it was reading.
import fs from 'node:fs';
import path from 'node:path';
import {Redis} from 'ioredis';
import {afterAll, describe, expect, it} from 'vitest';
import type {RestartableServer} from '../../scripts/local-process.js';
import {redisSkipReason, startDedicatedRedis} from '../support/redis.js';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-chart-gaps-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** 5 events a second for 10 s, nothing for 10 s, then 10 s more, each delivered in 40–120 ms. */
function gapRecording(): string {
	const start = Date.parse('2026-11-27T08:00:00Z');
	const lines: string[] = [];
	for (const second of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29]) {
		for (let n = 0; n < 5; n++) {
			const timestamp = start + (second * 1000) + (n * 150);
			lines.push(JSON.stringify({topic: 'orders', value: {eventId: `e-${second}-${n}`, type: 'OrderCreated'}, timestamp, recordedAt: timestamp + 40 + ((second % 5) * 20)}));
		}
	}

	return `${lines.join('\n')}\n`;
}

/** The chart under `title` on `screen`: its rows up to the alert marks, each as its label and its plot cells. */
function chart(screen: string, title: string): Array<{label: string; cells: string[]}> {
	const lines = screen.split('\n');
	const first = lines.findIndex(line => line.startsWith(title)) + 1;
	const rows = lines.slice(first, lines.findIndex((line, index) => index >= first && line.trimStart().startsWith('alerts')));
	// Eight cells of label, a space and the axis, then one cell a point.
	return rows.map(row => ({label: row.slice(0, 8).trim(), cells: [...row.padEnd(80)].slice(10)}));
}

/** The runs of columns something is drawn in, over every row of a chart, as [first, last] column. */
function drawnRuns(rows: Array<{cells: string[]}>): Array<[number, number]> {
	const runs: Array<[number, number]> = [];
	for (let column = 0; column < rows[0]!.cells.length; column++) {
		if (rows.every(row => row.cells[column] === ' ')) continue;
		const last = runs.at(-1);
		if (last && last[1] === column - 1) last[1] = column;
		else runs.push([column, column]);
	}

	return runs;
}

/** The command line of the TUI with a clean environment (no CI variables, no colour), its store in `home`. */
function tuiCommand(home: string, args: string[]): string {
	return [
		'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
		process.execPath, cli, ...args, '--data-dir', path.join(home, 'store'),
	].map(quote).join(' ');
}

describe.skipIf(tmuxSkipReason())('Overview charts over seconds without events, at 80×24', () => {
	const temp = useTempDir('pubsub-chart-gaps-');
	let redis: RestartableServer | undefined;
	afterAll(async () => {
		stop();
		await redis?.stop();
	});

	it('draw no value where nothing was measured or watched, and a true 0/s where nothing arrived', async () => {
		const recording = path.join(temp.path, 'gap.jsonl');
		fs.writeFileSync(recording, gapRecording());
		tmux('new-session', '-d', '-s', 'gaps', '-x', '80', '-y', '24', `${tuiCommand(temp.path, ['replay', recording, '--speed', 'max'])}; sleep 60`);
		const screen = await waitForScreen('gaps', {awaited: 'the finished replay with both charts', holds: shown => shown.includes('replay finished') && shown.includes('100 events') && shown.includes('Delivery p99 over time')});

		// Every delivery took 40 ms or more: nothing is drawn at 0 ms, and the ten quiet seconds are a gap between two runs.
		const delivery = chart(screen, 'Delivery p99 over time');
		expect(delivery.at(-1)!.label, screen).toBe('0 ms');
		expect(delivery.at(-1)!.cells.join('').trim(), screen).toBe('');
		const [before, after, ...more] = drawnRuns(delivery);
		expect(more, screen).toEqual([]);
		expect(after![0] - before![1], screen).toBeGreaterThan(8);

		// The first half of the minute is before the replay's first event: blank. The quiet seconds, read through, are 0/s.
		const throughput = chart(screen, 'Throughput, events/s');
		const runs = drawnRuns(throughput);
		expect(runs, screen).toHaveLength(1);
		expect(runs[0]![0], screen).toBeGreaterThan(30);
		expect(throughput.at(-1)!.label, screen).toBe('0');
		expect(throughput.at(-1)!.cells.join(''), screen).toMatch(/╰─{8,}╯/);
		expect(runs[0]![0], screen).toBe(before![0]);
	}, limit(60_000));

	it.skipIf(redisSkipReason({dedicated: true}))('draw no count while no source was connected, and 0/s while one was and nothing arrived', async () => {
		const server = await startDedicatedRedis();
		redis = server;
		const client = new Redis(server.url, {lazyConnect: true, maxRetriesPerRequest: 1});
		await client.connect();
		await client.xadd('orders', '*', 'data', JSON.stringify({eventType: 'OrderCreated', orderId: 'ORD-1'}));
		client.disconnect();
		const home = path.join(temp.path, 'live');
		fs.mkdirSync(home);
		tmux('new-session', '-d', '-s', 'live', '-x', '80', '-y', '24', `${tuiCommand(home, ['monitor', '--source', `${server.url}?streams=orders`, '--from', 'earliest'])}; sleep 90`);
		// The throughput chart's 0 row, to its last cell drawn: the newest second, still counting, is not drawn, so the
		// line ends one cell early with ╴.
		const zeroRow = (shown: string) => chart(shown, 'Throughput, events/s').at(-1)!.cells.join('').trimEnd();
		// Connected and quiet for a few seconds: a 0/s line.
		await waitForScreen('live', {awaited: 'connected, then quiet seconds drawn at 0/s', holds: shown => shown.includes('✓ connected  1 event') && zeroRow(shown).endsWith('───╴')}, {timeoutMs: limit(30_000)});
		await server.down();
		await waitForScreen('live', {awaited: 'the source not connected', holds: shown => !shown.includes('✓ connected')}, {timeoutMs: limit(30_000)});
		await new Promise(resolve => setTimeout(resolve, 6000));
		await server.up();
		// Connected again and quiet for a few seconds: a 0/s line again, the seconds not connected between blank, where
		// a flat 0/s line used to run through them.
		const screen = await waitForScreen('live', {
			awaited: 'the 0/s line, a blank stretch of 5 cells or more, then the 0/s line again',
			holds: shown => shown.includes('✓ connected') && /─{3}.*\S {5,}\S.*──╴$/.test(zeroRow(shown)),
		}, {timeoutMs: limit(40_000)});
		expect(chart(screen, 'Throughput, events/s').at(-1)!.label, screen).toBe('0');
		tmux('send-keys', '-t', 'live', 'q');
	}, limit(120_000));
});
