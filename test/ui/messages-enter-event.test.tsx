// Enter on a message opens its transaction on that event: the timeline's selected step is the message the user
// chose (and its JSON below), not the transaction's first event, wherever in the transaction the message falls.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER, ESC} from './support/keys.js';
import {limit} from '../support/limits.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

/** Time and type of the highlighted (▶) row of a frame: Messages and the timeline both start a row with its time. */
function highlighted(frame: string): {time: string; type: string | undefined} | undefined {
	const row = frame.split('\n').find(line => /^▶ \d\d:\d\d:\d\d\.\d{3}/.test(line));
	if (!row) return undefined;
	return {time: /\d\d:\d\d:\d\d\.\d{3}/.exec(row)![0], type: /\b([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b/.exec(row)?.[1]};
}

/** The title of the selected event's JSON in Messages, `Event SEQ`: each event's own, so it changes with every move. */
function selectedTitle(frame: string): string | undefined {
	return /^Event \d+/m.exec(frame)?.[0];
}

describe('Enter on a message', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true, to: Date.UTC(2026, 10, 27, 8, 3, 30)}));

	it('opens its transaction with that event selected, for messages late and early in their transactions', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3');
		await app.waitFor('Messages');
		const positions = new Set<string>();
		for (const up of [0, 3, 7]) {
			let shown = await app.waitFor(frame => selectedTitle(frame) !== undefined && highlighted(frame) !== undefined);
			for (let press = 0; press < up; press++) {
				// Each `k` handled before the next is typed and the row read: the selection has moved off the event it was on.
				const before = selectedTitle(shown);
				await app.press('k');
				shown = await app.waitFor(frame => selectedTitle(frame) !== undefined && selectedTitle(frame) !== before);
			}

			const chosen = highlighted(shown)!;
			expect(chosen).toBeDefined();
			await app.press(ENTER);
			const opened = await app.waitFor(frame => frame.includes('Transaction ') && /\(\d+ of \d+\)/.test(frame));
			const step = highlighted(opened)!;
			expect(step, opened).toStrictEqual(chosen);
			positions.add(/\((\d+) of \d+\)/.exec(opened)![1]!);
			await app.press(ESC);
			await app.waitFor(frame => !frame.includes('Transaction '));
		}

		// Not only first steps: the messages chosen sit at other places in their transactions.
		expect([...positions].some(position => position !== '1')).toBe(true);
	}, limit(60_000));
});
