// An id too long to be a key as it is (the store keeps it under a hash of itself) must lead to its whole
// transaction after that transaction was absorbed by another in a later batch: the drill-down a user runs on it.
import fs from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../support/cli.js';
import {useTempDir} from '../support/temp-dir.js';

const temp = useTempDir('pubsub-long-ids-');
const longId = `ORD-${'Z'.repeat(150)}`;

/** A recording whose order (long id) is joined, batches later, to a payment transaction of two events that absorbs it. */
function writeRecording(dir: string): string {
	const lines: string[] = [];
	let time = Date.UTC(2026, 11, 5, 10);
	const event = (topic: string, value: Record<string, unknown>) => {
		lines.push(JSON.stringify({topic, value: {...value, timestamp: new Date(time).toISOString()}, recordedAt: time + 5}));
		time += 10;
	};

	const noise = (tag: string) => {
		// More than a batch (1,000 events) apart: the joins below happen in a later batch, against the store.
		for (let n = 0; n < 1500; n++) event('noise', {eventId: `${tag}${n}`, eventType: 'Noise', orderId: `${tag}-${n}`});
	};

	event('orders', {eventId: 'o1', eventType: 'OrderCreated', orderId: longId});
	noise('n');
	event('payments', {eventId: 'p1', eventType: 'PaymentAuthorized', paymentId: 'PAY-1'});
	event('payments', {eventId: 'p2', eventType: 'PaymentChecked', paymentId: 'PAY-1'});
	noise('m');
	event('payments', {eventId: 'p3', eventType: 'PaymentCaptured', paymentId: 'PAY-1', orderId: longId});
	const file = path.join(dir, 'long-id.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}

describe('an id too long for a key', () => {
	it('leads flow analyze to its whole transaction after a merge in a later batch', async () => {
		const file = writeRecording(temp.path);
		for (const id of [longId, 'PAY-1']) {
			const result = await runCli(['flow', 'analyze', file, '--id', id, '--json'], {cwd: temp.path});
			expect(result.code).toBe(0);
			expect(JSON.parse(result.stdout).events.map((event: {type: string}) => event.type)).toEqual(['OrderCreated', 'PaymentAuthorized', 'PaymentChecked', 'PaymentCaptured']);
		}
	});
});
