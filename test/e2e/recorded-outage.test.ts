// The TUI replaying a recording that holds an outage shows it where a live source's news shows: under the source, at
// the recording's times, with how long it lasted, and in the silence it caused. Before, the replay showed a quiet
// gap and nothing else.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, it} from 'vitest';
import {outageRecording} from '../support/outage-recording.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';
import {limit} from '../support/limits.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-recorded-outage-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

describe.skipIf(tmuxSkipReason())('a replay of a recording that holds an outage, at 100×30', () => {
	let home: string;
	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-recorded-outage-'));
	});
	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	it('says under the source that reading stopped and went on, with how long, and in the alert it caused', async () => {
		const file = outageRecording(home);
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8',
			process.execPath, cli, 'replay', file, '--speed', 'max', '--ephemeral',
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'outage', '-x', '100', '-y', '30', `${command}; sleep 60`);
		await waitForScreen('outage', {
			awaited: 'the finished replay with the outage under its source',
			holds: shown => shown.includes('replay finished') && shown.includes('⚠ kafka://127.0.0.1:9092 (recorded): reading again at 2026-12-07T05:06:05Z after 45.0 s'),
		}, {timeoutMs: limit(60_000)});
		// The silence it caused says, in the Alerts pane's detail, that the source was not being read.
		tmux('send-keys', '-t', 'outage', '4');
		await waitForScreen('outage', {awaited: 'the silence saying the source was not being read', holds: shown => /silence on payments: .*fired while/s.test(shown) && shown.includes('was not being read')});
	}, limit(120_000));
});
