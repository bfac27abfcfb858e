// The Alerts pane's header counts every alert of the run that resolved. It counted those among the newest 200 the
// snapshot lists, so a run of 299 resolved alerts said `1 firing · 199 resolved`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {definePlugin} from '../../source/plugin-api/index.js';
import {openSession, type Session} from '../../source/commands/support/session.js';
import {setActivePlugins} from '../../source/commands/support/plugins.js';
import {setUpPlugins} from '../../source/commands/support/plugin-setup.js';
import type {ReplayControl} from '../../source/core/sources/paced-source.js';
import {builtInPanes} from '../../source/ui/panes/built-in.js';
import {renderApp, type RenderedApp} from './support/app-harness.js';

/** A stage raising one alert per event, each on its own key, resolved a second of event time later. */
const everyEvent = definePlugin({name: 'every-event', apiVersion: 1, setup(context) {
	context.registerStage({name: 'every-event', create(stage) {
		let n = 0;
		return {
			onBatch({events}) {
				for (const event of events) stage.raise({rule: 'every.event', key: `k${n++}`, at: event.timestamp!, message: 'an event', windowMs: 1000});
			},
			snapshot: () => n,
		};
	}});
}});

describe('the Alerts pane of a run with more alerts than the snapshot lists', () => {
	let app: RenderedApp | undefined;
	let session: Session | undefined;
	let dir: string | undefined;

	afterEach(async () => {
		app?.unmount();
		await session?.close();
		setActivePlugins(setUpPlugins([builtInPanes], []));
		if (dir) fs.rmSync(dir, {recursive: true, force: true});
	});

	it('counts every resolved alert in its header', async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-resolved-'));
		const input = path.join(dir, 'events.jsonl');
		const start = Date.parse('2026-11-27T08:00:00Z');
		fs.writeFileSync(input, Array.from({length: 300}, (_, index) => JSON.stringify({topic: 'orders', value: {eventType: 'OrderCreated', orderId: `ORD-${index}`, timestamp: new Date(start + index * 5000).toISOString()}})).join('\n') + '\n');
		setActivePlugins(setUpPlugins([builtInPanes, everyEvent], []));
		session = await openSession([input], {ephemeral: true}, {speed: 'max'});
		await session.engine.run();
		const alerts = session.engine.runAlerts().filter(alert => alert.rule === 'every.event');
		const resolved = alerts.filter(alert => alert.resolvedAt !== undefined).length;
		expect(resolved).toBeGreaterThan(250);
		const firing = session.engine.snapshot(60_000).firing.length;

		const replay = (session.sources[0] as unknown as {replay: ReplayControl}).replay;
		app = await renderApp(Object.assign(session, {replay}), {columns: 140, rows: 30});
		await app.press('4');
		expect(await app.waitFor('Alerts · ')).toContain(`Alerts · ${firing} firing · ${resolved} resolved`);
	});
});
