// `pubsub-tools replay`: play a recording back at its recorded pace (or faster) into the TUI or, headless, to stdout.
import {defineCommand} from './support/command.js';
import {connectTimeoutOf, inputFlags, inputHelp, nodeModeOf, sourceSpecs} from './support/inputs.js';
import {checkRange, parseSpeed, parseTime} from './support/parse.js';
import {openSession, type Session} from './support/session.js';
import {runExitCode, runToEnd} from './support/headless.js';
import {runSummary} from './support/run-summary.js';
import {counted, formatNumber} from '../core/units/format.js';
import {recordDirFlag, recordDirHelp, runInteractive} from './support/interactive.js';
import {alertsOutFlag, alertsOutHelp, streamAlerts} from './support/alerts-out.js';
import {metricsPortFlags, metricsPortHelp, startMetricsPortOr} from './support/metrics-port.js';
import {closeInTurn} from './support/close-in-turn.js';

/** Print one progress line a second: position in the recording, events so far, rate. */
function progressLines(session: Session, out: NodeJS.WriteStream): () => void {
	let last = 0;
	const timer = setInterval(() => {
		const totals = session.engine.totals();
		const now = session.engine.now();
		if (totals.events === last) return;
		out.write(`replay at ${Number.isFinite(now) && now > 0 ? new Date(now).toISOString() : '-'} · ${counted(totals.events, 'event')} · ${formatNumber(totals.events - last)} ev/s\n`);
		last = totals.events;
	}, 1000);
	return () => clearInterval(timer);
}

/** The TUI, unless --headless. */
const opensTui = (flags: {headless?: boolean}) => !flags.headless;

/** The replay command. */
export const replayCommand = defineCommand({
	name: 'replay',
	summary: 'replay a recording at its recorded pace (or --speed 10 / max) in the TUI, or --headless',
	help: `
  Usage: pubsub-tools replay <recording|-> [--speed 1|10|max] [--from T] [--to T] [--headless]
${inputHelp}

  Options:
    --speed 1          1 = as recorded, 10 = ten times faster, max = as fast as possible (default 1); a
                       wait of over a minute for the next line is shortened to one, and said
    --from T, --to T   only events between these times (ISO-8601, UTC when it has no zone, or epoch ms)
    --headless         no TUI: a progress line a second and a final summary, plain text for pipes
${alertsOutHelp}
                       (with --headless and -, progress and summary go to standard error)
${metricsPortHelp}
${recordDirHelp}

  Every replay is a fresh look: the recording is read into a temporary store (or into --data-dir, which must be
  new or empty), so replaying the same file again shows the same figures and alerts.

  In the TUI, + and - change the speed. With - as the recording, events come from standard input and keys
  from the terminal: zcat recordings/ecommerce.jsonl.gz | pubsub-tools replay -

  Examples:
    pubsub-tools replay recordings/ecommerce.jsonl.gz --speed 10
    zcat recordings/ecommerce.jsonl.gz | pubsub-tools replay - --speed max --headless
    pubsub-tools replay recordings/ecommerce.jsonl.gz --speed max --headless --data-dir store   # kept for audit query
    pubsub-tools replay recordings/ecommerce.jsonl.gz --speed 10 --headless --metrics-port 9464`,
	flags: {...inputFlags, speed: {type: 'string', default: '1'}, to: {type: 'string'}, headless: {type: 'boolean'}, noColor: {type: 'boolean'}, ...alertsOutFlag, ...metricsPortFlags, ...recordDirFlag},
	opensTui,
	async run(args, input) {
		const speed = parseSpeed(input.speed);
		const range = {from: input.from === undefined ? undefined : parseTime(input.from, 'from'), to: input.to === undefined ? undefined : parseTime(input.to, 'to')};
		checkRange(range, input.from, input.to);
		const specs = sourceSpecs(args, {...input, from: undefined}, 'replay');
		const session = await openSession(specs, {config: input.config, dataDir: input.dataDir, ephemeral: input.ephemeral, by: nodeModeOf(input)}, {speed, range, seed: input.seed});
		const stopAlerts = input.alertsOut === undefined ? undefined : streamAlerts(session.engine, input.alertsOut);
		const stopMetrics = await startMetricsPortOr(session.engine, input, async () => {
			await stopAlerts?.();
			await session.close();
		});

		if (opensTui(input)) {
			try {
				return await runInteractive(session, specs, {mode: 'replay', noColor: input.noColor, recordDir: input.recordDir});
			} finally {
				await stopMetrics();
				await stopAlerts?.();
			}
		}

		const out = input.alertsOut === '-' ? process.stderr : process.stdout;
		const stopLines = progressLines(session, out);
		try {
			const end = await runToEnd(session, {connectTimeoutMs: connectTimeoutOf(input), ownSummary: true});
			stopLines();
			out.write(`${runSummary('replay', session, end)}\n`);
			// Ctrl-C, SIGTERM or SIGHUP means now: no hold after a run they stopped.
			await stopMetrics(!end.interrupted);
			return runExitCode(end);
		} finally {
			stopLines();
			await closeInTurn(async () => stopMetrics(false), stopAlerts, async () => session.close());
		}
	},
});
