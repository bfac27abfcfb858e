// Flags and checks shared by every command that reads events: the input argument, --source, --config, the store.
import type {Flags} from './command.js';
import {usageError} from './errors.js';
import {parseDuration} from './parse.js';

/** Flags for choosing inputs, configuration and store. */
export const inputFlags = {
	source: {type: 'string', isMultiple: true},
	from: {type: 'string'},
	duration: {type: 'string'},
	seed: {type: 'number'},
	config: {type: 'string'},
	dataDir: {type: 'string'},
	ephemeral: {type: 'boolean'},
} satisfies Flags;

/** Help lines for inputFlags. */
export const inputHelp = `
  Input (a recording path, - for standard input, or one or more --source):
    --source URL       kafka://host:9092?topics=orders.*  redis://host:6379?streams=events:*  demo  FILE
    --from WHEN        live sources: latest (default), earliest, or an ISO time
    --duration 30s     stop live sources after this long
    --seed N           simulator seed (demo)
    --config FILE      configuration (default: ./pubsub-tools.config.yaml when present)
    --data-dir DIR     keep the store there (default for analysis commands: a temporary store)
    --ephemeral        use a temporary store that is removed at exit`;

/** The parsed input flags. */
export type InputFlags = {
	source?: string[];
	from?: string;
	duration?: string;
	seed?: number;
	config?: string;
	dataDir?: string;
	ephemeral?: boolean;
};

/** The source specs to open: the positional input and every --source; at least one is required. */
export function sourceSpecs(args: string[], flags: InputFlags, command: string): string[] {
	const specs = [...args, ...(flags.source ?? [])];
	if (specs.length === 0) throw usageError(`${command}: give a recording (or - for stdin) or --source URL; see pubsub-tools ${command} --help`);
	return specs;
}

/** How long to run live sources (--duration), or undefined to run to the end of the input. */
export function durationOf(flags: InputFlags): number | undefined {
	return flags.duration === undefined ? undefined : parseDuration(flags.duration, 'duration');
}

/** Analysis commands use a temporary store unless --data-dir is given. */
export function analysisStore(flags: InputFlags): {dataDir?: string; ephemeral: boolean; config?: string} {
	return {dataDir: flags.dataDir, ephemeral: flags.dataDir === undefined || Boolean(flags.ephemeral), config: flags.config};
}
