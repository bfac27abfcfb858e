// The key a published event carries, so a broker keeps one transaction's events in order (one Kafka partition).
import type {FieldConfig} from '../config.js';
import type {RawEvent} from '../envelope.js';
import {findString} from '../fields.js';

/**
 * The message key of an event: its own key, else its first correlation id, else its customer, each looked up as
 * normalization does (top level, then `fields.containers`, then headers); none when it has neither.
 */
export function messageKey(event: RawEvent, fields: Pick<FieldConfig, 'ids' | 'customer' | 'containers'>): string | undefined {
	if (event.key) return event.key;
	const {value, headers} = event;
	return findString(value, headers, fields.ids, fields.containers) ?? findString(value, headers, fields.customer, fields.containers);
}
