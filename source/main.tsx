// The CLI, loaded by cli.tsx: picks the subcommand, parses its flags with meow, runs it, and turns user errors into one line.
import fs from 'node:fs';
import meow from 'meow';
import {commands} from './commands/index.js';
import {pluginFlags} from './commands/support/plugin-flags.js';
import {withDefaultCommand} from './commands/support/tui-intent.js';
import {releaseKeys} from './ui/startup-keys.js';
import {pluginCommand} from './commands/support/plugin-command.js';
import type {Command} from './commands/support/command.js';
import {UserError} from './commands/support/errors.js';
import {shellWord} from './commands/support/shell-word.js';
import {attachDashValues, unknownFlagsError} from './commands/support/argv.js';
import {isClosedPipe, outputClosed, outputFailure, watchOutputs} from './commands/support/closed-output.js';
import {capHeapGrowth, keepAllocationsYoung} from './commands/support/heap-growth.js';
import {maskSecretsIn} from './core/sources/secrets.js';
import {sanitizeMultiline} from './core/sanitize.js';
import {kindOf} from './core/sources/registry.js';
import {recordingKind} from './core/sources/recording/kind.js';
import {nearestName} from './core/units/nearest-name.js';
import {InputError} from './core/errors.js';
import {ConfigError} from './core/config-file.js';
import {withSamplePaths} from './commands/support/sample-paths.js';
import {StoreWriteError} from './core/store/write-error.js';

/** The program's help: every command, built-in and plugins'. */
const overview = (all: Command[]) => `
  Usage: pubsub-tools [command] [options]

  With no command: the terminal UI on the built-in simulator (same as: pubsub-tools monitor --source demo).

  Commands:
${all.map(command => `    ${command.name.padEnd(16)} ${command.summary}`).join('\n')}

  Every command also takes --plugin FILE (repeatable): load a plugin module besides the bundled ones.
  Run pubsub-tools <command> --help (or pubsub-tools help <command>) for its options and examples.
`;

/** The help of commands whose names start with `word` (`flow` lists `flow analyze`), or undefined when none does. */
function groupHelp(word: string | undefined, all: Command[]): string | undefined {
	const members = all.filter(command => command.name.startsWith(`${word} `));
	const [first] = members;
	if (first === undefined) return undefined;
	return `\n  Usage: pubsub-tools ${word} <subcommand> [options]\n\n  Subcommands:\n${members.map(command => `    ${command.name.padEnd(16)} ${command.summary}`).join('\n')}\n\n  Run pubsub-tools ${first.name} --help for its options and examples.\n`;
}

/** Write `text` to stderr as the program's words: credentials masked, escape sequences shown, not acted on (a URL typed as the command may hold some). */
function tell(text: string): void {
	process.stderr.write(`pubsub-tools: ${sanitizeMultiline(maskSecretsIn(text))}\n`);
}

/** Find the command named by the leading words of argv (e.g. `flow analyze`). */
function selectCommand(argv: string[], all: Command[]) {
	for (const command of [...all].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)) {
		const words = command.name.split(' ');
		if (words.every((word, index) => argv[index] === word)) return {command, rest: argv.slice(words.length)};
	}

	return undefined;
}

/**
 * The error for a first word that names no command: that word alone (not the arguments after it), and the closest
 * command, or the monitor command that reads it when the word is a source (`kafka://…`, `redis://…`).
 */
function unknownCommand(word: string, all: Command[]): UserError {
	// Masked before it is quoted: a quote would otherwise split a password the mask then could not find.
	const shown = maskSecretsIn(word);
	// A masked suggestion run as shown would sign in as `***`: say what to put back.
	const putBack = shown === word ? '' : ' (with your credentials in place of ***)';
	if (kindOf(word) !== recordingKind) return new UserError(`unknown command "${shown}"; did you mean: pubsub-tools monitor --source ${shellWord(shown)}${putBack}`, 2);
	const best = nearestName(word, [...new Set(all.map(command => command.name.split(' ')[0] ?? command.name))]);
	const hint = best === undefined ? 'pubsub-tools --help lists the commands' : `did you mean "${best}"? (pubsub-tools --help lists them)`;
	return new UserError(`unknown command "${word}"; ${hint}`, 2);
}

/** What to say when a group's second word names none of its subcommands: that pair, and the closest subcommand. */
function unknownSubcommand(group: string, word: string, all: Command[]): string {
	const best = nearestName(`${group} ${word}`, all.map(command => command.name).filter(name => name.startsWith(`${group} `)));
	return `unknown subcommand "${group} ${word}"${best === undefined ? '' : `; did you mean "${best}"?`}`;
}

