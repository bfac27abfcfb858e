// A recording whose correlation ids are named otherwise than fields.ids: no transactions, no hops form from it.
import fs from 'node:fs';
import path from 'node:path';

const start = Date.UTC(2026, 11, 1, 9);

/**
 * 40 orders through three topics, their order id named `order_ref` (`data.orderRef` on shipping), the payment's own
 * id `txn_ref`; a SKU on each. Written to `refs.jsonl` in `directory`; its path is returned.
 */
export function renamedIdsRecording(directory: string): string {
	const lines: string[] = [];
	for (let order = 1; order <= 40; order++) {
		const ref = `R-${1000 + order}`;
		const at = (step: number) => new Date(start + (order * 10_000) + (step * 200)).toISOString();
		const sku = `SKU-${order % 2}`;
		lines.push(
			JSON.stringify({topic: 'orders', value: {eventType: 'OrderPlaced', order_ref: ref, customerId: `C-${order % 3}`, productId: sku, at: at(0)}, timestamp: at(0)}),
			JSON.stringify({topic: 'payments', value: {eventType: 'PaymentTaken', txn_ref: `T-${order}`, order_ref: ref, productId: sku, at: at(1)}, timestamp: at(1)}),
			JSON.stringify({topic: 'shipping', value: {eventType: 'Shipped', data: {orderRef: ref, trackingNumber: `TRK-${order}`}, productId: sku, at: at(2)}, timestamp: at(2)}),
		);
	}

	const file = path.join(directory, 'refs.jsonl');
	fs.writeFileSync(file, `${lines.join('\n')}\n`);
	return file;
}
