// Independent re-statements of the default alert conditions (event-model.md), to check what the simulator planted.
import type {RawEvent} from '../../../../source/core/envelope.js';
import {defaultConfig} from '../../../../source/core/config.js';
import type {Source} from '../../../../source/core/sources/source.js';

/** A generated payload, loosely typed for checks. */
export type Payload = Record<string, unknown> & {eventType?: string; eventId?: string; orderId?: string; transactionId?: string; customerId?: string};

/** The payload of an event. */
export const payloadOf = (event: RawEvent) => event.value as Payload;

/** Every batch of a finite source, flattened. */
export async function drain(source: Source): Promise<RawEvent[]> {
	const events: RawEvent[] = [];
	for await (const batch of source.batches()) events.push(...batch.events);
	return events;
}

/** Status as event-model.md defines it: status fields first, then the type suffix. */
export function statusOf(event: RawEvent): 'ok' | 'error' | 'blocked' {
	const value = payloadOf(event);
	const {fields} = defaultConfig;
	for (const name of fields.status) {
		const found = value[name];
		if (typeof found !== 'string') continue;
		if (fields.errorValues.includes(found.toLowerCase())) return 'error';
		if (fields.blockedValues.includes(found.toLowerCase())) return 'blocked';
	}

	const type = value.eventType ?? '';
	if (fields.errorTypeSuffixes.some(suffix => type.endsWith(suffix))) return 'error';
	return fields.blockedTypeSuffixes.some(suffix => type.endsWith(suffix)) ? 'blocked' : 'ok';
}

/** A payment event: topic or type matching /payment|transaction/i. */
export const isPayment = (event: RawEvent) => /payment|transaction/i.test(event.topic ?? '') || /payment|transaction/i.test(payloadOf(event).eventType ?? '');

/** A notification: topic or type matching /notification/i. */
export const isNotification = (event: RawEvent) => /notification/i.test(event.topic ?? '') || /notification/i.test(payloadOf(event).eventType ?? '');

/** The events without redeliveries (a second eventId on the same topic), which the rules ignore. */
export function firstDeliveries(events: RawEvent[]): RawEvent[] {
	const seen = new Set<string>();
	return events.filter(event => {
		const identity = `${event.topic}|${payloadOf(event).eventId}`;
		if (seen.has(identity)) return false;
		seen.add(identity);
		return true;
	});
}

/** Most event times of one list that fit in any window of `windowMs` (inclusive). */
export function maxInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let best = 0;
	let from = 0;
	for (let to = 0; to < sorted.length; to++) {
		while (sorted[to]! - sorted[from]! > windowMs) from++;
		best = Math.max(best, to - from + 1);
	}

	return best;
}

/** Keys whose events reach `atLeast` within some window of `windowMs`, sorted. */
export function keysReaching(events: RawEvent[], keyOf: (event: RawEvent) => string | undefined, windowMs: number, atLeast: number): string[] {
	const times = new Map<string, number[]>();
	for (const event of events) {
		const key = keyOf(event);
		if (key === undefined) continue;
		const list = times.get(key) ?? [];
		list.push(event.timestamp!);
		times.set(key, list);
	}

	return [...times].filter(([, list]) => maxInWindow(list, windowMs) >= atLeast).map(([key]) => key).sort();
}

/** Event time from the payload's ISO `timestamp` (or the envelope's). */
export function timeOf(event: RawEvent): number {
	const stamp = payloadOf(event).timestamp;
	return typeof stamp === 'string' ? Date.parse(stamp) : event.timestamp!;
}
