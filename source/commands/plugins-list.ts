// `pubsub-tools plugins`: what the loaded plugins add (panes, stages, commands, transaction lines), and the plugins left out and why.
import {defineCommand} from './support/command.js';
import {activePlugins} from './support/plugins.js';
import {sanitize} from '../core/sanitize.js';

/** The plugins command. */
export const pluginsCommand = defineCommand({
	name: 'plugins',
	summary: 'the plugins loaded (bundled, config plugins:, --plugin) and what each adds; those left out and why',
	help: `
  Usage: pubsub-tools plugins [--plugin FILE …] [--config FILE] [--json]

  Options:
    --json             {"plugins": [{"name", "panes", "stages", "commands", "transactionLines"}], "problems": [...]}

  Exit codes: 0 every plugin loaded; 1 a plugin was left out (each named on stderr and in the list).

  Examples:
    pubsub-tools plugins
    pubsub-tools plugins --plugin ./type-counts.mjs`,
	flags: {json: {type: 'boolean'}, config: {type: 'string'}},
	async run(_args, flags) {
		const set = activePlugins();
		const plugins = set.names.map(name => ({
			name,
			panes: set.panes.filter(pane => pane.plugin === name).map(pane => `${pane.key} ${pane.title}`),
			stages: set.stages.filter(stage => stage.plugin === name).map(stage => stage.name),
			commands: set.commands.filter(command => command.plugin === name).map(command => command.name),
			transactionLines: set.transactionInfo.filter(info => info.plugin === name).map(info => info.name),
		}));
		if (flags.json) {
			process.stdout.write(`${JSON.stringify({plugins, problems: set.problems})}\n`);
		} else {
			// What a plugin names itself and its parts is its author's text: escaped like message text.
			const list = (names: string[]) => names.map(name => sanitize(name)).join(', ');
			const lines = plugins.map(plugin => [
				sanitize(plugin.name),
				...(plugin.panes.length > 0 ? [`  panes: ${list(plugin.panes)}`] : []),
				...(plugin.stages.length > 0 ? [`  stages: ${list(plugin.stages)}`] : []),
				...(plugin.commands.length > 0 ? [`  commands: ${list(plugin.commands)}`] : []),
				...(plugin.transactionLines.length > 0 ? [`  transaction lines: ${list(plugin.transactionLines)}`] : []),
			].join('\n'));
			if (set.problems.length > 0) lines.push(`left out:\n${set.problems.map(problem => `  ${sanitize(problem)}`).join('\n')}`);
			process.stdout.write(`${lines.join('\n')}\n`);
		}

		return set.problems.length > 0 ? 1 : 0;
	},
});
