// The Messages pane's header at its widest figures, at 60×16 (the smallest size): a filter that matched more than it
// keeps (5,000+), found 20,000 events back in the store, with 12,345 looked at since, following. The header
// keeps every figure and its state mark whole (`▼ following`, not `▼ followin…`), within the terminal's width.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Session} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import type {RawEvent} from '../../source/core/envelope.js';
import type {Source} from '../../source/core/sources/source.js';
import {openStore} from '../../source/core/store/store.js';
import {displayWidth} from '../../source/ui/text/width.js';
import {renderApp} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {limit} from '../support/limits.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-messages-extreme-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** `count` events from `first` on, one in four a failed payment. */
function events(first: number, count: number): RawEvent[] {
	return Array.from({length: count}, (_, index) => {
		const number = first + index;
		const orderId = `ORD-${String(number).padStart(6, '0')}`;
		const value = {eventType: number % 4 === 0 ? 'PaymentFailed' : 'PaymentCaptured', orderId, status: number % 4 === 0 ? 'error' : 'ok'};
		return {source: 'test', topic: 'payments', partition: 0, offset: String(number), key: orderId, value, timestamp: Date.UTC(2026, 10, 27, 8) + number};
	});
}

/** A source that gives 24,000 events at once, then 12,345 more once `release` is called. */
function twoWaves(): {source: Source; release: () => void} {
	let release = () => undefined as void;
	const released = new Promise<void>(resolve => {
		release = resolve;
	});
	const source: Source = {
		id: 'two-waves',
		async * batches() {
			for (let at = 0; at < 24_000; at += 1000) yield {events: events(at, 1000)};
			await released;
			for (let at = 24_000; at < 36_345; at += 1000) yield {events: events(at, Math.min(1000, 36_345 - at))};
		},
		health: () => ({name: 'two-waves', state: 'connected', malformed: 0, malformedSamples: []}),
		close: async () => undefined,
	};
	return {source, release};
}

describe('the Messages header at its widest figures', () => {
	it('at 60×16 keeps 5,000+, 20,000 back + 12,345 new and ▼ following whole', async () => {
		const {source, release} = twoWaves();
		const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const engine = createEngine({config: defaultConfig, store, sources: [source]});
		const session: Session = {config: defaultConfig, store, sources: [source], engine, close: async () => store.close()};
		void engine.run();
		const app = await renderApp(session, {columns: 60, rows: 16});
		try {
			await app.waitFor(() => store.stats().events === 24_000, limit(20_000));
			await app.press('3', '/', 'status:error', ENTER);
			await app.waitFor(text => /5,000\+ matching · \d\d,\d{3} back/.test(text), limit(30_000));
			release();
			const frame = await app.waitFor(text => text.includes('12,345 new'), limit(30_000));
			const lines = frame.split('\n');
			for (const line of lines) expect(displayWidth(line), frame).toBeLessThanOrEqual(60);
			const header = lines[lines.findIndex(line => line.includes('[3 Messages]')) + 1] ?? '';
			expect(header, frame).toMatch(/^\/s\S* .*5,000\+ .*\d\d,\d{3} back \+ 12,345 new · ▼ following$/);
		} finally {
			release();
			app.unmount();
			await engine.stop();
			await session.close();
		}
	}, limit(120_000));
});
