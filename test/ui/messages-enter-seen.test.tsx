// Enter on the Messages tail while it follows a busy stream opens the transaction of the event the screen showed
// highlighted when the key was typed. A key that waited while a frame with newer events was drawn (the process busy
// drawing it, or ingesting) is read after that frame: it must still open what the user saw, not the newest event.
import path from 'node:path';
import {describe, expect, it, vi} from 'vitest';
import {liveReplaySession, renderApp, sessionPerBlock, type RenderedApp} from './support/app-harness.js';
import {ENTER, ESC} from './support/keys.js';
import {limit} from '../support/limits.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

/** The id on the highlighted row of the Messages tail in `frame`, if one is highlighted, whatever its status mark. */
function highlightedId(frame: string): string | undefined {
	const row = frame.split('\n').find(line => /^▶ \d\d:\d\d:\d\d/.test(line));
	return row && /[✓✗⊘↻] ([A-Z]{3}-[A-Z0-9]{4}-\d{6}) /.exec(row)?.[1];
}

/**
 * The id highlighted on a frame the user read: one still on the screen after the event loop looked for input since it
 * was drawn (an immediate queued after reading it has run, as has the one that frame queued to take it as seen).
 */
async function readRow(app: RenderedApp): Promise<string> {
	return vi.waitFor(async () => {
		const frame = await app.waitFor(shown => highlightedId(shown) !== undefined);
		await new Promise(resolve => setImmediate(resolve));
		if (app.frame() !== frame) throw new Error('a newer frame was drawn before the loop looked for input');
		return highlightedId(frame)!;
	}, {timeout: limit(15_000), interval: 10});
}

describe('Enter on the Messages tail while it follows', () => {
	const held = sessionPerBlock(async () => liveReplaySession(recording));

	it('opens the transaction of the row the screen showed, not of the one a frame drawn as the key waited shows', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3');
		await app.waitFor('▼ following');
		const stdout = app.stdout as unknown as {write: (frame: string) => void};
		const draw = stdout.write;
		for (let attempt = 0; attempt < 3; attempt++) {
			const seen = await readRow(app);
			let drawnAfter: string | undefined;
			stdout.write = frame => {
				draw(frame);
				const shown = highlightedId(frame);
				if (drawnAfter !== undefined || shown === undefined || shown === seen) return;
				drawnAfter = shown;
				// Enter, typed while that frame was being drawn, read once it is drawn and before anything else.
				queueMicrotask(() => {
					app.stdin.write(ENTER);
				});
			};

			const opened = await app.waitFor(frame => frame.includes('Transaction '), limit(10_000));
			stdout.write = draw;
			expect(drawnAfter).not.toBe(seen);
			expect(/Transaction (\S+)/.exec(opened)?.[1], `the screen showed ${seen}, then ${drawnAfter} as Enter waited`).toBe(seen);
			await app.press(ESC);
			await app.waitFor('▼ following');
		}
	}, limit(60_000));
});
