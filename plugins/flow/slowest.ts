// The flow stage: for every edge, the transactions whose hop on it was slowest (what the pane lists per edge).
import type {Hop, Stage, StageDefinition} from '../../source/plugin-api/index.js';

/** One slow hop: the transaction (an id that opens it), its latency, when it happened, whether it led to an error. */
export type SlowHop = {id: string; latencyMs: number; at: number; error: boolean};

/** The stage's snapshot: per edge name, its slowest hops, slowest first. */
export type FlowStageSnapshot = {slowest: Record<string, SlowHop[]>};

/** Name of the stage (`engine.stage('flow')`). */
export const flowStageName = 'flow';

/** Hops kept per edge, and edges tracked (further edges keep none; the metrics fold them under `(other)`). */
export type SlowestOptions = {perEdge: number; maxEdges: number};

/** Keeps the `perEdge` slowest hops of each edge: a short array per edge, sorted slowest first. */
class SlowestHops {
	private readonly edges = new Map<string, SlowHop[]>();

	constructor(private readonly options: SlowestOptions) {}

	/** Consider a batch of final hops. */
	add(hops: readonly Hop[]): void {
		const {perEdge, maxEdges} = this.options;
		for (const hop of hops) {
			if (hop.id === undefined) continue;
			let kept = this.edges.get(hop.edge);
			if (!kept) {
				if (this.edges.size >= maxEdges) continue;
				this.edges.set(hop.edge, (kept = []));
			}

			if (kept.length === perEdge && hop.latencyMs <= kept[perEdge - 1]!.latencyMs) continue;
			let at = kept.length;
			while (at > 0 && kept[at - 1]!.latencyMs < hop.latencyMs) at--;
			kept.splice(at, 0, {id: hop.id, latencyMs: hop.latencyMs, at: hop.at, error: hop.error === true});
			if (kept.length > perEdge) kept.pop();
		}
	}

	/** A copy of what is kept. */
	snapshot(): FlowStageSnapshot {
		const slowest: Record<string, SlowHop[]> = {};
		for (const [edge, kept] of this.edges) slowest[edge] = [...kept];
		return {slowest};
	}
}

/** The stage definition: `perEdge` slowest hops per edge (plugin option `slowestPerEdge`, default 20). */
export function flowStage(options: SlowestOptions): StageDefinition<FlowStageSnapshot> {
	return {
		name: flowStageName,
		create(): Stage<FlowStageSnapshot> {
			const slowest = new SlowestHops(options);
			return {
				onBatch: batch => slowest.add(batch.hops),
				snapshot: () => slowest.snapshot(),
			};
		},
	};
}
