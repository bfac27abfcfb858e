// `pubsub-tools monitor`: the TUI over live sources, a recording, or the built-in simulator.
import type {Command} from './support/command.js';
import {inputFlags, inputHelp, sourceSpecs, type InputFlags} from './support/inputs.js';
import {openSession} from './support/session.js';
import {runInteractive} from './support/interactive.js';

/** The monitor command. */
export const monitorCommand: Command = {
	name: 'monitor',
	summary: 'the terminal UI over live sources, a recording, or the simulator (the default command)',
	help: `
  Usage: pubsub-tools monitor --source URL [--source URL …] [--no-color]
${inputHelp}

  Keys: 1-6 panes, Tab, ↑↓ j k, Enter opens a transaction, / filter, :tx ID, space pause, w window, r record,
  ? help, q quit.  The store is kept in --data-dir (default $XDG_STATE_HOME/pubsub-tools).

  Examples:
    pubsub-tools                                  # the simulator
    pubsub-tools monitor --source kafka://localhost:19092?topics=orders.*,payment.transactions
    pubsub-tools monitor --source redis://localhost:6379?streams=events:* --source kafka://localhost:19092?topics=.*`,
	flags: {...inputFlags, noColor: {type: 'boolean'}},
	async run(args, flags) {
		const input = flags as InputFlags & {noColor?: boolean};
		const session = await openSession(sourceSpecs(args, input, 'monitor'), {config: input.config, dataDir: input.dataDir, ephemeral: input.ephemeral}, {from: input.from, seed: input.seed});
		return runInteractive(session, {mode: 'live', noColor: input.noColor});
	},
};
