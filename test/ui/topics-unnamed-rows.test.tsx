// The two rows of the Topics pane that name no topic, opened with Enter at 80×24. `(none)`, the events that have no
// topic (recordings/claims.jsonl is all bare payloads), opened `topic:(none)`: 0 matching of 258 stored. `(other)`,
// the events of topics past the first 1,000 (counted together to keep memory bounded), opened `topic:(other)`: 0
// matching too, and nothing on the screen said what the row was. The header counted 1001 topics without a comma.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';
import {useTempDir} from '../support/temp-dir.js';

const claims = path.resolve(import.meta.dirname, '../../recordings/claims.jsonl');

describe('Topics: the row of events without a topic', () => {
	const held = sessionPerBlock(async () => replaySession(claims, {run: true}));

	it('Enter lists every event without a topic', async () => {
		const events = fs.readFileSync(claims, 'utf8').trim().split('\n').filter(line => !line.includes('"$recording"')).length;
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('2');
		await app.waitFor('▶ (none)');
		await app.press(ENTER);
		const frame = await app.waitFor(text => text.includes('[3 Messages]') && text.includes(' matching'));
		expect(frame).toMatch(new RegExp(`!topic:\\* · ${events} matching`));
	});
});

describe('Topics: the row of topics past the cap, apart from a topic named (other)', () => {
	const temp = useTempDir('pubsub-topics-other-');
	/**
	 * One event on a topic named `(other)` (a Redis stream may be) and on each of 1,004 more: the first 1,000 seen are
	 * tracked, the other 5 count together. The pane drew both rows as `(other)` and took the topic for the overflow.
	 */
	const many = () => {
		const file = path.join(temp.path, 'many.jsonl');
		const start = Date.UTC(2026, 10, 27, 8, 0, 0);
		const topics = ['(other)', ...Array.from({length: 1004}, (_, index) => `svc-${String(index).padStart(4, '0')}`)];
		const lines = topics.map((topic, index) => {
			const at = new Date(start + (index * 10)).toISOString();
			return JSON.stringify({topic, partition: 0, offset: '0', value: {eventType: 'Ping', orderId: `ORD-${index}`, timestamp: at}, timestamp: at, recordedAt: at});
		});
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		return file;
	};

	const held = sessionPerBlock(async () => replaySession(many(), {run: true}));

	it('shows the topic (other) as a topic, and the overflow row last under its own label, saying what it is', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('2');
		const topic = await app.waitFor('▶ (other)');
		expect(topic).toContain('Topics · 1,001 ·');
		expect(topic.replaceAll(/\s+/g, ' ')).toContain('(other) · 1 event ·');
		expect(topic).not.toContain('not a topic');
		await app.press('G');
		const overflow = await app.waitFor('▶ (topics past 1,000)');
		expect(overflow.replaceAll(/\s+/g, ' ')).toContain('(topics past 1,000): not a topic, the events of the topics past the first 1,000, together · 5 events');
		await app.press(ENTER);
		const told = await app.waitFor('(topics past 1,000) is not a topic: those topics counted together');
		expect(told).toContain('[2 Topics]');
		await app.press('g');
		await app.waitFor('▶ (other)');
		await app.press(ENTER);
		const messages = await app.waitFor(text => text.includes('[3 Messages]') && text.includes(' matching'));
		expect(messages).toMatch(/topic:\(other\) · 1 matching/);
	});
});
