// A transaction at its size cap (transactions.maxEvents) holds only some of its aggregate's events, so a state folded
// from them can be wrong (events read out of order leave out earlier ones: versions and moves then differ from
// `state --id`, which folds every event). The view now shows no state line and its capped issue says why.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {openSession} from '../../source/commands/support/session.js';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, type RenderedApp} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

describe('the transaction view of a capped transaction', () => {
	const temp = useTempDir('pubsub-capped-state-');

	it('shows no state folded from the events it kept, and says so', async () => {
		const config = path.join(temp.path, 'pubsub-tools.config.yaml');
		fs.writeFileSync(config, 'transactions:\n  maxEvents: 5\n');
		const recording = path.join(temp.path, 'claims.jsonl');
		const types = ['ReclamationCreee', ...Array.from({length: 7}, () => 'NoteAjoutee')];
		fs.writeFileSync(recording, types.map((type, index) => JSON.stringify({topic: 'claims', partition: 0, offset: index, value: {
			eventType: type, aggregateId: 'claim-1', claimId: 'claim-1', timestamp: `2026-12-07T08:00:00.0${index}0Z`,
		}})).join('\n') + '\n');
		const session = await openSession([recording], {ephemeral: true, config}, {speed: 'max'});
		let app: RenderedApp | undefined;
		try {
			await session.engine.run();
			app = await renderApp(session, {columns: 120, rows: 30});
			await app.press(':', 'tx claim-1', ENTER);
			const frame = await app.waitFor('transaction reached the size cap');
			expect(frame).toContain('states not shown (state --id folds every event)');
			expect(frame).not.toContain('after this event');
		} finally {
			app?.unmount();
			await session.close();
		}
	});
});
