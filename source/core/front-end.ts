// The per-event work before the store: normalization (event-model.md) and the redelivery check. The engine runs it
// on every event it reads; the benchmark runs it alone to measure the ceiling of the pipeline built on it.
import type {Config} from './config.js';
import {DuplicateTracker, Sightings} from './duplicates.js';
import {createNormalizer, type Envelope, type RawEvent} from './envelope.js';

/** Turns a raw event, in arrival order, into an envelope flagged as a redelivery or not. */
export type FrontEnd = (raw: RawEvent, wall: number) => Envelope;

/**
 * Copies on a fan-out stream (`events:all`) follow their original within moments, so a tenth of the redelivery
 * tracker's ids covers them at a tenth of its memory (~3 MB at the default).
 */
const copyShare = 0.1;

/**
 * The front end for a config; it remembers the event ids it has seen (bounded by `duplicates.maxTracked`): the
 * same id again on the same topic is a redelivery (`duplicate`), on another topic a `copy` of one event read from
 * two streams (a per-type stream and `events:all`).
 */
export function createFrontEnd(config: Pick<Config, 'fields' | 'duplicates'>): FrontEnd {
	const normalize = createNormalizer(config.fields);
	const {windowMs, maxTracked} = config.duplicates;
	const sightings = new Sightings();
	const duplicates = new DuplicateTracker(windowMs, maxTracked, true, sightings);
	const copies = new DuplicateTracker(windowMs, Math.ceil(maxTracked * copyShare), false, sightings);
	return (raw, wall) => {
		const envelope = normalize(raw, wall);
		const seenBefore = copies.check(envelope);
		envelope.duplicate = duplicates.check(envelope);
		if (seenBefore && !envelope.duplicate) envelope.copy = true;
		return envelope;
	};
}
