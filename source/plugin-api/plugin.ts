// A plugin: a name, the API version it was written for, and a setup function that registers what it adds.
import type {PaneDefinition} from './pane.js';
import type {StageDefinition} from '../core/stages/stage.js';
import type {PluginCommand} from './command.js';
import type {TransactionInfo} from './transaction-info.js';

/** The plugin API version this host implements. */
export const pluginApiVersion = 1;

/** What a plugin's setup may do. */
export type PluginContext = {
	/** Add a pane; the host rejects duplicate ids and keys that clash with the host's or another pane's. */
	registerPane(pane: PaneDefinition): void;
	/** Add an engine stage: it runs on every batch in the TUI and in every headless command. */
	registerStage<Snapshot>(stage: StageDefinition<Snapshot>): void;
	/** Add a headless subcommand (e.g. `saga`, `saga visualize`); names of existing commands are refused. */
	registerCommand(command: PluginCommand): void;
	/** Add lines to the transaction view (e.g. the saga state of the transaction shown). */
	registerTransactionInfo(info: TransactionInfo): void;
	/** This plugin's own settings: `pluginOptions.<plugin name>` in pubsub-tools.config.yaml, or {}. */
	readonly options: Readonly<Record<string, unknown>>;
};

/** A plugin, bundled in plugins/ or loaded with `--plugin`. */
export type Plugin = {
	name: string;
	apiVersion: number;
	setup(context: PluginContext): void;
};

/** Declare a plugin (identity with type checking, so plugins get editor help without a build step). */
export function definePlugin(plugin: Plugin): Plugin {
	return plugin;
}
