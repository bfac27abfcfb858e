// The Overview's throughput chart at 80×24 over the last hour of a system with an event a minute: every y label but
// the axis's 0 read `0.0` (the rates per column, about 0.02/s, were written with one decimal), so the chart said
// nothing of how many events came. Rates below 0.1/s are labelled with two significant digits now: the labels
// differ, the top one the busiest column's rate. The real CLI in tmux.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-slow-rate-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** An event a minute for an hour (two in the last minute), each delivered in 20 ms. */
function slowRecording(): string {
	const start = Date.parse('2026-11-27T08:00:00Z');
	const times = [...Array.from({length: 60}, (_, minute) => start + (minute * 60_000)), start + (59 * 60_000) + 500];
	return `${times.map((at, index) => JSON.stringify({topic: 'claims', value: {eventId: `e-${index}`, type: 'ClaimFiled'}, timestamp: at, recordedAt: at + 20})).join('\n')}\n`;
}

describe.skipIf(tmuxSkipReason())('Overview throughput labels of a slow system, at 80×24', () => {
	const temp = useTempDir('pubsub-slow-rate-');
	afterAll(stop);

	it('differ from each other over the last hour', async () => {
		const recording = path.join(temp.path, 'slow.jsonl');
		fs.writeFileSync(recording, slowRecording());
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${temp.path}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
			process.execPath, cli, 'replay', recording, '--speed', 'max', '--data-dir', path.join(temp.path, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'slow', '-x', '80', '-y', '24', `${command}; sleep 60`);
		await waitForScreen('slow', {awaited: 'the finished replay of 61 events', holds: shown => shown.includes('replay finished') && shown.includes('61 events')});
		tmux('send-keys', '-t', 'slow', ':', 'window 1h', 'Enter');
		const screen = await waitForScreen('slow', 'Throughput, events/s, last 1h');
		const lines = screen.split('\n');
		const title = lines.findIndex(line => line.startsWith('Throughput, events/s, last 1h'));
		const labels = lines.slice(title + 1, lines.findIndex((line, index) => index > title && line.trimStart().startsWith('alerts'))).map(line => line.slice(0, 8).trim());
		expect(labels.length, screen).toBeGreaterThanOrEqual(3);
		expect(labels.at(-1), screen).toBe('0');
		expect(new Set(labels).size, `${labels.join(' | ')}\n${screen}`).toBe(labels.length);
		// 70 columns over the hour: about 51 s a column, so one event a column is about 0.02/s, two 0.04/s.
		expect(Number(labels[0]), screen).toBeGreaterThan(0.015);
		expect(Number(labels[0]), screen).toBeLessThan(0.05);
	});
});
