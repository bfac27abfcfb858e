// Flags and checks shared by every command that reads events: the input argument, --source, --config, the store.
import type {TypedFlags} from 'meow';
import type {Flags} from './command.js';
import {usageError} from './errors.js';
import {parseDuration} from './parse.js';
import {nodeModes, type NodeMode} from '../../core/metrics/flow-nodes.js';
import {maskSecretsIn} from '../../core/sources/secrets.js';
import {sourceKinds} from '../../core/sources/registry.js';

/** Flags for choosing inputs, configuration and store. */
export const inputFlags = {
	source: {type: 'string', isMultiple: true},
	from: {type: 'string'},
	to: {type: 'string'},
	duration: {type: 'string'},
	connectTimeout: {type: 'string'},
	seed: {type: 'number'},
	config: {type: 'string'},
	dataDir: {type: 'string'},
	ephemeral: {type: 'boolean'},
	by: {type: 'string'},
} satisfies Flags;

/** How long a source may take to connect before a headless command gives up on it. */
export const defaultConnectTimeoutMs = 10_000;

/** The exit codes, in every command's help (the same as docs/headless-json.md's). */
export const exitCodesHelp = `
  Exit codes: 0 done; 1 the work failed (a source never connected within --connect-timeout or stopped with an
  error, bad credentials, unreadable input, Ctrl-C while starting); 2 bad usage; 3 a --fail-on condition held.`;

/** Help lines for inputFlags. */
export const inputHelp = `
  Input (a recording path, - for standard input, or one or more --source):
    --source URL       ${sourceKinds().map(kind => kind.example).join('  ')}
                       (quote URLs with ? or *: the shell would expand them)
    --from WHEN        live sources: start at latest (default), earliest, or an ISO time (or epoch ms); a
                       recording or -: only the events recorded from that time on (as replay --from)
    --to now           live sources: stop once read up to where each topic partition or stream ended when the
                       run started (partitions and streams made later are not waited for); with --duration,
                       whichever comes first. A recording or -: read to its end; --to T (ISO time): only the
                       events recorded before T (as replay --to). Not for check nor the monitor's TUI
                       (they read on); monitor --headless stops as the others do
    --duration 30s     stop live sources after this long
    --connect-timeout 10s
                       give up on a source not connected by then (said on stderr; exit code 1); a topic or
                       stream pattern matching nothing is a warning, and is waited for only while --duration lasts
    --seed N           simulator seed (demo)
    --config FILE      configuration (default: ./pubsub-tools.config.yaml when present)
    --data-dir DIR     keep the store there (default: a temporary store; monitor on live sources:
                       $XDG_STATE_HOME/pubsub-tools). A recording, - or demo is a fresh look each run:
                       its --data-dir must be new or empty, so every run shows the same figures
    --ephemeral        use a temporary store that is removed at exit
    --by auto|topic|type
                       hop nodes: topics, event types, or auto (default, config hops.nodes): event types on a
                       stream where most hops stay on it (an event store), topics elsewhere
${exitCodesHelp}`;

/** The parsed input flags; each helper below reads only those it needs, so a command may declare a subset. */
export type InputFlags = Partial<TypedFlags<typeof inputFlags>>;

/**
 * The source specs to open: the positional input and every --source, each once (the same source read twice would
 * count every event twice); `fallback` when none is given, else at least one is required.
 */
export function sourceSpecs(args: string[], flags: InputFlags, command: string, fallback?: string): string[] {
	const given = [...args, ...(flags.source ?? [])];
	const specs = [...new Set(given)];
	for (const spec of new Set(given.filter((spec, index) => given.indexOf(spec) !== index))) {
		process.stderr.write(`pubsub-tools: ${maskSecretsIn(spec)} was given more than once; reading it once\n`);
	}

	if (specs.length === 0 && fallback !== undefined) return [fallback];
	if (specs.length === 0) throw usageError(`${command}: give a recording (or - for stdin) or --source URL; see pubsub-tools ${command} --help`);
	return specs;
}

/** How long to run live sources (--duration), or undefined to run to the end of the input. */
export function durationOf(flags: InputFlags): number | undefined {
	return flags.duration === undefined ? undefined : parseDuration(flags.duration, 'duration');
}

/** How long a source may take to connect (--connect-timeout). */
export function connectTimeoutOf(flags: InputFlags): number {
	return flags.connectTimeout === undefined ? defaultConnectTimeoutMs : parseDuration(flags.connectTimeout, 'connect-timeout');
}

/** Analysis commands and replays use a temporary store unless --data-dir is given. */
export function analysisStore(flags: InputFlags): {dataDir?: string; ephemeral: boolean; config?: string; by?: NodeMode} {
	return {dataDir: flags.dataDir, ephemeral: flags.dataDir === undefined || Boolean(flags.ephemeral), config: flags.config, by: nodeModeOf(flags)};
}

/** The hop node naming chosen with --by, if any. */
export function nodeModeOf(flags: InputFlags): NodeMode | undefined {
	if (flags.by === undefined) return undefined;
	if (!nodeModes.includes(flags.by as NodeMode)) throw usageError(`--by: one of ${nodeModes.join(', ')} (got "${flags.by}")`);
	return flags.by as NodeMode;
}
