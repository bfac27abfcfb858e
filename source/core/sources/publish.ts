// Publishing events into a real broker (the simulator's `demo --publish`): the only place that writes to brokers.
import type {RawEvent} from '../envelope.js';
import {kafkaPublisher} from './kafka/publisher.js';
import {redisPublisher} from './redis/publisher.js';
import {InputError} from '../errors.js';

/** Writes batches of events to a broker. */
export type Publisher = {
	/** Display name, credentials masked. */
	readonly name: string;
	publish(events: RawEvent[]): Promise<void>;
	close(): Promise<void>;
};

/** A publisher for a kafka:// or redis:// URL; topics (Kafka) are created when missing. */
export async function openPublisher(url: string, topics: string[]): Promise<Publisher> {
	if (url.startsWith('kafka://')) return kafkaPublisher(url, topics);
	if (url.startsWith('redis://') || url.startsWith('rediss://')) return redisPublisher(url);
	throw new InputError(`--publish takes a kafka:// or redis:// URL, got "${url.split('?')[0]}"`);
}

/** The message key of an event: its own key, else its first correlation-looking id field, else none. */
export function messageKey(event: RawEvent): string | undefined {
	if (event.key) return event.key;
	const value = event.value as Record<string, unknown> | undefined;
	for (const field of ['orderId', 'checkoutId', 'transactionId', 'customerId']) {
		if (typeof value?.[field] === 'string') return value[field];
	}

	return undefined;
}
