// The per-event work before the store: normalization (event-model.md) and the redelivery check. The engine runs it
// on every event it reads; the benchmark runs it alone to measure the ceiling of the pipeline built on it.
import type {Config} from './config.js';
import {DuplicateTracker} from './duplicates.js';
import {createNormalizer, type Envelope, type RawEvent} from './envelope.js';

/** Turns a raw event, in arrival order, into an envelope flagged as a redelivery or not. */
export type FrontEnd = (raw: RawEvent, wall: number) => Envelope;

/** The front end for a config; it remembers the event ids it has seen (bounded by `duplicates.maxTracked`). */
export function createFrontEnd(config: Pick<Config, 'fields' | 'duplicates'>): FrontEnd {
	const normalize = createNormalizer(config.fields);
	const duplicates = new DuplicateTracker(config.duplicates.windowMs, config.duplicates.maxTracked);
	return (raw, wall) => {
		const envelope = normalize(raw, wall);
		envelope.duplicate = duplicates.check(envelope);
		return envelope;
	};
}
