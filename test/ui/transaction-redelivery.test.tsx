// A redelivered step in the transaction timeline at 80×24 (the SSH terminal): its type and its ↻ mark are whole; the
// node column (long topic names) gives way first. At 60×16 the marks are symbols (↻2: redelivered twice).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-tx-redelivery-'));
const recording = path.join(directory, 'redelivery.jsonl');
const payments = 'payments.authorizations.eu-west-1';
fs.writeFileSync(recording, `${[
	['orders.created', 'OrderCreated', 'e1', 0],
	[payments, 'PaymentAuthorized', 'e2', 1],
	[payments, 'PaymentAuthorized', 'e2', 2],
	[payments, 'PaymentAuthorized', 'e2', 3],
].map(([topic, type, id, second]) => JSON.stringify({topic, value: {eventType: type, event_id: id, orderId: 'ORD-R1', timestamp: `2026-01-15T10:00:0${second}Z`}, recordedAt: `2026-01-15T10:00:0${second}.500Z`})).join('\n')}\n`);

describe('a redelivered step in the transaction view at 80 columns', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));
	afterAll(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	it('shows the step\'s whole type and its ↻ mark; the node is cut instead', async () => {
		const app = held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await app.press(':', 'tx ORD-R1', ENTER);
		const frame = await app.waitFor('Transaction ORD-R1');
		const step = frame.split('\n').find(line => line.includes('10:00:01.000'));
		expect(step).toMatch(/ payment\S*… +PaymentAuthorized ⚠ SLOW ↻ redelivered 2 times$/);
	});

	it('at 60×16 the marks are symbols, the redelivery with its count, and the line ends within the terminal', async () => {
		const app = held.app = await renderApp(held.session, {columns: 60, rows: 16});
		await app.press(':', 'tx ORD-R1', ENTER);
		const frame = await app.waitFor('Transaction ORD-R1');
		const step = frame.split('\n').find(line => line.includes('10:00:01.000'))!;
		expect(step.length, step).toBeLessThanOrEqual(60);
		expect(step).toMatch(/ \+1,000 ms payment\S* +PaymentAuthorized ⚠ ↻2$/);
	});
});
