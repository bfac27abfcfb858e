// Opens what every command needs: configuration, the store, the sources, and an engine over them.
import os from 'node:os';
import path from 'node:path';
import {createEngine, type Engine} from '../../core/engine.js';
import type {Config} from '../../core/config.js';
import type {NodeMode} from '../../core/metrics/flow-nodes.js';
import {loadConfig} from '../../core/config-file.js';
import {openStore} from '../../core/store/store.js';
import type {EventStore} from '../../core/store/types.js';
import type {Source} from '../../core/sources/source.js';
import {isLiveSpec, openSource} from '../../core/sources/open.js';
import {kindOf} from '../../core/sources/registry.js';
import {maskSecretsIn} from '../../core/sources/secrets.js';
import {parseStartFrom, type StartFrom} from '../../core/sources/start-from.js';
import {InputError} from '../../core/errors.js';
import type {OpenSourceOptions} from '../../core/sources/kind.js';
import {UserError, usageError} from './errors.js';
import {checkRange, parseTime} from './parse.js';
import {activePlugins} from './plugins.js';
import {guardStopSignals} from './stop-signals.js';

/** Flags shared by the commands that read events. */
export type SessionFlags = {
	config?: string;
	dataDir?: string;
	ephemeral?: boolean;
	/** Open the store only to read it (audit query): no lock, so it works while a monitor holds it. */
	readOnly?: boolean;
	/** Hop node naming (`--by`), over the configuration's `hops.nodes`. */
	by?: NodeMode;
};

/** An engine with the store and sources it runs on; `close()` releases all of them. */
export type Session = {
	config: Config;
	store: EventStore;
	sources: Source[];
	engine: Engine;
	close(): Promise<void>;
};

/** Where the store lives unless `--data-dir` says otherwise: $XDG_STATE_HOME/pubsub-tools. */
export function defaultDataDir(): string {
	const state = process.env.XDG_STATE_HOME || path.join(os.homedir(), '.local', 'state');
	return path.join(state, 'pubsub-tools');
}

/** Where the `r` key records unless `--record-dir` says otherwise: $XDG_DATA_HOME/pubsub-tools/recordings. */
export function defaultRecordDir(): string {
	const data = process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share');
	return path.join(data, 'pubsub-tools', 'recordings');
}

/** Load the configuration named by `--config`, or pubsub-tools.config.yaml in the working directory. */
export function configFrom(flags: SessionFlags): Config {
	const config = loadConfig({path: flags.config, cwd: process.cwd()});
	return flags.by === undefined ? config : {...config, hops: {...config.hops, nodes: flags.by}};
}

/** Open the store: a temporary one with `ephemeral`, else `--data-dir` or the default data dir. */
export function storeFrom(flags: SessionFlags, config: Config): EventStore {
	try {
		return openStore({
			path: flags.ephemeral ? undefined : flags.dataDir ?? defaultDataDir(),
			ephemeral: flags.ephemeral,
			readOnly: flags.readOnly,
			retention: config.store.retention,
			maxTransactionEvents: config.transactions.maxEvents,
			columns: {fields: config.store.columns, containers: config.fields.containers},
		});
	} catch (error) {
		throw new UserError(`cannot open the store: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/**
 * What `--to` asks of `specs`: `now` stops live sources where they ended when the run started (a recording or - is
 * read to its end, as it is anyway); a time cuts a recording or - (as replay --to). Bad usage (exit 2) when a spec
 * cannot: the simulator has no end, a live source no time to stop at.
 */
function readTo(to: string | undefined, specs: string[]): {toNow?: boolean; toMs?: number} {
	if (to === undefined) return {};
	if (to === 'now') {
		const endless = specs.find(spec => !kindOf(spec).readsToNow);
		if (endless !== undefined) throw usageError(`--to now: ${maskSecretsIn(endless)} has no end to read up to; give --duration`);
		return {toNow: true};
	}

	const toMs = parseTime(to, 'to');
	if (specs.some(spec => isLiveSpec(spec))) throw usageError(`--to cuts a recording or - at a time; a live source stops at --to now (where it ended when the run started) or after --duration, not at ${to}`);
	return {toMs};
}

/**
 * Open config, store and sources (recording paths, `-`, `demo`, kafka:// and redis:// URLs) and build an engine.
 * Only live brokers resume: recordings, `-` and the simulator are a fresh look each run (a temporary store
 * unless `--data-dir`, and then one that holds no events yet), so every run of the same input shows the same figures.
 */
export async function openSession(specs: string[], flags: SessionFlags, sessionOptions: Omit<OpenSourceOptions, 'config' | 'toNow'> & {to?: string} = {}): Promise<Session> {
	const {to, ...sourceOptions} = sessionOptions;
	let start: StartFrom;
	try {
		// A bad --from is bad usage (exit 2), before anything is opened.
		start = parseStartFrom(sourceOptions.from);
	} catch (error) {
		throw error instanceof InputError ? usageError(error.message) : error;
	}

	const {toNow, toMs} = readTo(to, specs);
	// A time in --from or --to cuts a recording or - as replay --from and --to do (where a live source starts reading at --from).
	const fromMs = start.kind === 'time' ? start.ms : undefined;
	const range = sourceOptions.range ?? (fromMs === undefined && toMs === undefined ? undefined : {from: fromMs, to: toMs});
	checkRange({from: fromMs, to: toMs}, sourceOptions.from, to);

	const config = configFrom(flags);
	const live = specs.some(spec => isLiveSpec(spec));
	const replay = specs.length > 0 && !live;
	// From here the process owns what it must clean up (the store's temporary directory or lock, then its sources and
	// the command's output): a stop signal no longer kills it, it stops the run, even one that has not begun yet. A
	// store opened only to read (a kept one, with no input to run) holds neither: Ctrl-C still ends a long query at once.
	if (!flags.readOnly) guardStopSignals();
	const store = storeFrom({...flags, ephemeral: flags.ephemeral || (replay && flags.dataDir === undefined)}, config);
	if (replay && store.stats().events > 0) {
		await store.close();
		// Its events would all be "read twice" and counted nowhere: empty figures that look like a quiet input.
		throw usageError(`${flags.dataDir ?? defaultDataDir()} already holds events of an earlier run; a recording, - or demo is read into a store of its own each time: give a new or empty --data-dir, or none (a temporary store)`);
	}

	let sources: Source[];
	try {
		sources = await Promise.all(specs.map(async spec => openSource(spec, {...sourceOptions, range, toNow, config})));
	} catch (error) {
		await store.close();
		throw error;
	}

	const engine = createEngine({config, store, sources, stages: activePlugins().stages, liveClock: live});
	return {
		config,
		store,
		sources,
		engine,
		async close() {
			await engine.stop();
			await store.close();
		},
	};
}
