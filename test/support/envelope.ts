// One builder for normalized events in tests: every field neutral unless the test says otherwise.
import type {Envelope} from '../../source/core/envelope.js';

/** A normalized event with neutral defaults (no topic, type `Event`, no ids, ok, not stored yet), overridden by `fields`. */
export function envelope(fields: Partial<Envelope> = {}): Envelope {
	return {
		source: 'test', key: undefined, headers: {}, value: {}, valueEncoding: 'json', receivedAt: 0,
		type: 'Event', ids: [], status: 'ok', eventId: '', seq: 0, duplicate: false, txId: 0, ...fields,
	};
}
