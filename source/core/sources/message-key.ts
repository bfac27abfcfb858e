// The key a published event carries, so a broker keeps one transaction's events in order (one Kafka partition).
import type {RawEvent} from '../envelope.js';

/** The message key of an event: its own key, else its first correlation-looking id field, else none. */
export function messageKey(event: RawEvent): string | undefined {
	if (event.key) return event.key;
	const value = event.value as Record<string, unknown> | undefined;
	for (const field of ['orderId', 'checkoutId', 'transactionId', 'customerId']) {
		if (typeof value?.[field] === 'string') return value[field];
	}

	return undefined;
}
