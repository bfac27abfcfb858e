// Once the input has ended nothing more will come, and the panes say so: after a replay of a recording that holds no
// event, Topics said "no events yet", Messages "waiting for events…" and the Alerts keys "none has fired yet", words
// that promise what cannot arrive. They now say it without "yet" (moreMayCome); empty-list-keys holds the words
// while more may come.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, replaySession, type RenderedApp} from './support/app-harness.js';

describe('the panes after a replay of a recording without events has ended', () => {
	const temp = useTempDir('pubsub-ended-input-');

	it('Topics, Messages and the Alerts keys say there are none, not none yet', async () => {
		const recording = path.join(temp.path, 'empty.jsonl');
		fs.writeFileSync(recording, `${JSON.stringify({$recording: {version: 1, createdAt: '2026-11-27T08:00:00.000Z', source: 'nothing'}})}\n`);
		const session = await replaySession(recording, {run: true});
		let app: RenderedApp | undefined;
		try {
			app = await renderApp(session, {columns: 80, rows: 24});
			await app.waitFor('replay finished');
			await app.press('2');
			expect(await app.waitFor(text => text.includes('[2 Topics]') && /^no events$/m.test(text))).not.toContain('no events yet');
			await app.press('3');
			expect(await app.waitFor('no events were read')).not.toContain('waiting for events');
			await app.press('4');
			await app.waitFor('no alerts in this run');
			await app.press('a');
			expect(await app.waitFor('no alert to acknowledge: none has fired')).not.toContain('none has fired yet');
		} finally {
			app?.unmount();
			await session.close();
		}
	});
});
