// The transaction view's header at 80×24 tells a saga's outcome: ORD-T1's events are all fine but its saga timed out
// waiting for InventoryReserved, so the header must not read "✓ ok"; ORD-C2's completed saga reads "✓ completed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {ENTER} from '../../ui/support/keys.js';
import {useSagasSession} from './sagas-session.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-saga-outcome-'));
afterAll(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

/** A recording of [type, order, second] steps on `orders` (event time 10:00:SS), each arriving `lateMs` after it. */
function ordersRecording(name: string, steps: Array<[string, string, number]>, lateMs = 0): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, `${steps.map(([type, order, second]) => {
		const time = Date.UTC(2026, 0, 15, 10, 0, second);
		return JSON.stringify({topic: 'orders', value: {eventType: type, event_id: `${order}-${type}`, orderId: order, timestamp: new Date(time).toISOString()}, ...(lateMs > 0 && {recordedAt: new Date(time + lateMs).toISOString()})});
	}).join('\n')}\n`);
	return file;
}

// The built-in ecommerce-order saga gives each step 30 s: ORD-C2 starts 40 s after ORD-T1 stopped at its payment.
const recording = ordersRecording('orders.jsonl', [
	['OrderCreated', 'ORD-T1', 0],
	['PaymentAuthorized', 'ORD-T1', 1],
	['OrderCreated', 'ORD-C2', 41],
	['PaymentAuthorized', 'ORD-C2', 42],
	['InventoryReserved', 'ORD-C2', 43],
	['ShipmentCreated', 'ORD-C2', 44],
	['OrderCompleted', 'ORD-C2', 45],
]);

describe('the transaction view\'s outcome with the sagas plugin', () => {
	const sagasSession = useSagasSession(recording);

	it('says a timed-out saga timed out, and a completed one completed', async () => {
		const app = await sagasSession.render({columns: 80, rows: 24});
		await app.press(':', 'tx ORD-T1', ENTER);
		let frame = await app.waitFor('saga: ecommerce-order ORD-T1 timed out');
		expect(frame).toContain('Transaction ORD-T1 · 2 events · 1,000 ms · ⏱ timed out');
		expect(frame).not.toContain('✓ ok');
		await app.press('\u001B', ':', 'tx ORD-C2', ENTER);
		frame = await app.waitFor('saga: ecommerce-order ORD-C2 completed');
		expect(frame).toMatch(/^Transaction ORD-C2 · .* · ✓ completed( · |$)/m);
	});
});

// A recording made live of a backlog three days old: arrival (recordedAt) is three days after event time. ORD-P3 is
// 4 s into its 30 s step at the newest event time; judged by arrival time it would read "timed out".
const backlog = ordersRecording('backlog.jsonl', [
	['OrderCreated', 'ORD-C2', 0],
	['PaymentAuthorized', 'ORD-C2', 1],
	['InventoryReserved', 'ORD-C2', 2],
	['ShipmentCreated', 'ORD-C2', 3],
	['OrderCompleted', 'ORD-C2', 4],
	['OrderCreated', 'ORD-P3', 5],
	['PaymentAuthorized', 'ORD-P3', 6],
	['OrderCreated', 'ORD-N4', 10],
], 3 * 86_400_000);

describe('the transaction view\'s saga outcome after a backlog', () => {
	const sagasSession = useSagasSession(backlog);

	it('judges a saga by event time, not by the time its events arrived', async () => {
		const app = await sagasSession.render({columns: 80, rows: 24});
		await app.press(':', 'tx ORD-P3', ENTER);
		const frame = await app.waitFor('saga: ecommerce-order ORD-P3');
		expect(frame).toMatch(/^Transaction ORD-P3 · .* · ◷ in progress( · |$)/m);
		expect(frame).not.toContain('timed out');
	});
});
