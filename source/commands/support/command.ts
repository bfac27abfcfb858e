// The shape of a subcommand: its flags and help, and the function that runs it.
import type {AnyFlags} from 'meow';

/** Flags as meow declares them. */
export type Flags = AnyFlags;

/** One subcommand of pubsub-tools. */
export type Command = {
	/** Words that select it, e.g. `metrics` or `flow analyze`. */
	name: string;
	/** One line for the command list. */
	summary: string;
	/** Help text after the usage line: arguments, options, examples. */
	help: string;
	flags: Flags;
	/** Run with the positional arguments after the command words; resolves with the exit code. */
	run(args: string[], flags: Record<string, unknown>): Promise<number>;
};
