// A redelivery in the Messages pane at 80 columns: marked ↻ in the status column, its id in the same column as every
// other row's (a `dup` tag pushed that row's id and preview 4 cells to the right).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {renderApp, replaySession, sessionPerBlock} from './support/app-harness.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-ui-redelivery-'));
const recording = path.join(directory, 'redelivery.jsonl');
fs.writeFileSync(recording, `${[
	['OrderCreated', 'e1', 'ORD-R1', 0],
	['PaymentAuthorized', 'e2', 'ORD-R1', 1],
	['OrderShipped', 'e3', 'ORD-R1', 2],
	['PaymentAuthorized', 'e2', 'ORD-R1', 1],
].map(([type, id, order, second]) => JSON.stringify({topic: 'orders', value: {eventType: type, event_id: id, orderId: order, timestamp: `2026-01-15T10:00:0${second}Z`}, recordedAt: `2026-01-15T10:00:0${second}.500Z`})).join('\n')}\n`);

describe('a redelivery in the Messages pane at 80 columns', () => {
	const held = sessionPerBlock(async () => replaySession(recording, {run: true}));
	afterAll(() => {
		fs.rmSync(directory, {recursive: true, force: true});
	});

	it('is marked ↻ and keeps every row\'s id in one column', async () => {
		held.app = await renderApp(held.session, {columns: 80, rows: 24});
		await held.app.press('3');
		const rowsOf = (text: string) => text.split('\n').filter(line => /\d\d:\d\d:\d\d\.\d{3} orders /.test(line));
		const rows = rowsOf(await held.app.waitFor(text => rowsOf(text).length === 4));
		expect(rows.filter(row => row.includes(' ↻ '))).toHaveLength(1);
		expect(new Set(rows.map(row => row.indexOf('ORD-R1'))).size).toBe(1);
	});
});
