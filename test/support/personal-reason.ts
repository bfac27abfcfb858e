// A checkout saga whose failure reason carries personal data (an email, an IP, a card number, and the customer id the
// failure event carries in its customer field), written as a recording.
import fs from 'node:fs';
import path from 'node:path';

/** The reason as the event sends it, and as every output must show it, personal data masked; what must never show. */
export const personalReason = {
	sent: 'card 4111 1111 1111 1111 declined for jane.doe@example.com (customer cus_77aa1bb2) from 10.1.2.3',
	shown: 'card ****1111 declined for j***@example.com (customer cu***2) from 10***3',
	personal: ['jane.doe', '10.1.2.3', '4111 1111', 'cus_77aa1bb2'],
};

/** Writes the recording in `dir` (checkout chk_pii_1: initiated, then its stock reservation failed); its path. */
export function personalReasonRecording(dir: string): string {
	const file = path.join(dir, 'personal-reason.jsonl');
	const event = (offset: number, at: string, value: Record<string, unknown>) => JSON.stringify({topic: 'checkout.events', offset: `${offset}-0`, value: {...value, checkout_id: 'chk_pii_1', occurred_at: at}, timestamp: at, recordedAt: at});
	fs.writeFileSync(file, [
		event(1, '2026-11-27T12:00:01.000Z', {type: 'CheckoutInitiated'}),
		event(2, '2026-11-27T12:00:02.000Z', {type: 'StockReservationFailed', customer_id: 'cus_77aa1bb2', reason: personalReason.sent}),
	].join('\n') + '\n');
	return file;
}
