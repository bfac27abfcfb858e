// A Messages filter applied while a replay goes on: the count of matches grows with the events stored after the
// search, and the header says so (`searched all N stored + M new events`) instead of the store search's figure
// alone, which read as stale while the count went on growing. At 120×30, where the header is whole, and at 80×24,
// where its words shorten (`all N stored + M new`) and every figure and the follow state stay, within the width.
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../source/ui/text/width.js';
import {liveReplaySession, renderApp, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {limit} from '../support/limits.js';

const recording = path.resolve(import.meta.dirname, '../../recordings/ecommerce.jsonl.gz');
const header = /· (?<matching>[\d,]+) matching · searched all (?<stored>[\d,]+) stored( \+ (?<added>[\d,]+) new)? events · ▼ following$/;

/** The header's figures in `frame`, the line within `columns`. */
function figures(frame: string, columns: number): {matching: number; stored: number; added: number} | undefined {
	const line = frame.split('\n').find(text => text.startsWith('Messages · filter: '));
	if (!line) return undefined;
	expect(displayWidth(line)).toBeLessThanOrEqual(columns);
	const found = header.exec(line)?.groups;
	const number = (text: string | undefined) => Number((text ?? '0').replaceAll(',', ''));
	return found && {matching: number(found.matching), stored: number(found.stored), added: number(found.added)};
}

describe('a Messages filter while a replay goes on', () => {
	const held = sessionPerBlock(async () => liveReplaySession(recording));

	it('at 120×30 the header counts the new events looked at as the matches grow', async () => {
		const columns = 120;
		const app = (held.app = await renderApp(held.session, {columns, rows: 30}));
		await app.press('3', '/', 'status:error', ENTER);
		const first = figures(await app.waitFor(frame => figures(frame, columns) !== undefined, limit(30_000)), columns)!;
		// Later: more matches, and the header names the events looked at since the search, the store figure as it was.
		const later = figures(await app.waitFor(frame => (figures(frame, columns)?.matching ?? 0) > first.matching, limit(30_000)), columns)!;
		expect(later.stored).toBe(first.stored);
		expect(later.stored).toBeGreaterThan(2000);
		expect(later.added).toBeGreaterThan(first.added);
		expect(later.matching - first.matching).toBeLessThanOrEqual(later.added - first.added);
	});

	it('at 80×24 the header fits, its figures and whether it follows whole, its words shorter', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('3', '/', 'status:error', ENTER);
		const frame = await app.waitFor(text => / \+ [\d,]+ new/.test(text), limit(30_000));
		const line = frame.split('\n').find(text => text.includes(' matching · '))!;
		expect(displayWidth(line)).toBeLessThanOrEqual(80);
		expect(line).toMatch(/^(filter: |\/)status:error · [\d,]+ matching · all [\d,]+ stored \+ [\d,]+ new · ▼ following$/);
	});
});