/** Run the CLI with the given arguments; resolves with the exit code. */
async function main(args: string[]): Promise<number> {
	capHeapGrowth();
	keepAllocationsYoung();
	const {paths, rest: withoutPlugins, config} = pluginFlags(args);
	let argv = withoutPlugins;
	const {loadPlugins} = await import('./commands/support/load-plugins.js');
	const plugins = await loadPlugins({paths, config, reserved: commands.map(command => command.name)});
	for (const problem of plugins.problems) tell(problem);
	const all = [...commands, ...plugins.commands.map(registered => pluginCommand(registered))];
	// `help` and `help <command>` are --help said in words; `help "saga visualize"` (one quoted word) names the command too.
	if (argv[0] === 'help') argv = [...argv.slice(1).flatMap(word => (word.startsWith('-') ? [word] : word.split(/\s+/).filter(Boolean))), '--help'];
	argv = withDefaultCommand(argv);
	const selected = selectCommand(argv, all);
	const group = selected ? undefined : groupHelp(argv[0], all);
	if (group !== undefined) {
		const asked = argv.includes('--help') || argv.includes('-h');
		const word = argv[1];
		if (!asked && word !== undefined && !word.startsWith('-')) tell(unknownSubcommand(argv[0] ?? '', word, all));
		(asked ? process.stdout : process.stderr).write(group);
		return asked ? 0 : 2;
	}

	if (!selected) {
		const cli = meow(overview(all), {importMeta: import.meta, argv, flags: {}, allowUnknownFlags: true});
		if (argv[0] === '--version' || argv[0] === '--help' || argv[0] === '-h') cli.showHelp(0);
		throw unknownCommand(argv[0] ?? '', all);
	}

	const {command, rest} = selected;
	// The panes that exist in this run: built-in and plugins' (a help text names them as {panes}).
	const panes = plugins.panes.map(pane => `${pane.key} ${pane.title}`).join(', ');
	const commandArgv = attachDashValues(rest, command.flags);
	// Said here, as one line of ours: the parser would print two lines of its own and exit.
	const unknown = unknownFlagsError(commandArgv, command.flags, command.name);
	if (unknown) throw unknown;
	const cli = meow(`\n  ${command.summary}\n${withSamplePaths(command.help.replaceAll('{panes}', panes))}\n`, {
		importMeta: import.meta,
		argv: commandArgv,
		flags: command.flags,
		allowUnknownFlags: false,
		helpIndent: 0,
	});
	// Keys typed since the start were held for the TUI (cli.tsx): a run without one gives the terminal back now.
	if (!command.opensTui?.(cli.flags)) releaseKeys();
	return command.run(cli.input, cli.flags);
}

/** What the top level awaits now, said if the run ends there (unfinishedRun). */
let awaiting: string | undefined = 'the command to finish';

/**
 * At exit: Node ended the process because the event loop drained while the top level still awaited something (code
 * 13, "unsettled top-level await": a shutdown waiting on a promise nothing will settle), which it does without a
 * word. Say it in one line and exit 1. (Not 'beforeExit': ink's own listener may still settle what is awaited.) The
 * temporary store is removed at exit all the same (store.ts).
 */
function unfinishedRun(code: number): void {
	if (awaiting === undefined || (code !== 13 && process.exitCode !== 13)) return;
	process.exitCode = 1;
	try {
		// Written at once: the process is exiting.
		fs.writeSync(2, `pubsub-tools: internal error: the run ended while still waiting for ${awaiting}, with nothing left that could bring it; please report it\n`);
	} catch {
		// Standard error closed: the exit code says it.
	}
}

watchOutputs();
process.on('exit', unfinishedRun);
// Past a file size limit (ulimit -f) the kernel would kill the process mid-write; ignored, the write fails and the
// store reports it like any other write error.
process.on('SIGXFSZ', () => undefined);
try {
	// Before any error is written: the terminal as it was, whatever ended the run.
	process.exitCode = await main(process.argv.slice(2)).finally(releaseKeys);
} catch (error) {
	if (outputClosed() && isClosedPipe(error) && !outputFailure()) {
		// The reader went away (see closed-output.ts): not a failure of this program.
		process.exitCode = 0;
	} else if (outputFailure()) {
		process.exitCode = 1;
	} else if (error instanceof UserError || error instanceof InputError || error instanceof StoreWriteError) {
		// One problem a line (a scenario file's), each named as ours: a script greps stderr line by line.
		for (const line of error.message.split('\n')) tell(line);
		process.exitCode = error instanceof UserError || error instanceof ConfigError ? error.exitCode : 1;
	} else {
		const message = error instanceof Error ? error.stack ?? error.message : String(error);
		tell(`unexpected error: ${message}`);
		process.exitCode = 1;
	}
}

// A write's error is reported after it returns: let the last one report before looking.
awaiting = 'standard output to be written';
await new Promise<void>(resolve => {
	process.stdout.write('', () => resolve());
});
const failedOutput = outputFailure();
if (failedOutput) {
	tell(failedOutput);
	process.exitCode = 1;
}

// What stderr holds is written too (pipes are asynchronous on some systems, macOS among them).
awaiting = 'standard error to be written';
await new Promise<void>(resolve => {
	process.stderr.write('', () => resolve());
});
awaiting = undefined;
// The command's work is done and written: exit now. A client library may go on retrying a connection the command
// gave up on (kafkajs backs off for seconds after a refused connect), and letting the event loop drain frees the
// whole heap first: under load (2 cores at load 30) that held a stopped `record` 0.7 s longer after its work was
// done (docs/benchmark-history.md).
process.exit();
