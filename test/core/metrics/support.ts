// Test inputs with known answers: a seeded PRNG, exact nearest-rank quantiles, and envelope factories.
import type {Envelope} from '../../../source/core/envelope.js';
import {envelope as neutralEnvelope} from '../../support/envelope.js';
import {Random} from '../../../source/core/sources/simulator/random.js';

/** A seeded PRNG (the simulator's mulberry32): the same numbers on every run. */
export function seeded(seed: number): () => number {
	const random = new Random(seed);
	return () => random.next();
}

/** Exact nearest-rank quantile: the value of 1-based rank ceil(q·n) in sorted order. */
export function nearestRank(values: readonly number[], q: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;
}

/** An envelope with only what metrics and hops read (its type is its topic unless given); everything else neutral. */
export function envelope(fields: Partial<Envelope> & {receivedAt: number}): Envelope {
	return neutralEnvelope({type: fields.topic ?? 'Event', ...fields});
}
