// An alert an earlier run left firing in a persistent store is history: not counted as firing, not aged, listed
// apart in the Alerts pane; the status bar, the Overview and the Alerts pane give the same firing count.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {openSession, type Session} from '../../source/commands/support/session.js';
import {openStore} from '../../source/core/store/store.js';
import {defaultConfig} from '../../source/core/config.js';
import type {ReplayControl} from '../../source/core/sources/paced-source.js';
import {fixture, renderApp, type RenderedApp} from './support/app-harness.js';

const earlier = {
	id: 'fraud.velocity:CUST-EARLIER-RUN:1700000000000', rule: 'fraud.velocity', key: 'CUST-EARLIER-RUN', severity: 'critical' as const,
	firedAt: 1_700_000_000_000, value: 9, threshold: 5, message: 'customer CUST-EARLIER-RUN made 9 payments in 1 min', exampleIds: [],
};

describe('alerts of an earlier run in the TUI', () => {
	let app: RenderedApp | undefined;
	let session: Session | undefined;
	let dir: string | undefined;

	afterEach(async () => {
		app?.unmount();
		await session?.close();
		if (dir) fs.rmSync(dir, {recursive: true, force: true});
	});

	it('are listed apart as history, and every view gives the same firing count', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-earlier-'));
		const config = defaultConfig;
		const before = openStore({path: dir, retention: config.store.retention, maxTransactionEvents: config.transactions.maxEvents});
		await before.putAlert(earlier);
		await before.close();

		session = await openSession([fixture], {dataDir: dir}, {speed: 'max'});
		await session.engine.run();
		const firing = session.engine.snapshot(60_000).firing.length;
		expect(firing).toBeGreaterThan(0);
		expect(session.engine.runAlerts().map(alert => alert.id)).not.toContain(earlier.id);

		const replay = (session.sources[0] as unknown as {replay: ReplayControl}).replay;
		app = await renderApp(Object.assign(session, {replay}), {columns: 140, rows: 30});
		let frame = await app.waitFor(`✗ ${firing} firing`);
		expect(frame.split('\n')[0]).toContain(`✗ ${firing} firing`);
		expect(frame).toMatch(new RegExp(`Alerts {2}✗ ${firing} firing`));

		await app.press('4');
		frame = await app.waitFor('earlier runs (history: not firing now)');
		expect(frame).toContain(`Alerts · ${firing} firing · `);
		expect(frame).toContain('· 1 from earlier runs');
		const lines = frame.split('\n');
		const divider = lines.findIndex(line => line.includes('earlier runs (history'));
		const row = lines.findIndex(line => line.includes('CUST-EARLIER-RUN'));
		expect(row).toBeGreaterThan(divider);
		expect(lines[row]).toMatch(/^. · (critical|warning|info) /);
		expect(lines[row]).toContain('unresolved when its run ended');
		expect(lines[row]).not.toContain('✗');
		expect(lines[row]).not.toMatch(/since .*\(/);
		expect(lines.slice(0, divider).filter(line => /^. ✗ (critical|warning|info) /.test(line))).toHaveLength(firing);
	});
});
