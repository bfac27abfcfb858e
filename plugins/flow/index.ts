// The flow plugin: the Flow pane (the system's topology and its slow edges), its stage, and `flow graph`.
import {definePlugin, pluginApiVersion} from '../../source/plugin-api/index.js';
import {flowGraphCommand} from './command.js';
import {flowBindings} from './bindings.js';
import {flowStage} from './slowest.js';

/** A positive whole number from the plugin's options, or the default. */
function count(value: unknown, otherwise: number): number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : otherwise;
}

export default definePlugin({
	name: 'flow',
	apiVersion: pluginApiVersion,
	setup(context) {
		// pluginOptions.flow: slowestPerEdge (20), maxEdges (1000).
		context.registerStage(flowStage({perEdge: count(context.options.slowestPerEdge, 20), maxEdges: count(context.options.maxEdges, 1000)}));
		// Its component is loaded when the TUI starts: headless commands never load Ink.
		context.registerPane({id: 'flow', title: 'Flow', key: '5', bindings: flowBindings, load: async () => (await import('./pane.js')).Flow});
		context.registerCommand(flowGraphCommand);
	},
});
