// The help screen's sections are apart: the blank line between two sections takes its row.
import {describe, expect, it} from 'vitest';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';

describe('the help screen at 80×24', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('draws the blank line before each section title', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('?');
		const lines = (await held.app.waitFor('In lists')).split('\n');
		const title = lines.findIndex(line => line === 'In lists');
		expect(lines[title - 1]?.trim()).toBe('');
		expect(lines[title - 2]).toContain('quit');
	});
});
