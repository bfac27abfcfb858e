// A long filter at 80 columns: the Messages header gives way in the expression (the tabs line shows it too), not in
// how many events matched, how many it searched or whether the tail follows; its words are the shortest.
import {describe, expect, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

describe('Messages header with a long filter', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('keeps the match count at 80 columns', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('3');
		await held.app.waitFor('[3 Messages]');
		await held.app.press('/', `status:error !topic:${'x'.repeat(60)}`, ENTER);
		const frame = await held.app.waitFor(text => text.includes(' matching · '));
		const header = frame.split('\n').find(line => line.includes(' matching · '))!;
		expect(header).toMatch(/^\/status:error !topic:x+… · \d+ matching · \d+ stored · ▼ following$/);
	});
});
