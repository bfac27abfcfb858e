// The transaction view shows the aggregate's state after the selected event; ↑ ↓ step through its events.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/claims-store.jsonl');

describe('the aggregate state line of the transaction view', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('steps through claim_67891: created, a flagged jump to resolved, then assigned', async () => {
		const app = held.app = await renderApp(held.session, {columns: 120, rows: 30});
		await app.press(':', 'tx claim_67891', ENTER);
		let frame = await app.waitFor('aggregate claim_67891 (claims) · after this event: Creee · version 1');
		await app.press('j');
		frame = await app.waitFor('✗ not applied');
		expect(frame).toContain('✗ not applied, still Creee · version 1 · ReclamationResolue: Creee → Resolue');
		expect(frame).toMatch(/▶ 09:51:02\.192 .*ReclamationResolue .*✗ BREAKS ITS STATE MACHINE/);
		await app.press('j');
		frame = await app.waitFor('after this event: Affectee · version 2');
		expect(frame).not.toMatch(/ReclamationAffectee .*BREAKS/);
		await app.press('k', 'k');
		frame = await app.waitFor('after this event: Creee · version 1');
	});
});
