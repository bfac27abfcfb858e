// The simulator source kind: `demo`, the built-in e-commerce system.
import type {SourceKind} from '../kind.js';

/** The simulator: real time in the TUI, a simulated clock as fast as possible for headless runs (`--duration`). */
export const simulatorKind: SourceKind = {
	name: 'simulator',
	schemes: [],
	claims: spec => spec === 'demo',
	live: false,
	example: 'demo',
	secretEnv: [],
	async open(_spec, options) {
		const {demoPhases, simulatorSource} = await import('./source.js');
		return simulatorSource({
			seed: options.seed ?? 42,
			mode: options.demoDurationMs === undefined ? 'realtime' : 'fast',
			durationMs: options.demoDurationMs,
			// The recovery lasts until the incident's alerts, under this config's windows, have resolved.
			phases: demoPhases(options.config),
		});
	},
};
