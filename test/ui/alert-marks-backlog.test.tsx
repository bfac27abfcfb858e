// The Overview charts are drawn on arrival time; an alert's firedAt is event time. After an old backlog (events read
// days after their time) the ✗ of an alert that fired a few seconds ago was placed days before the chart's start,
// off it: the marks go where the alert fired on the arrival clock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, type RenderedApp} from './support/app-harness.js';
import {writeOldBacklog} from './support/old-backlog.js';

/** The row under the charts that marks alerts (its label `alerts`, right-aligned left of the axis). */
const markRow = (frame: string) => frame.split('\n').find(line => /^ *alerts( |$)/.test(line)) ?? '';

describe('alert marks on the Overview charts after an old backlog', () => {
	let work = '';
	let app: RenderedApp | undefined;
	let close: (() => Promise<void>) | undefined;
	beforeAll(() => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-alert-marks-'));
	});
	afterAll(() => {
		fs.rmSync(work, {recursive: true, force: true});
	});
	afterEach(async () => {
		app?.unmount();
		app = undefined;
		await close?.();
		close = undefined;
	});

	it('a recording made three days after its events marks the silence that fired in its last minute', async () => {
		// The silence fires 30 s after `end`, in the chart's minute.
		const recording = writeOldBacklog(work, Date.UTC(2026, 0, 12, 10, 0, 0));
		const session = await replaySession(recording, {run: true});
		close = async () => session.close();
		expect(session.engine.snapshot(60_000).firing.map(alert => `${alert.rule} ${alert.key}`)).toEqual(['silence orders.old']);

		app = await renderApp(session, {columns: 100, rows: 30});
		const row = markRow(await app.waitFor('(✗ alert fired, ✓ resolved)'));
		expect(row).toContain('✗');
		// Fired 30 s after the last orders.old event, with 30 s of the minute still to come: near the middle of the
		// 90 columns of the chart (100 less the y labels and axis).
		const column = row.replace(/^ *alerts /, '').indexOf('✗');
		expect(column).toBeGreaterThan(30);
		expect(column).toBeLessThan(60);
	});
});
