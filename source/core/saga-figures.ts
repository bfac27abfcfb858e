// Saga outcomes as a saga stage reports them (`engine.stage('sagas')`), for scenario checks and Prometheus.
import {sagaOutcomes, type SagaOutcome} from './check/scenario.js';

/** Counts of one saga's instances by outcome. */
export type SagaCounts = Record<SagaOutcome, number>;

/** What reads a stage's snapshot: the engine (the saga plugin registers the "sagas" stage). */
export type StageHost = {stage(name: string): unknown};

/** The stage whose snapshot holds the saga figures. */
export const sagaStageName = 'sagas';

/**
 * Each saga's outcome counts from the engine's "sagas" stage (`{sagas: {NAME: {instances, completed, …}}}`), or
 * undefined when no saga stage runs (the sagas plugin left out). Outcomes a stage leaves out count as 0.
 */
export function sagaFigures(engine: StageHost): Record<string, SagaCounts> | undefined {
	const snapshot = engine.stage(sagaStageName) as {sagas?: Record<string, Partial<Record<SagaOutcome, unknown>>>} | undefined;
	if (!snapshot?.sagas || typeof snapshot.sagas !== 'object') return undefined;
	const figures: Record<string, SagaCounts> = {};
	for (const [name, counts] of Object.entries(snapshot.sagas)) {
		figures[name] = Object.fromEntries(sagaOutcomes.map(outcome => {
			const value = counts?.[outcome];
			return [outcome, typeof value === 'number' && Number.isFinite(value) ? value : 0];
		})) as SagaCounts;
	}

	return figures;
}
