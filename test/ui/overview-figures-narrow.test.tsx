// At 60×16 (the smallest size) the Overview's lines of figures (Events, Delivery, Dropped) keep every figure a wide
// terminal shows (the peak and its span, the error count, read twice), written shorter instead of losing their
// ends; at 80×24 they read as at 120 columns. Over recordings/ecommerce.jsonl.gz in its incident (errors, a peak).
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/ui/text/width.js';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const labels = ['Events  ', 'Delivery  ', 'Dropped  '];

/** The Overview's Events, Delivery and Dropped lines at `columns` × `rows`, every line of the frame within the width. */
async function figureLines(held: ReturnType<typeof sessionPerBlock>, columns: number, rows: number): Promise<string[]> {
	const app = (held.app = await renderApp(held.session, {columns, rows}));
	const frame = await app.waitFor('Dropped  ');
	const lines = frame.split('\n');
	for (const line of lines) expect(displayWidth(line), frame).toBeLessThanOrEqual(columns);
	app.unmount();
	held.app = undefined;
	return labels.map(label => lines.find(line => line.startsWith(label)) ?? '');
}

/** The figures of a line, in order. */
function figures(line: string): string[] {
	return line.match(/\d[\d,.]*/g) ?? [];
}

describe('the Overview\'s figures at narrow sizes', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true, to: Date.UTC(2026, 10, 27, 8, 3, 30)}));

	it('at 60×16 every figure of 120 columns is on its line; at 80×24 the lines are those of 120 columns', async () => {
		const wide = await figureLines(held, 120, 30);
		expect(wide[0]).toMatch(/ ev\/s avg, peak \d+ over \S+$/);
		expect(wide[1]).toMatch(/ errors \d[\d.]* % \([1-9][\d,]*\)$/);
		expect(wide[2]).toMatch(/ [1-9]\d* duplicates .* \d+ read twice$/);
		expect(await figureLines(held, 80, 24)).toEqual(wide);
		const narrow = await figureLines(held, 60, 16);
		for (const [index, line] of narrow.entries()) expect(figures(line), line).toEqual(figures(wide[index]!));
		expect(narrow[0]).toMatch(/ peak \d+ (over|in) \S+$/);
		expect(narrow[1]).toMatch(/ err(ors)? \d[\d.]* % \([1-9][\d,]*\)$/);
		expect(narrow[2]).toMatch(/ \d+ read twice$/);
	});
});

describe('the Overview\'s figures at 60×16 in the incident\'s worst minute', () => {
	// The README's captures stop here: p95 293 ms, p99 591 ms and 406 errors made the shortest Delivery line 61 cells,
	// and its cut end read `err 2.59 % (40…`, an error count that is not the count.
	const held = sessionPerBlock(async () => replaySession(recording, {run: true, to: Date.UTC(2026, 10, 27, 8, 1, 52)}));

	it('keeps the whole error count on the Delivery line', async () => {
		const wide = await figureLines(held, 120, 30);
		expect(wide[1]).toMatch(/ errors \d[\d.]* % \([1-9]\d{2,}\)$/);
		const narrow = await figureLines(held, 60, 16);
		for (const [index, line] of narrow.entries()) expect(figures(line), line).toEqual(figures(wide[index]!));
		expect(narrow[1]).toMatch(/ err(ors)? \d[\d.]* ?% \([1-9][\d,]*\)$/);
	});
});
