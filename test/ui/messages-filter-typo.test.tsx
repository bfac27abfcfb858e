// A Messages filter with a misspelt field (`staus:error`) matches nothing: the pane says that no recent event has
// that field, so an on-call engineer does not read "0 matching" as "no errors". A filter on fields events have that
// matches nothing says only that. A misspelt topic (`:topic payment`, `/topic:payment`) said nothing more than "no
// stored event matches the filter": the pane now says that no recent event is on a topic it matches. An `or` between
// terms (`status:error or type:X`, as other languages write OR) is a word this one looks for, every term ANDed: the
// pane says so where it only said that nothing matched.
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

	it('says that no recent event is on the topic a misspelt :topic or topic: asks for', async () => {
		for (const keys of [[':', 'topic payment', ENTER], ['/', 'topic:payment status:error', ENTER]]) {
			const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
			await app.press('3', ...keys);
			const frame = await app.waitFor('no stored event matches the filter');
			expect(frame).toContain('no recent event is on a topic matching "payment": misspelt? (2 lists the topics)');
			fittedLines(frame, 80);
			app.unmount();
		}
	});

	it('says nothing of topics when the topic is there', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3', '/', 'topic:payment* type:NoSuchType', ENTER);
		const frame = await app.waitFor('no stored event matches the filter');
		expect(frame).not.toContain('misspelt');
	});

	it('says that an or between terms is searched as text, at 80×24 and 60×20', async () => {
		for (const [columns, rows] of [[80, 24], [60, 20]] as const) {
			const app = (held.app = await renderApp(held.session, {columns, rows}));
			await app.press('3', '/', 'status:error or type:OrderCreated', ENTER);
			const frame = await app.waitFor('no stored event matches the filter');
			expect(frame).toContain('"or" is searched as text: all terms must match, no OR');
			fittedLines(frame, columns);
			app.unmount();
		}
	});

	it('says nothing of logic words when the filter has none', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3', '/', 'type:NoSuchType ordered', ENTER);
		const frame = await app.waitFor('no stored event matches the filter');
		expect(frame).not.toContain('no OR');
	});
});
