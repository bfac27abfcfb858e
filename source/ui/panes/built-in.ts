// The built-in panes, registered through the same plugin mechanism a user's --plugin uses.
import {definePlugin, pluginApiVersion} from '../../plugin-api/index.js';
import {overviewPane} from './overview.js';
import {topicsPane} from './topics.js';
import {messagesPane} from './messages.js';
import {alertsPane} from './alerts.js';

/** Overview, Topics, Messages and Alerts. */
export const builtInPanes = definePlugin({
	name: 'built-in',
	apiVersion: pluginApiVersion,
	setup(context) {
		for (const pane of [overviewPane, topicsPane, messagesPane, alertsPane]) context.registerPane(pane);
	},
});
