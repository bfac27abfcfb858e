// The pane registry: built-in panes and plugins register the same way; clashes are refused with a clear message.
import {pluginApiVersion, type PaneDefinition, type Plugin} from '../../plugin-api/index.js';
import {globalBindings} from '../keys/bindings.js';

/** A pane as the host keeps it: its switching digit decided. */
export type RegisteredPane = PaneDefinition & {key: string};

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The global key that `key` is already taken by, if any. */
function globalOwner(key: string): string | undefined {
	return globalBindings.find(binding => (binding.keys as readonly string[]).includes(key))?.description;
}

/** Register the panes of `plugins` in order; throws an Error naming the plugin and the clash. */
export function registerPanes(plugins: Plugin[]): RegisteredPane[] {
	const panes: RegisteredPane[] = [];
	for (const plugin of plugins) {
		if (plugin.apiVersion !== pluginApiVersion) {
			throw new Error(`plugin "${plugin.name}" was written for plugin API version ${plugin.apiVersion}; this pubsub-tools offers version ${pluginApiVersion}`);
		}

		plugin.setup({
			registerPane(pane) {
				const where = `plugin "${plugin.name}", pane "${pane.id}"`;
				if (panes.some(other => other.id === pane.id)) throw new Error(`${where}: a pane with this id is already registered`);
				const key = pane.key ?? digits.find(digit => !panes.some(other => other.key === digit));
				if (key === undefined) throw new Error(`${where}: all nine pane keys 1–9 are taken`);
				if (!digits.includes(key)) throw new Error(`${where}: the pane key must be a digit 1–9, not "${key}"`);
				const holder = panes.find(other => other.key === key);
				if (holder) throw new Error(`${where}: key ${key} already switches to pane "${holder.id}"`);
				for (const binding of pane.bindings) {
					for (const bound of binding.keys) {
						const owner = globalOwner(bound);
						if (owner) throw new Error(`${where}: key "${bound}" (${binding.description}) is already bound to "${owner}"`);
					}
				}

				panes.push({...pane, key});
			},
		});
	}

	return panes.sort((a, b) => a.key.localeCompare(b.key));
}
