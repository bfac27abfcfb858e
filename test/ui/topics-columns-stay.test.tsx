// The Topics table's columns are laid out over every topic, not the rows shown: scrolling down to a long topic name
// does not move the columns (they went from 17 to 28 cells when it came into view).
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {useTempDir} from '../support/temp-dir.js';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';

describe('Topics columns while scrolling', () => {
	const temp = useTempDir('pubsub-topics-columns-');
	const held = sessionPerBlock(async () => {
		const recording = path.join(temp.path, 'topics.jsonl');
		const topics = [...Array.from({length: 30}, (_, i) => `t.${String(i).padStart(2, '0')}`), 'z.a.much.longer.topic.name'];
		fs.writeFileSync(recording, `${topics.map((topic, i) => JSON.stringify({topic, value: {eventType: 'Seen', orderId: `O-${i}`, timestamp: '2026-01-15T10:00:00Z'}})).join('\n')}\n`);
		return replaySession(recording, {run: true});
	});

	it('keeps the column heading where it was from the top of the list to its end', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press('2');
		const heading = (frame: string) => frame.split('\n').find(line => line.trimStart().startsWith('topic '));
		const top = heading(await app.waitFor('▶ t.00'));
		await app.press('G');
		const bottom = heading(await app.waitFor('▶ z.a.much.longer.topic.name'));
		expect(top).toBeDefined();
		expect(bottom).toBe(top);
	});
});
