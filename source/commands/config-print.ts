// `pubsub-tools config print`: the effective configuration after the config file is merged over the defaults.
import {formatConfig} from '../core/config-file.js';
import {defineCommand} from './support/command.js';
import {configFrom} from './support/session.js';

/** The config print command. */
export const configPrintCommand = defineCommand({
	name: 'config print',
	summary: 'print the effective configuration (defaults merged with pubsub-tools.config.yaml)',
	help: `
  Usage: pubsub-tools config print [--config FILE]

  Examples:
    pubsub-tools config print > pubsub-tools.config.yaml   # a starting point to edit`,
	flags: {config: {type: 'string'}},
	async run(_args, flags) {
		process.stdout.write(formatConfig(configFrom(flags)));
		return 0;
	},
});
