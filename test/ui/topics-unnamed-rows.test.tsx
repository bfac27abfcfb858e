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

describe('Topics: the row of topics past the cap', () => {
	const temp = useTempDir('pubsub-topics-other-');
	/** One event on each of 1,005 topics: the first 1,000 seen are tracked, the other 5 count under (other). */
	const many = () => {
		const file = path.join(temp.path, 'many.jsonl');
		const start = Date.UTC(2026, 10, 27, 8, 0, 0);
		const lines = Array.from({length: 1005}, (_, index) => {
			const at = new Date(start + (index * 10)).toISOString();
			return JSON.stringify({topic: `svc-${String(index).padStart(4, '0')}`, partition: 0, offset: '0', value: {eventType: 'Ping', orderId: `ORD-${index}`, timestamp: at}, timestamp: at, recordedAt: at});
		});
		fs.writeFileSync(file, `${lines.join('\n')}\n`);
		return file;
	};

	const held = sessionPerBlock(async () => replaySession(many(), {run: true}));

	it('says what (other) is, and Enter says why it lists no messages', async () => {
		const app = (held.app = await renderApp(held.session, {columns: 80, rows: 24}));
		await app.press('2');
		const topics = await app.waitFor('▶ (other)');
		expect(topics).toContain('Topics · 1,001 ·');
		expect(topics.replaceAll(/\s+/g, ' ')).toContain('(other): the topics past the first 1,000, together · 5 events');
		await app.press(ENTER);
		const told = await app.waitFor('(other) is not a topic: it counts the topics past the first 1,000 together');
		expect(told).toContain('[2 Topics]');
	});
});
