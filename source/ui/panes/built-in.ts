// The built-in panes, registered through the same plugin mechanism a user's --plugin uses: each one's entry (id,
// title, key, its keys) is here and its component in its own file, loaded when the TUI starts, so headless commands
// never load Ink. A new built-in pane is its file and its entry here.
import {definePlugin, pluginApiVersion, type PaneDefinition} from '../../plugin-api/index.js';
import {copyBinding, detailBindings, listBindings, type Binding} from '../keys/bindings.js';

/** Keys of the Topics pane besides moving. */
const topicsBindings = [
	{action: 'open', keys: ['enter'], label: 'Enter', description: 'show the messages of the selected topic', hint: 'messages'},
] as const satisfies Array<Binding>;

/** Keys of the Messages pane besides moving. */
export const messagesBindings = [
	{action: 'open', keys: ['enter'], label: 'Enter', description: 'open the transaction of the selected message', hint: 'transaction'},
	copyBinding,
] as const satisfies Array<Binding>;

/** Keys of the Alerts pane besides moving. */
const alertsBindings = [
	{action: 'open', keys: ['enter'], label: 'Enter', description: 'open the newest example transaction of the selected alert', hint: 'transaction'},
	{action: 'acknowledge', keys: ['a'], label: 'a', description: 'acknowledge the selected alert', hint: 'acknowledge'},
] as const satisfies Array<Binding>;

/** The keys of the built-in panes with rows: moving through the list, and each pane's own (the pane's file routes them). */
export const topicsPaneBindings = [...listBindings, ...topicsBindings];
/** See topicsPaneBindings. */
export const messagesPaneBindings = [...listBindings, ...detailBindings, ...messagesBindings];
/** See topicsPaneBindings. */
export const alertsPaneBindings = [...listBindings, ...alertsBindings];

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
