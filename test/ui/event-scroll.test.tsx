// The selected event's JSON can be read to its last line at 80×24: J and K scroll it a page at a time.
import {describe, expect, it} from 'vitest';
import {eventJson} from '../../source/ui/event-json.js';
import {scrollWindow} from '../../source/ui/state/detail-scroll.js';
import {truncate} from '../../source/ui/text/width.js';
import {fixtureSession, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

describe('scrolling an event\'s JSON', () => {
	const held = sessionPerBlock(async () => fixtureSession({run: true}));

	it('in the transaction view at 80×24, J pages down to the last line and K back to the first; every line is shown on the way', async () => {
		const json = eventJson(held.session.engine.transaction('TXN-1')!.steps[0]!.event).split('\n');
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'tx TXN-1', ENTER);
		let frame = await app.waitFor('Transaction TXN-1');
		expect(frame).toMatch(/↓ \d+ more lines \(J scrolls down, c copies all\)/);
		expect(frame).not.toContain(json.at(-2)!);
		const seen = new Set<string>(frame.split('\n'));
		for (let page = 0; frame.includes('more lines (J scrolls'); page++) {
			expect(page).toBeLessThan(json.length);
			const before = frame;
			await app.press('J');
			frame = await app.waitFor(text => text !== before);
			for (const line of frame.split('\n')) seen.add(line);
		}

		expect(frame).toMatch(/↑ \d+ lines above \(K scrolls up\)/);
		// The document's end is on screen, and every one of its lines was on some page.
		expect(frame.split('\n')).toContain(truncate(json.at(-1)!, 80));
		for (const line of json) expect(seen, line).toContain(truncate(line, 80));
		while (frame.includes('lines above')) {
			const before = frame;
			await app.press('K');
			frame = await app.waitFor(text => text !== before);
		}

		expect(frame).toContain(`Event ${held.session.engine.transaction('TXN-1')!.steps[0]!.event.seq} (1 of 5)`);
		expect(frame.split('\n')).toContain(json[1]);
		// Another event starts at its top; the help lists the keys.
		await app.press('J', 'j');
		frame = await app.waitFor('(2 of 5)');
		expect(frame).not.toContain('lines above');
		await app.press('?');
		frame = await app.waitFor('Help · every key');
		// Line by line through the help until the J key's line shows.
		for (let line = 0; line < 80 && !app.frame().includes('scroll the selected event\'s JSON down a page'); line++) await app.press('j');
		expect(app.frame()).toContain('scroll the selected event\'s JSON down a page');
	});

	it('keeps the last page full and clamps the offset to the document', () => {
		const lines = Array.from({length: 10}, (_, n) => `line ${n}`);
		expect(scrollWindow(lines, 4, 0)).toEqual({lines: ['line 0', 'line 1', 'line 2'], offset: 0, above: 0, below: 7});
		expect(scrollWindow(lines, 4, 3)).toEqual({lines: ['line 3', 'line 4'], offset: 3, above: 3, below: 5});
		expect(scrollWindow(lines, 4, 99)).toEqual({lines: ['line 7', 'line 8', 'line 9'], offset: 7, above: 7, below: 0});
		expect(scrollWindow(lines.slice(0, 4), 4, 2)).toEqual({lines: lines.slice(0, 4), offset: 0, above: 0, below: 0});
	});
});
