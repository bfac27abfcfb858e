// A plugin's stage as the engine runs it: the plugin sees events, hops and the clock; a stage that throws is
// switched off with a message naming it, and the run goes on without it.
import type {StageContext, StageDefinition} from './stage.js';
import type {CoreStage} from './core-batch.js';

/** Create a plugin's stage; `disable` is told why when it throws (at creation or later), and it then does nothing. */
export function pluginStage(definition: StageDefinition, context: StageContext, disable: (message: string) => void): CoreStage {
	let failed = false;
	const guard = <T>(what: string, run: () => T, otherwise: T): T => {
		if (failed) return otherwise;
		try {
			return run();
		} catch (error) {
			failed = true;
			disable(`stage "${definition.name}" stopped: ${what} threw ${error instanceof Error ? error.message : String(error)}; the run goes on without it`);
			return otherwise;
		}
	};

	const stage = guard('create', () => definition.create(context), undefined);
	return {
		name: definition.name,
		onBatch(batch) {
			guard('onBatch', () => stage?.onBatch({events: batch.events, hops: batch.hops, now: batch.now}), undefined);
		},
		finish(batch) {
			// The hops the end of the input made final come as a last batch without events, as quiet time's do: the
			// metrics and alert rules count them, and the Flow pane's slowest transactions must list them too.
			if (batch.hops.length > 0) guard('onBatch', () => stage?.onBatch({events: [], hops: batch.hops, now: batch.now}), undefined);
			guard('finish', () => stage?.finish?.(batch.now), undefined);
		},
		onTick(clock) {
			guard('onTick', () => stage?.onTick?.(clock), undefined);
		},
		snapshot: () => guard('snapshot', () => stage?.snapshot(), undefined),
		close() {
			guard('close', () => stage?.close?.(), undefined);
		},
	};
}
