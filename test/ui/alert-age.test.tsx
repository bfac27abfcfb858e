// An alert's age in the TUI is measured on the alerts' clock (event time, run on by the wall clock while a live system
// is quiet: docs/event-model.md), not on the arrival clock. After an old backlog was read, the arrival clock is today
// and the events' times days ago: a silence that fired 10 s ago read "(72h 00m)". The charts are drawn on arrival
// time: the ✗ of that alert was placed days before the chart's start, off it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import type {Session} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import type {RawEvent} from '../../source/core/envelope.js';
import type {Source} from '../../source/core/sources/source.js';
import {openStore} from '../../source/core/store/store.js';
import {renderApp, replaySession, type RenderedApp} from './support/app-harness.js';
import {dayMs, pings, writeOldBacklog} from './support/old-backlog.js';
import {limit} from '../support/limits.js';

/** A live source that delivers `events` at once, then stays connected with nothing more: a system gone quiet. */
function quietLiveSource(events: RawEvent[]): Source {
	let closed = false;
	let wake = () => undefined as void;
	return {
		id: 'quiet-live',
		async * batches() {
			yield {events};
			await new Promise<void>(resolve => {
				wake = resolve;
			});
		},
		health: () => ({name: 'quiet-live', state: closed ? 'stopped' : 'connected', malformed: 0, malformedSamples: []}),
		async close() {
			closed = true;
			wake();
		},
	};
}

/** The `silence` row of the frame (the first line naming it). */
const silenceRow = (frame: string) => frame.split('\n').find(line => line.includes('silence')) ?? '';

/** The row under the charts that marks alerts (its label `alerts`, right-aligned left of the axis). */
const markRow = (frame: string) => frame.split('\n').find(line => /^ *alerts( |$)/.test(line)) ?? '';

describe('alerts after an old backlog: their age, and their marks on the charts', () => {
	let work = '';
	let app: RenderedApp | undefined;
	let close: (() => Promise<void>) | undefined;
	beforeAll(() => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-alert-age-'));
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

	it('live: a stream read from earliest, three days old, that stays quiet 40 s is silent since 10 s, not 72 hours', async () => {
		let wall = Date.UTC(2026, 0, 15, 10, 0, 0);
		const events: RawEvent[] = pings('it.old', 400, 300_000, wall - 3 * dayMs).map(({topic, timestamp}, n) => ({
			source: 'redis', topic, value: {eventType: 'Ping', n, timestamp: new Date(timestamp).toISOString()}, receivedAt: wall,
		}));
		const store = openStore({ephemeral: true, path: path.join(work, 'live'), retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const sources = [quietLiveSource(events)];
		const engine = createEngine({config: defaultConfig, store, sources, now: () => wall, liveClock: true});
		const running = engine.run();
		close = async () => {
			await engine.stop();
			await running;
			await store.close();
		};
		await vi.waitFor(() => {
			expect(engine.totals().stored).toBe(400);
		}, {timeout: limit(20_000)});
		// 40 s of quiet on the wall clock: silent after 30 of them (the engine hears the clock once a second).
		wall += 40_000;
		await vi.waitFor(() => {
			expect(engine.snapshot(60_000).firing.map(alert => alert.rule)).toEqual(['silence']);
		}, {timeout: limit(5000)});

		const session: Session = {config: defaultConfig, store, sources, engine, close: async () => undefined};
		app = await renderApp(session, {columns: 100, rows: 30});
		expect(silenceRow(await app.waitFor('silence'))).toMatch(/silence {2}it\.old .*\(10s\)$/);
		await app.press('4');
		const frame = await app.waitFor('[4 Alerts]');
		expect(silenceRow(frame)).toMatch(/\(10s\)$/);
		expect(frame).toMatch(/since \S+ \(10s\)/);
		expect(frame).not.toContain('72h');
	});

	it('replay: a recording made live of a three-day-old backlog gives the silence its 30 s in the recording, not 72 hours', async () => {
		// One topic stops; another goes on a minute more (its events move alert time on). Recorded three days later.
		const recording = writeOldBacklog(work, Date.UTC(2026, 0, 12, 10, 0, 0));
		const session = await replaySession(recording, {run: true});
		close = async () => session.close();
		expect(session.engine.snapshot(60_000).firing.map(alert => `${alert.rule} ${alert.key}`)).toEqual(['silence orders.old']);

		app = await renderApp(session, {columns: 100, rows: 30});
		expect(silenceRow(await app.waitFor('silence'))).toMatch(/silence {2}orders\.old .*\(30s\)$/);
		await app.press('4');
		const frame = await app.waitFor('[4 Alerts]');
		expect(silenceRow(frame)).toMatch(/\(30s\)$/);
		expect(frame).not.toContain('72h');
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
