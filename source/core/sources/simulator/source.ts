// The built-in simulator (`--source demo`): an e-commerce system going through normal traffic, a Black Friday
// peak, an incident and a recovery, with planted anomalies, either paced by the wall clock or as fast as possible.
import type {Source, SourceBatch, SourceState} from '../source.js';
import type {PlantedAnomaly} from './anomalies.js';
import {defaultPhases, type PhaseSpec} from './phases.js';
import {EcommerceScenario} from './scenario.js';

export {defaultPhases, demoPhases, type AnomalyKind, type PhaseSpec} from './phases.js';
export type {PlantedAnomaly} from './anomalies.js';
export {redisCheckoutScenario} from './redis.js';
export {claimsScenario} from './claims.js';
export {fraudScenario} from './fraud.js';

/** How the simulator runs. */
export type SimulatorOptions = {
	seed: number;
	/** realtime: events appear as the wall clock reaches their arrival time; fast: on a simulated clock, at once. */
	mode: 'realtime' | 'fast';
	/** Event time of the start, epoch ms. Default: now (realtime), 2026-11-27T08:00:00Z (fast). */
	startTime?: number;
	/** Default: forever, cycling the phases (realtime); one cycle of the phases (fast). */
	durationMs?: number;
	/** Multiplies every phase's order rate (default 1). */
	rateScale?: number;
	/** Default: defaultPhases (normal, black-friday, incident, recovery sized for the default alert rules); see demoPhases. */
	phases?: readonly PhaseSpec[];
	/** Plant the anomalies each phase lists (default true). */
	anomalies?: boolean;
	/** Most events per batch (default 1000). */
	batchSize?: number;
};

/** The simulator source, which can also say what it planted. */
export type SimulatorSource = Source & {
	/** Anomalies planted so far (ids and keys the alerts should fire on). */
	planted(): PlantedAnomaly[];
};

/** Default start of fast runs: Black Friday 2026, 08:00 UTC. */
export const fastStartTime = Date.UTC(2026, 10, 27, 8, 0, 0);

/** How often realtime mode releases a batch. */
const tickMs = 75;

/**
 * The demo source. The same options (with the same startTime) give byte-identical events in both modes:
 * realtime only decides when each event is released, never what it is.
 */
export function simulatorSource(options: SimulatorOptions): SimulatorSource {
	const realtime = options.mode === 'realtime';
	const phases = options.phases ?? defaultPhases;
	const startTime = options.startTime ?? (realtime ? Date.now() : fastStartTime);
	const scenario = new EcommerceScenario({
		seed: options.seed,
		startTime,
		durationMs: options.durationMs ?? (realtime ? undefined : phases.reduce((sum, phase) => sum + phase.durationMs, 0)),
		rateScale: options.rateScale,
		phases,
		anomalies: options.anomalies,
	});
	const batchSize = options.batchSize ?? 1000;
	let state: SourceState = 'connecting';
	let phase = scenario.phaseAt(startTime);
	let closed = false;
	let timer: NodeJS.Timeout | undefined;
	let wake: (() => void) | undefined;

	const sleep = async (ms: number) => new Promise<void>(resolve => {
		wake = resolve;
		timer = setTimeout(resolve, ms);
	});

	async function * paced(): AsyncGenerator<SourceBatch> {
		const wallStart = Date.now();
		while (!closed) {
			const now = startTime + (Date.now() - wallStart);
			const events = scenario.take(batchSize, now);
			phase = scenario.phaseAt(now);
			if (events.length > 0) yield {events};
			// A full batch means more is already due: release it without waiting for the next tick.
			if (events.length === batchSize) continue;
			if (scenario.done) return;
			await sleep(tickMs);
		}
	}

	async function * drained(): AsyncGenerator<SourceBatch> {
		while (!closed) {
			const events = scenario.take(batchSize);
			if (events.length === 0) return;
			phase = scenario.phaseAt(events.at(-1)!.timestamp!);
			yield {events};
		}
	}

	return {
		id: 'demo',
		async * batches() {
			if (closed) return;
			state = 'connected';
			try {
				yield * (realtime ? paced() : drained());
			} finally {
				state = closed ? 'stopped' : 'finished';
			}
		},
		health: () => ({name: 'demo', state, malformed: 0, malformedSamples: [], phase}),
		planted: () => [...scenario.planted],
		async close() {
			closed = true;
			state = 'stopped';
			clearTimeout(timer);
			wake?.();
		},
	};
}
