// `:group amount` over the e-commerce recording at 80×24: most events (notifications, shipments, stock) have no
// amount, and the summary must say so. Its full words are 83 cells there, and the shorter form dropped the events
// without the field before the copies counted once: `44,166 events · 2,544 values of amount · 5 copies counted once`
// read as if every event had an amount, where `query --group-by amount` says 37,714 have none.
import fs from 'node:fs';
import path from 'node:path';
import {gunzipSync} from 'node:zlib';
import {describe, expect, it} from 'vitest';
import {expectFitsTerminal, renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');

/** The recording's events (each event id once), their values of `amount` and the events without one: counted here without the tool. */
function counts(): {events: number; values: number; without: number} {
	const seen = new Set<string>();
	const values = new Set<string>();
	let without = 0;
	for (const line of gunzipSync(fs.readFileSync(recording)).toString('utf8').trim().split('\n')) {
		const parsed = JSON.parse(line) as {value?: {eventId?: string; amount?: number}};
		if (parsed.value?.eventId === undefined || seen.has(parsed.value.eventId)) continue;
		seen.add(parsed.value.eventId);
		if (parsed.value.amount === undefined) without++;
		else values.add(String(parsed.value.amount));
	}

	return {events: seen.size, values: values.size, without};
}

describe(':group\'s summary on a narrow terminal', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));

	it('keeps the events without the field at 80 columns, giving up the copies first', async () => {
		const {events, values, without} = counts();
		expect(without).toBeGreaterThan(events / 2);
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'group amount', ENTER);
		const frame = await app.waitFor(text => text.includes('Group by amount') && text.includes('▶ '));
		expectFitsTerminal(frame, 80, 24);
		const lines = frame.split('\n');
		const summary = lines[lines.findIndex(line => line.startsWith('Group by amount')) + 1];
		expect(summary).toBe(`${events.toLocaleString('en-US')} events · ${values.toLocaleString('en-US')} values of amount · ${without.toLocaleString('en-US')} without it`);
	});
});
