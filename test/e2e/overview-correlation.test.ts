// The Overview at 80×24 on a recording whose correlation ids are named otherwise (`order_ref`): no hops formed, and
// the pane said nothing of it (at 24 rows the hop table, with its "no hops yet", is not drawn). It now says how many
// events carry no correlation id and which fields may be one, a line each within 80 columns, the status line still
// on top; with those fields in fields.ids the hops form and the lines are gone. A finished input, or a stream with no
// transactions by nature (readings: no event carries an id), is not told `none yet`: no hops are to come. The real
// CLI in tmux.
import fs from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {renamedIdsRecording} from '../support/renamed-ids.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-overview-ids-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** The command line of the TUI with a clean environment (no CI variables, no colour), its store in `home`. */
function tuiCommand(home: string, args: string[]): string {
	return [
		'env', '-i', `PATH=${process.env.PATH}`, `HOME=${home}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
		process.execPath, cli, ...args, '--data-dir', path.join(home, 'store'),
	].map(quote).join(' ');
}

/** A finished replay of `args` at 80×24 in session `name`: its screen. */
async function finishedReplay(name: string, home: string, args: string[]): Promise<string> {
	fs.mkdirSync(home, {recursive: true});
	tmux('new-session', '-d', '-s', name, '-x', '80', '-y', '24', `${tuiCommand(home, ['replay', ...args, '--speed', 'max'])}; sleep 60`);
	return waitForScreen(name, {awaited: 'the finished replay of 120 events', holds: shown => shown.includes('replay finished') && shown.includes('120 events') && shown.includes('Delivery p99 over time')});
}

describe.skipIf(tmuxSkipReason())('Overview on events without correlation ids, at 80×24', () => {
	const temp = useTempDir('pubsub-overview-ids-');
	afterAll(stop);

	it('says how many events carry no id and which fields may be ids, within the frame', async () => {
		const recording = renamedIdsRecording(temp.path);
		const screen = await finishedReplay('renamed', path.join(temp.path, 'renamed'), [recording]);
		const lines = screen.replace(/\n$/, '').split('\n');
		expect(lines[0], screen).toMatch(/^✓ replay finished/);
		expect(lines, screen).toHaveLength(24);
		expect(lines, screen).toContain('Hops  none: 120 of 120 events carry no correlation id (fields.ids)');
		expect(lines, screen).toContain('  may be ids: order_ref, orderRef; add them to fields.ids');
		for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
	});

	it('on a stream with no transactions by nature says there are none, not that they are yet to come', async () => {
		// Two minutes of temperature readings, one a second: no field names an id, none looks like one.
		const start = Date.UTC(2026, 10, 27, 9, 0, 0);
		const recording = path.join(temp.path, 'readings.jsonl');
		fs.writeFileSync(recording, Array.from({length: 120}, (_, index) => {
			const at = new Date(start + (index * 1000)).toISOString();
			return JSON.stringify({topic: 'plant.temperature', partition: 0, offset: String(index), value: {celsius: 20 + (index % 7) / 10, timestamp: at}, timestamp: at, recordedAt: at});
		}).join('\n') + '\n');
		const screen = await finishedReplay('readings', path.join(temp.path, 'readings'), [recording]);
		const lines = screen.split('\n');
		expect(lines.filter(line => line.startsWith('Hops  ')), screen).toEqual(['Hops  none: 120 of 120 events carry no correlation id (fields.ids)']);
		expect(screen).not.toContain('may be ids');
	});

	it('says nothing of it once the fields are correlation ids and the hops form', async () => {
		const recording = renamedIdsRecording(temp.path);
		const config = path.join(temp.path, 'refs.yaml');
		fs.writeFileSync(config, 'fields:\n  ids: [order_ref, orderRef]\n');
		const home = path.join(temp.path, 'configured');
		await finishedReplay('configured', home, [recording, '--config', config]);
		// The Flow pane shows the hops formed; back on the Overview, no word of ids missing.
		tmux('send-keys', '-t', 'configured', '5');
		await waitForScreen('configured', 'orders->payments');
		tmux('send-keys', '-t', 'configured', '1');
		const screen = await waitForScreen('configured', 'Sources');
		expect(screen).not.toContain('correlation id');
		expect(screen).not.toMatch(/^Hops {2}/m);
	});
});
