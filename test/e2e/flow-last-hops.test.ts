// The Flow pane at 80×24 at the end of a replay: the hops still inside the reordering window when the input ended
// (here every hop of a 9-second Debezium recording after its first 4 s) are counted by the graph, but the pane's
// slowest transactions never got them: plugin stages were not handed the hops the end made final. The slowest edge
// listed nothing and Enter said "no transaction kept for this edge yet". Now every hop is listed and Enter opens the
// slowest. The real CLI in tmux.
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {tmuxServer, tmuxSkipReason} from '../support/tmux.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/source/cli.js');
const recording = path.join(root, 'test/fixtures/recordings/debezium-cdc.jsonl');
const {tmux, waitForScreen, stop} = tmuxServer(`pubsub-flow-last-hops-${process.pid}`);
const quote = (word: string) => `'${word.replaceAll('\'', '\'\\\'\'')}'`;

/** The rows of the slowest-transactions list under the Flow pane's graph. */
function slowestRows(screen: string): string[] {
	const lines = screen.split('\n');
	const from = lines.findIndex(line => line.startsWith('slowest transactions on '));
	return lines.slice(from + 1).filter(line => / ms {2}\d\d:\d\d:\d\d\.\d{3} {2}\S/.test(line));
}

describe.skipIf(tmuxSkipReason())('Flow pane after a replay ends, at 80×24', () => {
	const temp = useTempDir('pubsub-flow-last-hops-');
	afterAll(stop);

	it('lists the slowest transactions of every hop, those the end of the input made final too', async () => {
		const command = [
			'env', '-i', `PATH=${process.env.PATH}`, `HOME=${temp.path}`, 'TERM=xterm-256color', 'LANG=C.UTF-8', 'NO_COLOR=1',
			process.execPath, cli, 'replay', recording, '--speed', 'max', '--data-dir', path.join(temp.path, 'store'),
		].map(quote).join(' ');
		tmux('new-session', '-d', '-s', 'flow', '-x', '80', '-y', '24', `${command}; sleep 60`);
		await waitForScreen('flow', 'replay finished');
		tmux('send-keys', '-t', 'flow', '5');
		// The tombstones join their orders (orders:1001), so the orders topic's inner hops outnumber its crossings and
		// its events are named by type, every hop of the run (event-model.md, hops.nodes auto). The first edge: both
		// hops into the payments, the failed one of ORD-1002 (✗ error) the slowest.
		const payments = await waitForScreen('flow', 'slowest transactions on orders.created->shop.public.payments:');
		expect(slowestRows(payments).map(row => /ORD-\d+/.exec(row)?.[0]), payments).toEqual(['ORD-1002', 'ORD-1001']);
		// The slowest edge, its slowest hop 4 s (ORD-1001), found by the end of the input.
		tmux('send-keys', '-t', 'flow', 's');
		const slowest = await waitForScreen('flow', 'slowest transactions on orders.updated->orders.deleted:');
		expect(slowestRows(slowest), slowest).toHaveLength(2);
		expect(slowestRows(slowest)[0], slowest).toMatch(/^▶ +4,000 ms {2}08:00:06\.000 {2}ORD-1001$/);
		tmux('send-keys', '-t', 'flow', 'Enter');
		await waitForScreen('flow', 'Transaction ORD-1001');

		// The next edge: all three of its hops.
		tmux('send-keys', '-t', 'flow', 'Escape');
		await waitForScreen('flow', 'slowest transactions on');
		tmux('send-keys', '-t', 'flow', 'j');
		const tombstones = await waitForScreen('flow', 'slowest transactions on orders.deleted->orders.tombstone:');
		expect(slowestRows(tombstones), tombstones).toHaveLength(3);
	});
});
