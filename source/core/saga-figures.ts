// Saga outcomes as a saga stage reports them (`engine.stage('sagas')`), for scenario checks and Prometheus.
import {sagaOutcomes, type SagaOutcome} from './check/scenario.js';

/** Counts of one saga's instances by outcome. */
export type SagaCounts = Record<SagaOutcome, number>;

/** What reads a stage's snapshot: the engine (the saga plugin registers the "sagas" stage). */
export type StageHost = {stage(name: string): unknown};

/** The stage whose snapshot holds the saga figures. */
export const sagaStageName = 'sagas';

/** One saga in the sagas stage's snapshot (plugins/sagas: `{sagas: [{name, applies, counts}]}`). */
type SagaReport = {name?: unknown; applies?: unknown; counts?: Partial<Record<SagaOutcome, unknown>>};

/**
 * Each saga's outcome counts from the engine's "sagas" stage, for the sagas with instances in the input (as
 * `saga --json` lists them), or undefined when no saga stage runs. Outcomes a stage leaves out count as 0.
 */
export function sagaFigures(engine: StageHost): Record<string, SagaCounts> | undefined {
	const snapshot = engine.stage(sagaStageName) as {sagas?: unknown} | undefined;
	if (!Array.isArray(snapshot?.sagas)) return undefined;
	const figures: Record<string, SagaCounts> = {};
	for (const report of snapshot.sagas as SagaReport[]) {
		if (typeof report.name !== 'string' || report.applies === false) continue;
		const counts = Object.fromEntries(sagaOutcomes.map(outcome => {
			const value = report.counts?.[outcome];
			return [outcome, typeof value === 'number' && Number.isFinite(value) ? value : 0];
		})) as SagaCounts;
		if (counts.instances > 0) figures[report.name] = counts;
	}

	return figures;
}
