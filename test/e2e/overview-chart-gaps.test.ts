// The Overview's charts at 80×24 on a replay with ten seconds without events: the delivery chart leaves those seconds
// blank, and the throughput chart the half of its minute before the first event. Both used to draw them as 0 (a flat
// line at `0 ms` through the outage: instant deliveries), since the series' NaN became 0 before asciichart drew them.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxPath, tmuxServer} from '../support/tmux.js';

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

describe.skipIf(!fs.existsSync(tmuxPath))('Overview charts over seconds without events, at 80×24', () => {
	const temp = useTempDir('pubsub-chart-gaps-');
	afterAll(stop);

	it('draw no value where nothing was measured or watched, and a true 0/s where nothing arrived', async () => {
		const recording = path.join(temp.path, 'gap.jsonl');
		fs.writeFileSync(recording, gapRecording());
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${temp.path}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
			process.execPath, cli, 'replay', recording, '--speed', 'max', '--data-dir', path.join(temp.path, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'gaps', '-x', '80', '-y', '24', `${command}; sleep 60`);
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
	}, 60_000);
});
