// A filter applied on the Messages tail (typed, or a topic's Enter in Topics) is a new list: it follows its newest
// match, whatever row the unfiltered tail had been scrolled to, instead of keeping that row's place among rows it
// has nothing to do with and saying "scrolled".
import {describe, expect, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

/** The Messages header line and the highlighted row of `frame`. */
function tail(frame: string): {header: string; selected: string} {
	const lines = frame.split('\n');
	return {header: lines.find(line => line.startsWith('Messages ·') || line.startsWith('filter:') || line.startsWith('/')) ?? '', selected: lines.find(line => /^▶ \d\d:/.test(line)) ?? ''};
}

describe('a filter on a scrolled Messages tail', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('follows the newest match', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 100, rows: 30}));
		await app.press('3', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k', 'k');
		expect(tail(await app.waitFor('◆ scrolled')).header).toContain('◆ scrolled');
		await app.press('/', 'topic:payment.transactions', ENTER);
		const frame = await app.waitFor(text => tail(text).header.includes('matching'));
		const {header, selected} = tail(frame);
		expect(header).toContain('▼ following');
		const rows = frame.split('\n').filter(line => /^(▶| ) \d\d:/.test(line));
		expect(rows.length).toBeGreaterThan(1);
		expect(selected).toBe(rows.at(-1));
	});
});
