// The shape of a subcommand: its flags and help, and the function that runs it.
import type {Flag} from 'meow';

/** Flags as meow declares them. */
export type Flags = Record<string, Flag<'string' | 'boolean' | 'number', unknown, boolean>>;

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
