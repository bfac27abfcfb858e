// Enter on an alert opens its newest example transaction: for one firing for minutes (duplicate payments over
// recordings/ecommerce.jsonl.gz, from 08:01:19 to the end), the latest transaction it fired for, not its first one.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {limit} from '../support/limits.js';

/** The row of the alert, selected. */
const selectedRow = /^▶ .*duplicate +payment\.transactions/m;

describe('Alerts: Enter on an alert that has fired for a long time', () => {
	const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('opens the newest transaction it fired for', async () => {
		held.app = await renderApp(held.session, {columns: 160, rows: 40});
		const {press, waitFor} = held.app;
		await press('4');
		let frame = await waitFor('─ selected alert ─');
		for (let rows = 0; !selectedRow.test(frame) && rows < 40; rows++) {
			await press('j');
			frame = held.app.frame();
		}

		// The detail wraps at word boundaries.
		frame = (await waitFor(text => selectedRow.test(text) && text.replaceAll('\n', ' ').includes('example transactions: '))).replaceAll('\n', ' ');
		const examples = /example transactions: ([^(]+) \(/.exec(frame)![1]!.split(', ');
		expect(examples.length).toBeGreaterThan(1);
		const startOf = (id: string) => Math.min(...held.session.store.transaction(id)!.events.map(event => event.timestamp!));
		await press(ENTER);
		const opened = /Transaction (ORD-\S+)/.exec(await waitFor(text => /Transaction ORD-\S+/.test(text)))![1]!;
		expect(examples).toContain(opened);
		for (const other of examples) expect(startOf(opened)).toBeGreaterThanOrEqual(startOf(other));
	}, limit(120_000));
});
