// A Messages filter with a misspelt field (`staus:error`) matches nothing: the pane says that no recent event has
// that field, so an on-call engineer does not read "0 matching" as "no errors". A filter on fields events have that
// matches nothing says only that.
import {describe, expect, it} from 'vitest';
import {fixtureSession, fittedLines, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

describe('a Messages filter that matches nothing', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('names the field no recent event has, at 80×24 and 60×20', async () => {
		for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
			const app = (held.app = await renderApp(held.session, {columns, rows}));
			await app.press('3', '/', 'staus:error amount>5', ENTER);
			const frame = await app.waitFor('no stored event matches the filter');
			expect(frame).toContain('no recent event has a field "staus": misspelt?');
			fittedLines(frame, columns);
			app.unmount();
		}
	});

	it('says only that nothing matches when every field it names is there', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3', '/', 'type:NoSuchType status:error', ENTER);
		const frame = await app.waitFor('no stored event matches the filter');
		expect(frame).not.toContain('misspelt');
	});
});
