// `pubsub-tools alerts`: run an input through the alert rules and print the alerts, for people or CI.
import {tallyTotals} from '../core/alerts/tally.js';
import type {Alert} from '../core/alerts/types.js';
import {sanitize} from '../core/sanitize.js';
import {defineCommand} from './support/command.js';
import {usageError} from './support/errors.js';
import {analysisStore, connectTimeoutOf, durationOf, inputFlags, inputHelp, sourceSpecs} from './support/inputs.js';
import {openSession} from './support/session.js';
import {runExitCode, runToEnd} from './support/headless.js';
import {counted, formatCount} from '../core/units/format.js';
import {alertLead} from '../ui/alert-text.js';
import {formatAlertLateness} from './metrics.js';
import {displayWidth} from '../ui/text/width.js';

/** `text` padded with spaces to `width` terminal cells (a wide character takes two), never cut. */
function padCells(text: string, width: number): string {
	return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** One alert as a readable line. */
export function formatAlert(alert: Alert): string {
		const when = `${new Date(alert.firedAt).toISOString()}${alert.resolvedAt === undefined ? '' : ` → ${new Date(alert.resolvedAt).toISOString()}`}`;
	return `${alertLead(alert, false, 8)}  ${padCells(sanitize(alert.rule), 20)} ${sanitize(alert.message)}  [${when}]`;
}

/** The alerts command. */
export const alertsCommand = defineCommand({
	name: 'alerts',
	summary: 'run an input through the alert rules (fraud, rate limit, SLO, error rate, duplicates, …)',
	help: `
  Usage: pubsub-tools alerts <recording|-> [--json] [--fail-on firing]
${inputHelp}

  Options:
    --json             one alert object per line (JSON Lines), in firing order
    --fail-on firing   exit with code 3 when any alert fired (for CI)

  Only this run's alerts are listed: alerts an earlier run left in --data-dir are history, not counted.

  Examples:
    pubsub-tools alerts recordings/fraud.jsonl
    pubsub-tools alerts recordings/ecommerce.jsonl.gz --json | jq 'select(.rule == "slo.latency")'
    pubsub-tools alerts recordings/fraud.jsonl --fail-on firing   # exit 3: alerts fired`,
	flags: {...inputFlags, json: {type: 'boolean'}, failOn: {type: 'string'}},
	async run(args, input) {
		if (input.failOn !== undefined && input.failOn !== 'firing') throw usageError('--fail-on: the only value is "firing"');
		const durationMs = durationOf(input);
		const session = await openSession(sourceSpecs(args, input, 'alerts'), analysisStore(input), {from: input.from, to: input.to, seed: input.seed, demoDurationMs: durationMs});
		try {
			const end = await runToEnd(session, {durationMs, connectTimeoutMs: connectTimeoutOf(input)});
			if (!end.anyReached) return runExitCode(end);
			const alerts = session.engine.runAlerts().sort((a, b) => a.firedAt - b.firedAt);
			// The store keeps the newest 10,000 alerts; the tally counts every one the run fired.
			const {fired, firing} = tallyTotals(session.engine.alertTally());
			for (const alert of alerts) process.stdout.write(input.json ? `${JSON.stringify(alert)}\n` : `${formatAlert(alert)}\n`);
			if (!input.json) process.stdout.write(`${counted(fired, 'alert')}, ${formatCount(firing)} still firing\n`);
			// Alerts that late events could not raise are not silently missing.
			const {alertLateness} = session.engine.summary();
			if (alertLateness.tooLate > 0) process.stderr.write(`pubsub-tools: ${formatAlertLateness(alertLateness)}\n`);
			if (fired > alerts.length) process.stderr.write(`pubsub-tools: ${formatCount(fired)} alerts fired; the store keeps the newest ${formatCount(alerts.length)}, which are listed\n`);
			return runExitCode(end, input.failOn === 'firing' && alerts.length > 0 ? 3 : 0);
		} finally {
			await session.close();
		}
	},
});
