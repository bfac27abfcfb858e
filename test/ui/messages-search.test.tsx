// The Messages filter searches the whole store, not only the newest events, and says how far back it looked.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {limit} from '../support/limits.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

describe('Messages filter over a whole replay', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('/status:error finds every error event of the recording (as many as metrics counts) and says it searched them all', async () => {
		// What `metrics --json` reports: errors per topic, counted as events were ingested (no store search involved).
		const errors = Object.values(held.session.engine.summary().topics).reduce((sum, topic) => sum + topic.errors, 0);
		const stored = held.session.store.stats().events;
		// The recording has more events than the engine's recent window and more errors than the live tail holds.
		expect(stored).toBeGreaterThan(40_000);
		expect(errors).toBeGreaterThan(500);
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 30});
		await app.press('3');
		await app.waitFor('[3 Messages]');
		await app.press('/', 'status:error', ENTER);
		const frame = await app.waitFor('stored events', limit(30_000));
		const header = frame.split('\n').find(line => line.startsWith('Messages · filter: status:error'))!;
		expect(header).toContain(`${errors.toLocaleString('en-US')} matching · searched all ${stored.toLocaleString('en-US')} stored events`);
		expect(frame).toContain('✗ error');
		expect(frame).not.toContain('✓ ok');
	});

	it('a filter nothing matches says so after looking at every stored event', async () => {
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 30});
		await app.press('3', '/', 'id:NO-SUCH-ORDER', ENTER);
		const frame = await app.waitFor('stored events', limit(30_000));
		expect(frame).toContain(`0 matching · searched all ${held.session.store.stats().events.toLocaleString('en-US')} stored events`);
		expect(frame).toContain('no stored event matches the filter');
	});
});
