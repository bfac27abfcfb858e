// The saga visualizer: saga definitions as data (built-in ones, the config's, a --sagas file) followed over any
// stream: a stage (counts, alerts), the Sagas pane, a line in the transaction view, and `saga` / `saga visualize`.
import {definePlugin, pluginApiVersion} from '../../source/plugin-api/index.js';
import {SagaCatalog} from './catalog.js';
import {sagaTransactionInfo} from './classify.js';
import {sagaCommand, visualizeCommand} from './commands.js';
import {sagasBindings} from './bindings.js';
import {sagaStage} from './stage.js';

export default definePlugin({
	name: 'sagas',
	apiVersion: pluginApiVersion,
	setup(context) {
		const catalog = new SagaCatalog(context.options);
		context.registerStage(sagaStage(catalog));
		// Its component is loaded when the TUI starts: headless commands never load Ink.
		context.registerPane({id: 'sagas', title: 'Sagas', bindings: sagasBindings, load: async () => (await import('./pane.js')).Sagas});
		context.registerTransactionInfo(sagaTransactionInfo(catalog));
		context.registerCommand(sagaCommand(catalog));
		context.registerCommand(visualizeCommand(catalog));
	},
});
