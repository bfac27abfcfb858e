// A transaction with more steps than its timeline has rows at 80×24: the heading says how many are out of sight and
// which way, and moving down through them keeps saying what is above and below, so no step passes for absent.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-tx-hidden-'));
const recording = path.join(directory, 'twelve-steps.jsonl');
const steps = 12;
fs.writeFileSync(recording, `${Array.from({length: steps}, (_, step) => JSON.stringify({
	topic: `step.${step}`,
	value: {eventType: `Step${step}Done`, orderId: 'ORD-H1', timestamp: new Date(Date.UTC(2026, 0, 15, 10, 0, step)).toISOString()},
})).join('\n')}\n`);

/** The timeline's heading row of a frame (its column headings start with `time (UTC)`). */
function heading(frame: string): string {
	return frame.split('\n').find(line => line.includes('time (UTC)')) ?? '';
}

describe('a transaction longer than its timeline', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));
	afterAll(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	it('says how many steps are below the last row, then above and below as the selection moves, at 80×24', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'tx ORD-H1', ENTER);
		const frame = await app.waitFor('ORD-H1 · 12 events');
		const shown = frame.split('\n').filter(line => /^[▶ ] \d\d:\d\d:\d\d\.\d{3} .*Step\d+Done/.test(line)).length;
		expect(shown).toBeGreaterThan(2);
		expect(shown).toBeLessThan(steps);
		expect(heading(frame)).toContain(`↓ ${steps - shown} more`);
		expect(heading(frame)).not.toContain('above');
		for (let press = 0; press < shown; press++) await app.press('j');
		const moved = await app.waitFor(`(${shown + 1} of 12)`);
		expect(heading(moved)).toMatch(/↑ 1 above · ↓ \d+ more/);
		for (const line of moved.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
	});
});
