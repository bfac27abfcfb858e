// What a live source could not read (events the broker deleted before they were read, offsets that went back) is
// said on the Overview, under the source, while it is news (found within the window shown): a headless run says it at
// its end, and the TUI said nothing at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Session} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import type {Source} from '../../source/core/sources/source.js';
import {openStore} from '../../source/core/store/store.js';
import {expectFitsTerminal, renderApp} from './support/app-harness.js';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-source-gaps-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

const gaps = [
	'40 events of orders/0 (offsets 10 to 49) were deleted by the broker\'s retention before they were read',
	'offsets of orders/1 went back from 120 to 0 (topic recreated or truncated?)',
	'12 events of orders/2 (offsets 0 to 11) were deleted by the broker\'s retention before they were read',
];

/** When the source's one event arrived: the Overview's now. */
const arrived = Date.UTC(2026, 0, 15, 10);

/** Found two minutes before: no longer news in a window of 1 minute. */
const oldGap = 'offsets of orders/3 went back from 80 to 0 (topic recreated or truncated?)';

/** A source that delivers one event and ends, and says it could not read what `gaps` name (and `oldGap` before). */
function sourceWithGaps(): Source {
	return {
		id: 'kafka-gaps',
		async * batches() {
			yield {events: [{source: 'kafka', topic: 'orders', value: {orderId: 'O1'}, receivedAt: arrived}]};
		},
		health: () => ({
			name: 'kafka://broker', state: 'connected', malformed: 0, malformedSamples: [], gaps: [oldGap, ...gaps],
			recentGaps: [{text: oldGap, at: arrived - 120_000}, ...gaps.map(text => ({text, at: arrived - 1000}))],
		}),
		close: async () => undefined,
	};
}

describe('the Overview', () => {
	it('says under a source what it could not read within the window, the newest two and how many earlier', async () => {
		const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const sources = [sourceWithGaps()];
		const engine = createEngine({config: defaultConfig, store, sources});
		await engine.run();
		const session: Session = {config: defaultConfig, store, sources, engine, close: async () => undefined};
		const app = await renderApp(session, {columns: 200, rows: 30});
		try {
			const frame = await app.waitFor('[1 Overview]');
			expect(frame).not.toContain(gaps[0]!);
			expect(frame).toContain(`⚠ ${gaps[1]}`);
			expect(frame).toContain(`⚠ ${gaps[2]}`);
			expect(frame).toContain('⚠ … and 1 earlier');
			expect(frame).not.toContain(oldGap);
		} finally {
			app.unmount();
		}

		// At 80×24 the lines are cut to the terminal, and the status line keeps its place.
		const small = await renderApp(session, {columns: 80, rows: 24});
		try {
			const frame = await small.waitFor('[1 Overview]');
			expect(frame).toContain('⚠ 12 events of orders/2');
			expectFitsTerminal(frame, 80, 24);
		} finally {
			small.unmount();
			await store.close();
		}
	});
});
