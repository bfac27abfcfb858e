// The Messages pane at 80×24 (the on-call size) and 60×16 (the smallest) during a replay at 5×, over
// recordings/ecommerce.jsonl.gz with long topic names and long ids: the header keeps whether the tail follows (or is
// paused, or scrolled) and its counts (in tail; matching, stored searched, new), its words shortening and the
// filter's text cut instead; each row keeps the end of its id, what tells one order from another. No line is wider
// than the terminal.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/ui/text/width.js';
import {liveReplaySession, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {limit} from '../support/limits.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-messages-header-'));
const renamed = path.join(dir, 'long-names.jsonl');

/** The recording with every topic and order id made long. */
function writeRenamed(): void {
	const [header, ...events] = zlib.gunzipSync(fs.readFileSync(recording)).toString('utf8').trim().split('\n');
	const lines = events.map(line => {
		const event = JSON.parse(line.replaceAll('ORD-5T6H-', 'ORDER-EU-WEST-PRODUCTION-CHECKOUT-5T6H-')) as {topic: string};
		event.topic = `prod.eu-west-1.commerce.${event.topic}.v2-events`;
		return JSON.stringify(event);
	});
	fs.writeFileSync(renamed, [header, ...lines].join('\n') + '\n');
}

writeRenamed();
afterAll(() => {
	fs.rmSync(dir, {recursive: true, force: true});
});

/** The frame's Messages header (the line under the tabs), every line of the frame checked to fit `columns`. */
function headerOf(frame: string, columns: number): string {
	const lines = frame.split('\n');
	for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
	return lines[lines.findIndex(line => line.includes('[3 Messages]')) + 1] ?? '';
}

// `406 matching · 25,842 stored + 1,020 new`, at the fewest cells `406 of 25,842 stored + 12,345 new`.
const filtered = /[\d,]+\+?(?: matching · | of ).*[\d,]+ stored \+ [\d,]+ new.* · (?<state>▼ following|‖ paused|◆ scrolled.*)$/;

describe.each([[80, 24], [60, 16]])('the Messages pane at %d×%d during a replay', (columns, rows) => {
	const held = sessionPerBlock(async () => liveReplaySession(renamed));

	it('keeps the tail\'s count and state in its header and each row\'s id end', async () => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		await app.press('3');
		// The Messages pane drawn (on a loaded machine a frame of the pane before can still come first).
		const frame = await app.waitFor(text => /^▶ /m.test(text) && text.includes('[3 Messages]'));
		expect(headerOf(frame, columns)).toMatch(/^Messages · [\d,]+ in tail\b.* · ▼ following$/);
		const listed = frame.split('\n').filter(line => /^. \d\d:\d\d:\d\d\.\d{3} /.test(line));
		expect(listed.length).toBeGreaterThan(0);
		for (const row of listed) expect(row, row).toMatch(/ [✓✗⊘↻] \S*5T6H-\d{6}/);
		// The selected event's detail names its number, its topic cut.
		expect(frame).toMatch(/^Event \d+ on prod\.eu-west-1\./m);
		await app.press('k');
		expect(headerOf(await app.waitFor(text => headerOf(text, columns).includes('◆')), columns)).toMatch(/^Messages · [\d,]+ in tail\b.* · ◆ scrolled( \(G follows\))?$/);
	});

	it('keeps what a filter matched, searched and looked at since, and following or paused', async () => {
		const app = (held.app = await renderApp(held.session, {columns, rows}));
		await app.press('3', '/', 'status:error', ENTER);
		const header = headerOf(await app.waitFor(text => filtered.test(headerOf(text, columns)), limit(20_000)), columns);
		expect(filtered.exec(header)?.groups?.state).toBe('▼ following');
		// The filter's text shows as much of itself as the figures leave, cut at its end.
		expect(header).toMatch(/^(Messages · filter: |filter: |\/)s\S*/);
		await app.press(' ');
		const paused = headerOf(await app.waitFor(text => headerOf(text, columns).endsWith('‖ paused'), limit(10_000)), columns);
		expect(paused).toMatch(filtered);
		await app.press(' ');
	});
});
