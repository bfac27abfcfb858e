// `pubsub-tools monitor`: the TUI over live sources, a recording, or the built-in simulator.
import {defineCommand} from './support/command.js';
import {liveUrls} from '../core/sources/registry.js';
import {connectTimeoutOf, durationOf, inputFlags, inputHelp, nodeModeOf, sourceSpecs} from './support/inputs.js';
import {openSession} from './support/session.js';
import {usageError} from './support/errors.js';
import {recordDirFlag, recordDirHelp, runInteractive} from './support/interactive.js';
import {alertsOutFlag, alertsOutHelp, streamAlerts} from './support/alerts-out.js';
import {runExitCode, runToEnd} from './support/headless.js';
import {runSummary} from './support/run-summary.js';
import {metricsPortFlags, metricsPortHelp, startMetricsPortOr} from './support/metrics-port.js';

/** The TUI, unless --headless or --alerts-out - (alerts to standard output instead). */
const opensTui = (flags: {headless?: boolean; alertsOut?: string}) => flags.alertsOut !== '-' && !flags.headless;

/** The monitor command. */
export const monitorCommand = defineCommand({
	name: 'monitor',
	summary: 'the terminal UI over live sources, a recording, or the simulator (the default command)',
	help: `
  Usage: pubsub-tools monitor [--source URL …] [--no-color] [--headless] [--metrics-port 9464]
                     (no --source: the simulator, as --source demo)
${inputHelp}

  Options:
    --no-color         no colours (also NO_COLOR=1)
    --headless         no UI: run until Ctrl-C, --duration, --to now or the end of the input (with --metrics-port:
                       an exporter), then print a summary (as replay --headless) and the metrics tables (not with
                       --alerts-out -)
${recordDirHelp}
${alertsOutHelp}
                       with - the UI is not shown: alerts go to standard output until Ctrl-C
${metricsPortHelp}

  Panes: {panes}.
  Keys: digits and Tab switch panes, ↑↓ j k, Enter drills down, Esc goes back (then clears the filter),
  / filter, :tx ID, space pause, w window, r record, ? every key, q quit.  On live sources (${liveUrls().join(', ')}) the store is kept in --data-dir (default
  $XDG_STATE_HOME/pubsub-tools) and a restarted monitor resumes where it stopped; alerts of earlier runs are
  shown apart, as history. A recording, - or demo is read into a temporary store each run (a fresh look).
  With --alerts-out -, a source that never connects is said on stderr and ends the run with exit code 1.

  Examples:
    pubsub-tools                                  # the simulator
    pubsub-tools monitor --source recordings/fraud.jsonl --alerts-out - | jq -r .message
    pubsub-tools monitor --source 'kafka://localhost:19092?topics=orders.*,payment.transactions'
    pubsub-tools monitor --source 'redis://localhost:6379?streams=events:*' --source 'kafka://localhost:19092?topics=*'
    pubsub-tools monitor --source 'kafka://localhost:19092?topics=payment.*' --alerts-out - | jq .message
    pubsub-tools monitor --source 'kafka://localhost:19092?topics=orders.*' --headless --metrics-port 9464`,
	flags: {...inputFlags, ...alertsOutFlag, ...metricsPortFlags, ...recordDirFlag, noColor: {type: 'boolean'}, headless: {type: 'boolean'}},
	opensTui,
	async run(args, input) {
		// Headless, --to ends the run as it ends every headless command's; the TUI shows what comes until one quits it.
		if (input.to !== undefined && opensTui(input)) throw usageError('monitor: --to is for monitor --headless (and --alerts-out -): the TUI reads on until you quit it (q)');
		const specs = sourceSpecs(args, input, 'monitor', 'demo');
		const session = await openSession(specs, {config: input.config, dataDir: input.dataDir, ephemeral: input.ephemeral, by: nodeModeOf(input)}, {from: input.from, to: input.to, seed: input.seed});
		const stopAlerts = input.alertsOut === undefined ? undefined : streamAlerts(session.engine, input.alertsOut);
		const stopMetrics = await startMetricsPortOr(session.engine, input, async () => {
			await stopAlerts?.();
			await session.close();
		});

		try {
			if (opensTui(input)) return await runInteractive(session, specs, {mode: 'live', noColor: input.noColor, recordDir: input.recordDir});
			// What the input skipped (bad lines, messages read twice) and a stop go to stderr, as in every headless command.
			const end = await runToEnd(session, {durationMs: durationOf(input), connectTimeoutMs: connectTimeoutOf(input)});
			// Then what it saw, as replay --headless ends; not when standard output is the alerts' (`--alerts-out -`: that
			// stream is the answer), nor when no source was reached or a stop signal came while it started (said on stderr).
			if (input.alertsOut !== '-' && end.anyReached) process.stdout.write(`${runSummary('monitor', session, end, false)}\n`);
			// Ctrl-C, SIGTERM or SIGHUP means now: no hold after a run they stopped.
			await stopMetrics(!end.interrupted);
			await session.close();
			return runExitCode(end);
		} finally {
			await stopMetrics();
			await stopAlerts?.();
		}
	},
});
