// The Sagas pane at 80×24 on a recording no saga definition matches (a Debezium capture): it cut its two lines at
// the edge, `(checkout, parcel, r…` and `(see docs/plugin-a…`, so a stranger saw neither every definition it had
// nor where to write one. Both are wrapped now, every word on the screen. The replay has ended, so the pane no longer
// says "no saga found yet … so far" (no saga can still come); it says none was found. The real CLI in tmux.
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const recording = path.join(root, 'test/fixtures/recordings/debezium-cdc.jsonl');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-sagas-none-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

describe.skipIf(tmuxSkipReason())('Sagas pane with no saga found, at 80×24', () => {
	const temp = useTempDir('pubsub-sagas-none-');
	afterAll(stop);

	it('shows every definition name and where definitions go, whole', async () => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${temp.path}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
			process.execPath, cli, 'replay', recording, '--speed', 'max', '--data-dir', path.join(temp.path, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'sagas', '-x', '80', '-y', '24', `${command}; sleep 60`);
		await waitForScreen('sagas', 'replay finished');
		tmux('send-keys', '-t', 'sagas', '6');
		const screen = await waitForScreen('sagas', 'no saga found');
		const lines = screen.split('\n');
		expect(lines[0], screen).toMatch(/^✓ replay finished/);
		for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
		const from = lines.findIndex(line => line.startsWith('no saga found'));
		const said = lines.slice(from, lines.findIndex(line => line.startsWith('? help'))).join(' ').replaceAll(/\s+/g, ' ').trim();
		expect(said, screen).toBe('no saga found: no definition matches the events (checkout, parcel, ride-booking, ecommerce-order) Definitions: pluginOptions.sagas in pubsub-tools.config.yaml (see docs/plugin-api.md)');
	});
});
