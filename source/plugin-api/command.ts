// Headless subcommands a plugin adds: they read the same inputs as `metrics` and answer from stage snapshots.
import type {EdgeView, MetricsSummary} from '../core/metrics/types.js';
import type {Alert} from '../core/alerts/types.js';
import type {TransactionView} from '../core/queries/transaction.js';
import type {OutageJson} from '../core/sources/recording/outage-line.js';

/** A flag of a plugin command, as meow declares it (`--list failed` → {type: 'string'}). */
export type PluginFlag = {type: 'string' | 'boolean' | 'number'; isMultiple?: boolean; default?: unknown};

/** What a finished analysis of the command's input offers. */
export type Analysis = {
	/** The snapshot of the stage with this name (a plugin's or a built-in), after the input ended. */
	stage<Snapshot>(name: string): Snapshot | undefined;
	/** The transaction of any of its ids, read from the run's store. */
	transaction(id: string): TransactionView | undefined;
	/** The `metrics --json` summary of the whole input. */
	summary(): MetricsSummary;
	/** Every hop edge over the window of `windowMs` ending at the input's newest hop, with whole-run totals. */
	edges(windowMs: number): EdgeView[];
	/** This run's alerts, fired or resolved, oldest first. */
	alerts(): Alert[];
	/**
	 * The times a source of the run could not read (live, or said by a recording), oldest first, as every headless
	 * JSON answer lists them (`outages`, [] when none): put them in the command's JSON as they are, and say them in
	 * its text with `outageLines`, so that a quiet stretch reads as the tool's, not the system's.
	 */
	outages(): OutageJson[];
	/** False when no source could be read at all (already said on stderr): print no figures then. */
	reached: boolean;
	/** The exit code to return: 1 when a source failed or never connected, else `otherwise` (default 0). */
	exitCode(otherwise?: number): number;
};

/** Services the host gives a running plugin command. */
export type CommandHost = {
	/**
	 * Read the input named by the command line (`<recording|->`, `--source`, `--config`, `--from`, `--duration`, …:
	 * the host adds these options and their help) to its end through the engine, every stage on; Ctrl-C ends it early.
	 */
	analyze(args: string[], flags: Record<string, unknown>): Promise<Analysis>;
	/** Write to standard output once `run` resolves, unless a stop signal gave up its work (a closed pipe ends the program quietly). */
	print(text: string): void;
	/** An error for a wrong option or argument: the host prints it in one line and exits 2. */
	usageError(message: string): Error;
};

/** A headless subcommand. */
export type PluginCommand = {
	/** The words that select it, e.g. `saga` or `saga visualize`. */
	name: string;
	/** One line for `pubsub-tools --help`. */
	summary: string;
	/** Usage, own options and examples (the host appends the input options). */
	help: string;
	/** Own flags, by camelCase name. */
	flags?: Record<string, PluginFlag>;
	/** Run it; resolves with the exit code. */
	run(args: string[], flags: Record<string, unknown>, host: CommandHost): Promise<number>;
};
