// The Overview's average rate is over the seconds the monitor has seen, not the whole window: ten seconds of a
// system at 5 events/s read "0.8 ev/s avg" in a one-minute window (50 events / 60 s) when a run had just begun.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, replaySession} from './support/app-harness.js';

/** `count` events, `gapMs` apart in arrival and event time, from a whole second on. */
function recording(directory: string, count: number, gapMs: number): string {
	const start = Date.parse('2026-12-01T10:00:00Z');
	const lines = Array.from({length: count}, (_, index) => JSON.stringify({
		topic: 'orders.created',
		value: {orderId: `O${index}`, type: 'OrderCreated', timestamp: new Date(start + (index * gapMs)).toISOString()},
		recordedAt: new Date(start + (index * gapMs) + 5).toISOString(),
	}));
	const file = path.join(directory, `${count}-${gapMs}.jsonl`);
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

/** The Overview's Events line once everything was ingested. */
async function eventsLine(file: string): Promise<string> {
	const session = await replaySession(file, {run: true});
	try {
		const app = await renderApp(session, {columns: 100, rows: 30});
		try {
			const frame = await app.waitFor('[1 Overview]');
			return frame.split('\n').find(line => line.startsWith('Events'))!;
		} finally {
			app.unmount();
		}
	} finally {
		await session.close();
	}
}

describe('Overview average rate', () => {
	const temp = useTempDir('pubsub-average-');
	it('divides by the seconds seen when the run is shorter than the window', async () => {
		// 50 events over 10 whole seconds (10:00:00 to 10:00:09.8): 5 events/s.
		expect(await eventsLine(recording(temp.path, 50, 200))).toContain('50 total · 5 ev/s now · 5 ev/s avg, peak 5 over 10s');
	});

	it('divides by the whole window once the run is longer than it', async () => {
		// 140 events over 70 s, 2 a second: the last minute holds 120 of them.
		expect(await eventsLine(recording(temp.path, 140, 500))).toContain('2 ev/s avg, peak 2 over 1m');
	});
});
