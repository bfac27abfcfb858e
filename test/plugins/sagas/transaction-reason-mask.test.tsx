// The transaction view's saga line masks a failure's reason as `saga --json` does: a customer id another event of the
// transaction carries in its customer field (OrderCreated's customerId C-9999), written again in the reason of the
// failure event, is masked in the line (read from the frame), not only the emails and card numbers of the text rule.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {ENTER} from '../../ui/support/keys.js';
import {useSagasSession} from './sagas-session.js';

const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pubsub-saga-reason-'));
afterAll(() => {
	fs.rmSync(directory, {recursive: true, force: true});
});

const recording = path.join(directory, 'orders.jsonl');
fs.writeFileSync(recording, `${[
	{eventType: 'OrderCreated', event_id: 'e1', orderId: 'ORD-F1', customerId: 'C-9999', timestamp: '2026-01-15T10:00:00Z'},
	{eventType: 'PaymentFailed', event_id: 'e2', orderId: 'ORD-F1', reason: 'declined for C-9999', timestamp: '2026-01-15T10:00:01Z'},
].map(value => JSON.stringify({topic: 'orders', value})).join('\n')}\n`);

describe('the transaction view\'s saga line with a failure reason', () => {
	const sagasSession = useSagasSession(recording);

	it('masks a customer id the transaction carries where the reason repeats it', async () => {
		const app = await sagasSession.render({columns: 160, rows: 24});
		await app.press(':', 'tx ORD-F1', ENTER);
		const frame = await app.waitFor('saga: ecommerce-order ORD-F1 failed');
		const line = frame.split('\n').find(each => each.startsWith('saga: '));
		expect(line).toContain('reason declined for C-***9');
		expect(line).not.toContain('C-9999');
	});
});
