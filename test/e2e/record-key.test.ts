// The real CLI in a real terminal (tmux): `r` records into the user's recordings directory ($XDG_DATA_HOME, or
// --record-dir), never the working directory, and the footer says the full path; its header is the one `record` writes;
// an acknowledged alert is dimmed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const fixture = path.join(root, 'test/fixtures/ui/shop.jsonl');
// fraud.jsonl raises several alerts: one can be acknowledged and left.
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-record-key-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** Whether text at `offset` of a screen captured with escapes is dim: SGR 2 seen since the last 0 or 22. */
function dimAt(captured: string, offset: number): boolean {
	let dim = false;
	for (const match of captured.slice(0, offset).matchAll(/\u001B\[([\d;]*)m/g)) {
		for (const code of match[1]!.split(';').map(Number)) {
			if (code === 0 || code === 22) dim = false;
			else if (code === 2) dim = true;
		}
	}

	return dim;
}

describe.skipIf(tmuxSkipReason())('the r key and acknowledged alerts in a real terminal', () => {
	let home: string;

	/** Start `replay <fixture> --speed max …args` in a 200×30 session, working directory `cwd`. */
	const start = (session: string, cwd: string, env: string[], args: string[] = [], recording = fixture) => {
		const command = ['env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', ...env, process.execPath, cli, 'replay', recording, '--speed', 'max', ...args].map(quote).join(' ');
		tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '30', '-c', cwd, `${command}; sleep 60`);
	};

	beforeAll(() => {
		home = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-record-key-'));
	});

	afterAll(() => {
		stop();
		fs.rmSync(home, {recursive: true, force: true});
	});

	it('records under $XDG_DATA_HOME/pubsub-tools/recordings (created), not the working directory, and says the full path', async () => {
		const cwd = fs.mkdtempSync(path.join(home, 'cwd-'));
		const data = path.join(home, 'data');
		start('default', cwd, [`XDG_DATA_HOME=${data}`]);
		await waitForScreen('default', '✓ replay finished');
		tmux('send-keys', '-t', 'default', 'r');
		const directory = path.join(data, 'pubsub-tools', 'recordings');
		const shown = await waitForScreen('default', 'recording to ');
		expect(shown).toMatch(new RegExp(`recording to pubsub-tools-\\S+\\.jsonl; r stops · in ${directory}`));
		tmux('send-keys', '-t', 'default', 'r');
		await waitForScreen('default', 'recorded 0 events to');
		expect(fs.readdirSync(directory)).toHaveLength(1);
		expect(fs.readdirSync(cwd)).toEqual([]);
		tmux('send-keys', '-t', 'default', 'q');
	});

	it('replaying a recording, writes the header `record` would: its source (credentials masked), filter, and the recording read', async () => {
		const cwd = fs.mkdtempSync(path.join(home, 'cwd-'));
		const recording = path.join(cwd, 'incident.jsonl');
		const header = {$recording: {version: 1, createdAt: '2026-11-21T10:00:00.000Z', source: 'kafka://ops:s3cret@broker:9092', filter: 'orderId:ORD-1'}};
		// The fixture's events under a header of our own in place of its.
		const events = fs.readFileSync(fixture, 'utf8').split('\n').slice(1);
		fs.writeFileSync(recording, [JSON.stringify(header), ...events].join('\n'));
		start('header', cwd, ['XDG_DATA_HOME=/nonexistent'], ['--record-dir', 'recs'], recording);
		await waitForScreen('header', '✓ replay finished');
		tmux('send-keys', '-t', 'header', 'r');
		await waitForScreen('header', 'recording to ');
		tmux('send-keys', '-t', 'header', 'r');
		await waitForScreen('header', 'recorded 0 events to');
		tmux('send-keys', '-t', 'header', 'q');
		const [written] = fs.readdirSync(path.join(cwd, 'recs'));
		const firstLine = fs.readFileSync(path.join(cwd, 'recs', written!), 'utf8').split('\n')[0]!;
		expect(JSON.parse(firstLine)).toEqual({$recording: {version: 1, createdAt: expect.any(String) as string, source: 'kafka://***@broker:9092', filter: 'orderId:ORD-1', recordedFrom: recording}});
	});

	it('records into --record-dir, made absolute, and dims an acknowledged alert once it is not selected', async () => {
		const cwd = fs.mkdtempSync(path.join(home, 'cwd-'));
		start('flag', cwd, ['XDG_DATA_HOME=/nonexistent'], ['--record-dir', 'incident/recs'], path.join(root, 'recordings/fraud.jsonl'));
		await waitForScreen('flag', '✓ replay finished');
		tmux('send-keys', '-t', 'flag', 'r');
		await waitForScreen('flag', `.jsonl; r stops · in ${path.join(cwd, 'incident/recs')}`);
		tmux('send-keys', '-t', 'flag', 'r');
		await waitForScreen('flag', 'recorded 0 events to');
		expect(fs.readdirSync(path.join(cwd, 'incident/recs'))).toHaveLength(1);

		tmux('send-keys', '-t', 'flag', '4');
		await waitForScreen('flag', '─ last hour');
		tmux('send-keys', '-t', 'flag', 'a');
		await waitForScreen('flag', '· ack');
		tmux('send-keys', '-t', 'flag', 'j');
		await waitForScreen('flag', {awaited: 'the selection off the acknowledged alert', holds: text => !text.split('\n').some(line => line.startsWith('▶') && line.includes('· ack'))});
		const shown = await waitForScreen('flag', '· ack', {escapes: true});
		// The acknowledged row is drawn dim (SGR 2); tmux writes only attribute changes, so follow them to the row.
		expect(dimAt(shown, shown.indexOf('✗', shown.lastIndexOf('\n', shown.indexOf('· ack'))))).toBe(true);
		tmux('send-keys', '-t', 'flag', 'q');
	});
});
