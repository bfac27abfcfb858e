// The shape of a subcommand: its flags and help, and the function that runs it with those flags typed.
import type {AnyFlags, TypedFlags} from 'meow';

/** Flags as meow declares them. */
export type Flags = AnyFlags;

/** One subcommand of pubsub-tools; `run` gets the values of `flags`, typed from their declarations. */
export type Command<F extends Flags = Flags> = {
	/** Words that select it, e.g. `metrics` or `flow analyze`. */
	name: string;
	/** One line for the command list. */
	summary: string;
	/** Help text after the usage line: arguments, options, examples. */
	help: string;
	flags: F;
	/** Whether a run with these flags opens the TUI (absent: never); until then the keys typed at start are held for it. */
	opensTui?(flags: TypedFlags<F>): boolean;
	/** Run with the positional arguments after the command words; resolves with the exit code. */
	run(args: string[], flags: TypedFlags<F>): Promise<number>;
};

/** Declares a command, inferring the types of the flag values `run` gets from its flag declarations. */
export function defineCommand<F extends Flags>(command: Command<F>): Command {
	return command;
}
