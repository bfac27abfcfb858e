// A replayed incident says where it was recorded: the Overview shows, under the recording, what its header says of
// its source, filter and time, on the recording's line; a URL's credentials masked, escape sequences shown as text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {Session} from '../../source/commands/support/session.js';
import {defaultConfig} from '../../source/core/config.js';
import {createEngine} from '../../source/core/engine.js';
import {recordingSource} from '../../source/core/sources/recording/source.js';
import {openStore} from '../../source/core/store/store.js';
import {expectFitsTerminal, renderApp} from './support/app-harness.js';

// A short path: at 80 columns the recording's line keeps room for the start of what its header says.
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'po-'));
afterAll(() => {
	fs.rmSync(work, {recursive: true, force: true});
});

/** A recording whose header names a source with credentials, a filter holding an escape sequence, and when it was made. */
function recording(): string {
	const file = path.join(work, 'incident.jsonl');
	const header = {$recording: {version: 1, createdAt: '2026-11-21T10:00:00.000Z', source: 'kafka://ops:hunter2@broker:9092?topics=orders', filter: 'orderId:ORD-\u001B[2J1'}};
	const event = {topic: 'orders', value: {orderId: 'ORD-1', timestamp: '2026-11-21T09:59:00.000Z'}, recordedAt: Date.UTC(2026, 10, 21, 9, 59, 0, 20)};
	fs.writeFileSync(file, `${JSON.stringify(header)}\n${JSON.stringify(event)}\n`);
	return file;
}

describe('the Overview of a replay', () => {
	it('says under the recording where it was recorded, at 80×24 too', async () => {
		const store = openStore({ephemeral: true, path: work, retention: defaultConfig.store.retention, maxTransactionEvents: 10_000});
		const sources = [recordingSource(recording(), {maxLineBytes: defaultConfig.recording.maxLineBytes})];
		const engine = createEngine({config: defaultConfig, store, sources});
		await engine.run();
		const session: Session = {config: defaultConfig, store, sources, engine, close: async () => undefined};
		const said = 'from kafka://***@broker:9092?topics=orders · filter orderId:ORD-\\e[2J1 · made 2026-11-21T10:00:00.000Z';
		const app = await renderApp(session, {columns: 260, rows: 30});
		try {
			const frame = await app.waitFor('[1 Overview]');
			expect(frame).toContain(`incident.jsonl  ✓ finished  1 event  ${said}`);
			expect(frame).not.toContain('hunter2');
			expect(frame).not.toContain('\u001B[2J');
		} finally {
			app.unmount();
		}

		const small = await renderApp(session, {columns: 80, rows: 24});
		try {
			const frame = await small.waitFor('[1 Overview]');
			// Cut to the terminal on the source's line: the charts keep their rows.
			expect(frame).toMatch(/incident\.jsonl {2}✓ finished {2}1 event {2}from kafka:\/\/\*\*\*@broker.*…\n/);
			expect(frame).toContain('Delivery p99 over time');
			expectFitsTerminal(frame, 80, 24);
		} finally {
			small.unmount();
			await store.close();
		}
	});
});
