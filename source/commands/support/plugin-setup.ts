// Runs plugins' setup and keeps what each registers (panes, stages, commands, transaction lines); a plugin that fails in any way is
// left out whole, with one line naming it and why, and the others go on.
import {pluginApiVersion, type Plugin} from '../../plugin-api/plugin.js';
import type {PluginCommand, StageDefinition, TransactionInfo} from '../../plugin-api/index.js';
import {byKey, checkPane, type RegisteredPane} from '../../ui/panes/registry.js';

/** A plugin command as the CLI keeps it: with the plugin that registered it. */
export type RegisteredCommand = PluginCommand & {plugin: string};

/** A pane or stage with the plugin that registered it. */
type Owned<T> = T & {plugin: string};

/** What the accepted plugins registered, and a line for each plugin left out. */
export type PluginSet = {
	/** Names of the plugins set up, in order. */
	names: string[];
	panes: Array<Owned<RegisteredPane>>;
	stages: Array<Owned<StageDefinition>>;
	commands: RegisteredCommand[];
	/** Lines for the transaction view, in plugin order. */
	transactionInfo: Array<Owned<TransactionInfo>>;
	problems: string[];
};

/** An empty set (no plugin set up yet). */
export const noPlugins: PluginSet = {names: [], panes: [], stages: [], commands: [], transactionInfo: [], problems: []};

const commandWords = (name: string) => name.trim().split(/\s+/).join(' ');

/**
 * Set up `plugins` in order. `reserved` are the built-in command names; `optionsOf` gives a plugin its settings.
 * Duplicate names, pane ids or keys, stage names and command names are refused; what a refused plugin had
 * registered before the clash is dropped with it.
 */
export function setUpPlugins(plugins: readonly Plugin[], reserved: readonly string[], optionsOf: (name: string) => Record<string, unknown> = () => ({})): PluginSet {
	const set: PluginSet = {names: [], panes: [], stages: [], commands: [], transactionInfo: [], problems: []};
	for (const plugin of plugins) {
		if (set.names.includes(plugin.name)) {
			set.problems.push(`plugin "${plugin.name}": a plugin with this name is already loaded; left out`);
			continue;
		}

		if (plugin.apiVersion !== pluginApiVersion) {
			set.problems.push(`plugin "${plugin.name}" was written for plugin API version ${String(plugin.apiVersion)}; this pubsub-tools offers version ${pluginApiVersion}; left out`);
			continue;
		}

		const panes: Array<Owned<RegisteredPane>> = [];
		const stages: Array<Owned<StageDefinition>> = [];
		const commands: RegisteredCommand[] = [];
		const transactionInfo: Array<Owned<TransactionInfo>> = [];
		try {
			plugin.setup({
				options: optionsOf(plugin.name),
				registerPane(pane) {
					panes.push({...checkPane(pane, [...set.panes, ...panes], plugin.name), plugin: plugin.name});
				},
				registerStage(stage) {
					const where = `plugin "${plugin.name}", stage "${stage.name}"`;
					if (['hops', 'metrics', 'alerts', ...set.stages.map(other => other.name), ...stages.map(other => other.name)].includes(stage.name)) {
						throw new Error(`${where}: a stage with this name is already registered`);
					}

					stages.push({...(stage as StageDefinition), plugin: plugin.name});
				},
				registerCommand(command) {
					const name = commandWords(command.name);
					const where = `plugin "${plugin.name}", command "${name}"`;
					if (name === '' || name.startsWith('-')) throw new Error(`${where}: not a command name`);
					if ([...reserved, ...set.commands.map(other => other.name), ...commands.map(other => other.name)].includes(name)) {
						throw new Error(`${where}: a command with this name already exists`);
					}

					commands.push({...command, name, plugin: plugin.name});
				},
				registerTransactionInfo(info) {
					transactionInfo.push({...info, plugin: plugin.name});
				},
			});
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			set.problems.push(`${message.startsWith('plugin "') ? message : `plugin "${plugin.name}": setup failed: ${message}`}; left out`);
			continue;
		}

		set.names.push(plugin.name);
		set.panes = byKey([...set.panes, ...panes]);
		set.stages.push(...stages);
		set.commands.push(...commands);
		set.transactionInfo.push(...transactionInfo);
	}

	return set;
}
