// The built-in panes, registered through the same plugin mechanism a user's --plugin uses. Each pane's component
// is loaded when the TUI starts, so headless commands never load Ink.
import {definePlugin, pluginApiVersion, type PaneDefinition} from '../../plugin-api/index.js';
import {alertsPaneBindings, messagesPaneBindings, topicsPaneBindings} from '../keys/bindings.js';

const panes: PaneDefinition[] = [
	{id: 'overview', title: 'Overview', key: '1', bindings: [], load: async () => (await import('./overview.js')).Overview},
	{id: 'topics', title: 'Topics', key: '2', bindings: topicsPaneBindings, load: async () => (await import('./topics.js')).Topics},
	{id: 'messages', title: 'Messages', key: '3', bindings: messagesPaneBindings, load: async () => (await import('./messages.js')).Messages},
	{id: 'alerts', title: 'Alerts', key: '4', bindings: alertsPaneBindings, load: async () => (await import('./alerts.js')).Alerts},
];

/** Overview, Topics, Messages and Alerts. */
export const builtInPanes = definePlugin({
	name: 'built-in',
	apiVersion: pluginApiVersion,
	setup(context) {
		for (const pane of panes) context.registerPane(pane);
	},
});
