// A transaction at its size cap (transactions.maxEvents) holds only some of its aggregate's events, so a state folded
// from them can be wrong (events read out of order leave out earlier ones). The view folds every stored event of the
// aggregate instead, in steps off the render path, and shows the state `state --id` gives.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, type RenderedApp} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

describe('the transaction view of a capped transaction', () => {
	const temp = useTempDir('pubsub-capped-state-');

	it('shows the state folded from every stored event of its aggregate, not only from the events it kept', async () => {
		const config = path.join(temp.path, 'pubsub-tools.config.yaml');
		fs.writeFileSync(config, 'transactions:\n  maxEvents: 5\n');
		const recording = path.join(temp.path, 'claims.jsonl');
		// Five notes read first (kept by the transaction), then the claim's creation, assignment and start, earlier in
		// event time but read after the cap: the notes come after them, at version 4 and on.
		const read = [
			...Array.from({length: 5}, (_, index) => ({type: 'NoteAjoutee', at: 3 + index})),
			{type: 'ReclamationCreee', at: 0}, {type: 'ReclamationAffectee', at: 1}, {type: 'ReclamationEnCours', at: 2},
		];
		fs.writeFileSync(recording, read.map(({type, at}, index) => JSON.stringify({topic: 'claims', partition: 0, offset: index, value: {
			eventType: type, aggregateId: 'claim-1', claimId: 'claim-1', timestamp: `2026-12-07T08:00:00.0${at}0Z`,
		}})).join('\n') + '\n');
		const session = await openSession([recording], {ephemeral: true, config}, {speed: 'max'});
		let app: RenderedApp | undefined;
		try {
			await session.engine.run();
			app = await renderApp(session, {columns: 120, rows: 30});
			await app.press(':', 'tx claim-1', ENTER);
			const frame = await app.waitFor('after this event');
			expect(frame).toContain('transaction reached the size cap');
			expect(frame).toContain('aggregate claim-1 (claims) · after this event: EnCours · version 4');
		} finally {
			app?.unmount();
			await session.close();
		}
	});
});
