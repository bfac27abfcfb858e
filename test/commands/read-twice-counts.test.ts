// A message read twice (same topic, partition and offset: a recording that holds its line twice, a broker read
// again) is stored once and counted only as "read twice" (headless-json.md). The run's own totals counted it as an
// event too: `replay finished: 8 events` and the TUI's `Events 8 total` beside `metrics --json`'s 7.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, replaySession, type RenderedApp} from '../ui/support/app-harness.js';

const temp = useTempDir('pubsub-read-twice-counts-');

/** Seven messages at offsets 0–6 of one partition, the fourth line written twice. */
function recordingWithALineTwice(): string {
	const lines = Array.from({length: 7}, (_, offset) => JSON.stringify({
		topic: 'orders', partition: 0, offset, recordedAt: `2026-12-07T08:00:0${offset}.500Z`,
		value: {type: 'OrderCreated', orderId: `ORD-${offset}`, timestamp: `2026-12-07T08:00:0${offset}.000Z`},
	}));
	lines.splice(4, 0, lines[3]!);
	const file = path.join(temp.path, 'twice.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

describe('a message read twice is counted once, everywhere', () => {
	it('replay --headless says 7 events, as metrics --json does', async () => {
		const file = recordingWithALineTwice();
		const metrics = await runCli(['metrics', file, '--json'], {cwd: temp.path});
		expect(metrics.code, metrics.stderr).toBe(0);
		expect(JSON.parse(metrics.stdout)).toMatchObject({events: 7, readTwice: 1});
		const replay = await runCli(['replay', file, '--speed', 'max', '--headless'], {cwd: temp.path});
		expect(replay.code, replay.stderr).toBe(0);
		expect(replay.stdout).toMatch(/^replay finished: 7 events,/m);
		expect(replay.stdout).toMatch(/^events 7 .*read twice 1/m);
	});

	it('the TUI says 7 events in the status bar, the Overview and the source', async () => {
		const session = await replaySession(recordingWithALineTwice(), {run: true});
		let app: RenderedApp | undefined;
		try {
			app = await renderApp(session, {columns: 100, rows: 30});
			const frame = await app.waitFor('replay finished');
			expect(frame).toMatch(/│ 7 events │/);
			expect(frame).toMatch(/^Events {2}7 total/m);
			expect(frame).toMatch(/twice\.jsonl .* 7 events/);
			expect(frame).toContain('1 read twice');
		} finally {
			app?.unmount();
			await session.close();
		}
	});
});
