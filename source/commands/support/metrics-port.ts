// --metrics-port / --metrics-host / --metrics-hold: a Prometheus exporter of the engine next to a command.
import {setTimeout as delay} from 'node:timers/promises';
import type {Engine} from '../../core/engine.js';
import {engineFamilies} from '../../core/prometheus/engine-metrics.js';
import type {TypedFlags} from 'meow';
import type {Flags} from './command.js';
import {usageError} from './errors.js';
import {parseDuration} from './parse.js';
import {runStopSignals, stopAsked} from './stop-signals.js';

/** The exporter's flags. */
export const metricsPortFlags = {metricsPort: {type: 'number'}, metricsHost: {type: 'string', default: '127.0.0.1'}, metricsHold: {type: 'string'}} satisfies Flags;

/** Help lines of metricsPortFlags. */
export const metricsPortHelp = `    --metrics-port PORT
                       serve Prometheus metrics at http://127.0.0.1:PORT/metrics (0: any free port, said on stderr)
    --metrics-host ADDR
                       listen on this address instead of 127.0.0.1 (0.0.0.0: every interface)
    --metrics-hold 30s keep serving the final figures this long after the input ended (finite inputs;
                       Ctrl-C, SIGTERM or SIGHUP ends it early; a run they stopped does not hold)`;

/** The parsed flags. */
export type MetricsPortFlags = TypedFlags<typeof metricsPortFlags>;

/**
 * Wait `ms`, or until Ctrl-C, SIGTERM or SIGHUP: the command then goes on as when the hold ends (closing its store,
 * removing a temporary one). Listened to here, such a signal ends the hold without being told "already stopping".
 */
async function holdUnlessStopped(ms: number): Promise<void> {
	const stopped = new AbortController();
	const stop = () => {
		stopped.abort();
	};

	for (const signal of runStopSignals) process.once(signal, stop);
	try {
		await delay(ms, undefined, {signal: stopped.signal}).catch(() => undefined);
	} finally {
		for (const signal of runStopSignals) process.off(signal, stop);
	}
}

/**
 * Start the exporter when --metrics-port is given; resolves with the function that holds (if asked, and unless
 * called with `hold` false: a run a signal stopped, or one that failed) and stops it, once.
 */
export async function startMetricsPort(engine: Engine, flags: MetricsPortFlags): Promise<(hold?: boolean) => Promise<void>> {
	if (flags.metricsPort === undefined) return async () => undefined;
	if (!Number.isInteger(flags.metricsPort) || flags.metricsPort < 0 || flags.metricsPort > 65_535) throw usageError('--metrics-port: expected a port number (0–65535)');
	const holdMs = flags.metricsHold === undefined ? 0 : parseDuration(flags.metricsHold, 'metrics-hold');
	// prom-client loads only when the exporter runs.
	const {serveMetrics} = await import('../../core/prometheus/server.js');
	// Every series of a scrape from one moment: never a batch the metrics counted and the store had not yet.
	const server = await serveMetrics(flags.metricsHost, flags.metricsPort, async () => engine.atRest(() => engineFamilies(engine)));
	process.stderr.write(`pubsub-tools: Prometheus metrics at ${server.url}\n`);
	let stopped: Promise<void> | undefined;
	// Callers stop it on every way out; only the first call holds and closes.
	return async (hold = true) => {
		stopped ??= (async () => {
			// A signal sent as the run ends, after the run's listener and before the hold's, skips the hold too: the
			// command's guard (stop-signals.ts) heard every one since the session opened.
			if (hold && holdMs > 0 && !stopAsked().aborted) {
				process.stderr.write(`pubsub-tools: input ended; serving the final metrics for ${holdMs / 1000} s more\n`);
				await holdUnlessStopped(holdMs);
			}

			await server.close();
		})();
		return stopped;
	};
}

/** startMetricsPort, or, when it cannot start (a port in use), `release` what the command opened, then the error. */
export async function startMetricsPortOr(engine: Engine, flags: MetricsPortFlags, release: () => Promise<void>): Promise<(hold?: boolean) => Promise<void>> {
	try {
		return await startMetricsPort(engine, flags);
	} catch (error) {
		await release();
		throw error;
	}
}
