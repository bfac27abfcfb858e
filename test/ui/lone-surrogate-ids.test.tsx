// An id holding a lone surrogate (JSON allows "\ud800"): Enter on its event in the Messages pane opens its
// transaction, which the stored event must give back with the same id, and not the transaction of an id that
// differs from it only in that surrogate.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';
import {ENTER} from './support/keys.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-lone-surrogate-'));
const recording = path.join(directory, 'surrogates.jsonl');
fs.writeFileSync(recording, `${[
	['orders', 'OrderCreated', 'A\uD800B', 0],
	['orders', 'OrderCreated', 'A\uDC00B', 1],
	['payments', 'PaymentAuthorized', 'A\uD800B', 2],
	['shipments', 'OrderShipped', 'A\uDC00B', 3],
].map(([topic, type, order, second]) => JSON.stringify({topic, value: {eventType: type, orderId: order, timestamp: `2026-01-15T10:00:0${second}Z`}, recordedAt: `2026-01-15T10:00:0${second}.500Z`})).join('\n')}\n`);

describe('Enter on an event whose id holds a lone surrogate', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));
	afterAll(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	it('opens that id\'s transaction, not the one of an id differing only in the surrogate', async () => {
		const app = held.app = await renderApp(held.session, {columns: 100, rows: 30});
		await app.press('3');
		await app.waitFor(text => text.includes('OrderShipped'));
		await app.press(ENTER);
		// The newest event is selected; the frame shows the surrogate escaped.
		const frame = await app.waitFor(text => text.includes('Transaction') || text.includes('no event'));
		expect(frame).toContain('Transaction A\\udc00B · 2 events');
		expect(frame).toMatch(/start orders +OrderCreated\n.*shipments OrderShipped/);
		expect(frame).not.toContain('PaymentAuthorized');
	});
});
