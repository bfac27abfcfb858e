// A source that stopped on an error it does not recover from (here a recording whose gzip is cut short) delivers
// nothing more, like one that finished: the panes said "no events yet", promising what cannot come. They now say
// it without "yet" (moreMayCome counts a source in `error` as ended), and the status bar said "✓ replay finished".
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {moreMayCome} from '../../source/core/more-input.js';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, replaySession, type RenderedApp} from './support/app-harness.js';

describe('the panes after the only source stopped on an error', () => {
	const temp = useTempDir('pubsub-failed-input-');

	it('counts a source in error as one that delivers nothing more', () => {
		expect(moreMayCome([{state: 'error'}])).toBe(false);
		expect(moreMayCome([{state: 'error'}, {state: 'reconnecting'}])).toBe(true);
	});

	it('Topics and the Alerts keys say there are none, not none yet, after a truncated gzip', async () => {
		const recording = path.join(temp.path, 'cut.jsonl.gz');
		const header = `${JSON.stringify({$recording: {version: 1, createdAt: '2026-11-27T08:00:00.000Z', source: 'nothing'}})}\n`;
		const whole = zlib.gzipSync(Buffer.from(header + 'x'.repeat(100_000)));
		// Cut inside the deflate data: the header line may come through, no event does, and the read ends in error.
		fs.writeFileSync(recording, whole.subarray(0, 40));
		const session = await replaySession(recording, {run: true});
		let app: RenderedApp | undefined;
		try {
			app = await renderApp(session, {columns: 80, rows: 24});
			await app.waitFor(text => text.includes('✗ replay stopped on an error') && text.includes('1 malformed'));
			await app.press('2');
			expect(await app.waitFor(text => text.includes('[2 Topics]') && /^no events$/m.test(text))).not.toContain('no events yet');
			await app.press('4');
			await app.press('a');
			expect(await app.waitFor('no alert to acknowledge: none has fired')).not.toContain('none has fired yet');
		} finally {
			app?.unmount();
			await session.close();
		}
	});
});
