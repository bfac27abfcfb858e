// The transaction view's hop column over a transaction with a step without event time, as flow analyze prints the
// same transaction (test/commands/flow-analyze.test.ts): the untimed step last with `no time`, the timed ones
// measured from each other; neither says a hop it cannot know (stepHop decides for both).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-tx-untimed-'));
const recording = path.join(directory, 'untimed-then-timed.jsonl');
fs.writeFileSync(recording, `${[
	{topic: 'orders', value: {eventType: 'OrderCreated', orderId: 'ORD-U1'}},
	{topic: 'payments', value: {eventType: 'PaymentAuthorized', orderId: 'ORD-U1', timestamp: '2026-01-15T10:00:01.000Z'}},
	{topic: 'shipping', value: {eventType: 'ShipmentCreated', orderId: 'ORD-U1', timestamp: '2026-01-15T10:00:03.000Z'}},
].map(line => JSON.stringify(line)).join('\n')}\n`);

describe('a transaction with a step without event time in the transaction view', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));
	afterAll(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	it('shows its steps in flow analyze\'s order with the same hops: start, +2,000 ms, no time', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'tx ORD-U1', ENTER);
		const frame = await app.waitFor('ORD-U1 · 3 events');
		const rows = frame.split('\n').filter(line => /(OrderCreated|PaymentAuthorized|ShipmentCreated)/.test(line) && /start|\+|no time/.test(line));
		expect(rows.map(line => /(start|\+[\d,.]+ m?s|no time) +(\S+) +(\S+)/.exec(line)?.slice(1))).toEqual([
			['start', 'payments', 'PaymentAuthorized'],
			['+2,000 ms', 'shipping', 'ShipmentCreated'],
			['no time', 'orders', 'OrderCreated'],
		]);
		expect(frame).toContain('total unknown (1 event has no time)');
	});
});
