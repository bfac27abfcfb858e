// Keys the footer offers on an empty list say why they do nothing, instead of doing nothing in silence: Enter and a
// on Alerts before any alert fired, Enter and c on Messages before any event came (or none matches the filter).
import {describe, expect, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

describe('keys on an empty list', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: false}));

	it('Alerts: Enter and a say that no alert has fired yet', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('4');
		await app.waitFor('no alerts in this run');
		await app.press('a');
		await app.waitFor('no alert to acknowledge: none has fired yet');
		await app.press(ENTER);
		await app.waitFor('no alert to open: none has fired yet');
	});

	it('Messages: Enter says that there is no event yet', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3');
		await app.waitFor('waiting for events…');
		await app.press(ENTER);
		expect(await app.waitFor('no event yet')).toContain('[3 Messages]');
	});
});
