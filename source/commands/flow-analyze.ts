// `pubsub-tools flow analyze`: one transaction as a timeline with hop latencies, slow hops, errors and issues.
import {stepHop, stepPlace, totalText, type TransactionView} from '../core/queries/transaction.js';
import {sanitize} from '../core/sanitize.js';
import {defineCommand} from './support/command.js';
import {UserError, usageError} from './support/errors.js';
import {analysisStore, connectTimeoutOf, durationOf, inputFlags, inputHelp, sourceSpecs} from './support/inputs.js';
import {openSession} from './support/session.js';
import {outagesJson, runExitCode, runToEnd, stoppedWorkExitCode, unlessStopped} from './support/headless.js';
import {inSteps, type Stepped} from '../core/queries/steps.js';
import {counted, formatCount, formatMs} from '../core/units/format.js';
import {placeholderNote} from '../core/placeholder-id.js';
import type {OutageJson} from '../core/sources/recording/outage-line.js';

/** The `flow analyze --json` object (headless-json.md); `outages` as outagesJson gives them. */
export function flowJson(id: string, view: TransactionView, outages: OutageJson[]) {
	return {
		id,
		events: view.steps.map(step => ({
			topic: step.event.topic ?? null,
			type: step.event.type,
			timestamp: step.event.timestamp === undefined ? null : new Date(step.event.timestamp).toISOString(),
			status: step.event.status,
			latencyMs: step.latencyMs ?? null,
			...(step.alsoOn ? {alsoOn: step.alsoOn} : {}),
			...(step.redelivered ? {redelivered: step.redelivered} : {}),
		})),
		issues: view.issues.map(issue => ({kind: issue.kind, message: issue.message})),
		outages,
	};
}

/** Steps of the timeline indented one level deeper than the one before, up to this depth (then kept there). */
const maxIndent = 8;
/** Ids named in the heading; a transaction with more says how many it has. */
const maxNamedIds = 20;

/** The timeline as an indented tree with ⚠ SLOW and ✗ ERROR marks, then the issues found; stepped work (steps.ts): it yields after each step's line. */
export function * formatFlow(id: string, view: TransactionView): Stepped<string> {
	// Bounded, so a transaction of thousands of events prints a line per event, not a staircase as wide as it is long.
	const named = view.ids.slice(0, maxNamedIds).map(each => sanitize(each)).join(', ');
	const more = view.ids.length > maxNamedIds ? `, … (${formatCount(view.ids.length)} ids in all)` : '';
	const lines = [`Transaction ${sanitize(id)} — ${counted(view.steps.length, 'event')}, ids: ${named}${more}`];
	lines.push(`${totalText(view)}, outcome ${view.outcome}`);
	lines.push('');
	for (const [index, step] of view.steps.entries()) {
		const broken = step.state?.applied === false ? ` ✗ BREAKS ITS STATE MACHINE (${sanitize(step.state.violation ?? '')})` : '';
		const mark = `${step.error ? ' ✗ ERROR' : step.event.status === 'blocked' ? ' ⊘ BLOCKED' : step.slow ? ' ⚠ SLOW' : ''}${broken}`;
		const head = index === 0 ? (view.outcome === 'ok' ? '✅ ' : '❌ ') : `${'   '.repeat(Math.min(index, maxIndent) - 1)}  └→ `;
		// The hop as the TUI's hop column decides it (stepHop), in this output's words.
		const hop = stepHop(step, index);
		const latency = typeof hop === 'string' ? {start: '0 ms', 'no time': 'no time', unknown: 'hop unknown'}[hop] : formatMs(hop.ms);
		const also = step.alsoOn ? ` (also on ${step.alsoOn.map(each => sanitize(each)).join(', ')})` : '';
		const again = step.redelivered ? ` (redelivered ${counted(step.redelivered, 'time')})` : '';
		// Where it was read (stepPlace): its node may be its type, which the line names already.
		const place = stepPlace(step.event);
		lines.push(`${head}${sanitize(step.event.type)}${place === undefined ? '' : ` [${sanitize(place)}]`} (${latency})${mark}${also}${again}`);
		yield;
	}
	lines.push('', view.issues.length === 0 ? 'No issues found.' : 'Issues found:');
	for (const issue of view.issues) lines.push(`  - ${sanitize(issue.message)}`);
	return lines.join('\n');
}

/** The flow analyze command. */
export const flowAnalyzeCommand = defineCommand({
	name: 'flow analyze',
	summary: 'one transaction (any of its ids) as a timeline with hop latencies, slow hops and errors',
	help: `
  Usage: pubsub-tools flow analyze <recording|-> --id ID [--to T] [--slow-ms 100] [--json]
${inputHelp}

  Options:
    --id ID            any correlation id of the transaction (orderId, transactionId, checkout_id, …)
    --to T             a recording or -: only the events recorded before T (ISO-8601 or epoch ms; a line's
                       recordedAt, else its timestamp, else its payload's own time), as replay --to; --to now:
                       live sources stop where they ended when the run started (see above)
    --slow-ms 100      a hop slower than this is marked ⚠ SLOW
    --json             {id, events: [{topic, type, timestamp, status, latencyMs, alsoOn?, redelivered?}],
                       issues, outages: [{source, from, to?, reason?}]} (outages: when a source could not read)
                       (a step its aggregate's state machine does not allow is marked in the text; see state --help)

  Examples:
    pubsub-tools flow analyze recordings/ecommerce.jsonl.gz --id ORD-5T6H-000042
    pubsub-tools flow analyze recordings/claims.jsonl --id claim_60011 --json
    pubsub-tools flow analyze recordings/claims-store.jsonl --id claim_67893 --to 2026-11-23T10:30:00Z`,
	flags: {...inputFlags, id: {type: 'string'}, to: {type: 'string'}, slowMs: {type: 'number'}, json: {type: 'boolean'}},
	async run(args, input) {
		if (!input.id) throw usageError('flow analyze: --id ID is required');
		const specs = sourceSpecs(args, input, 'flow analyze');
		if (input.slowMs !== undefined && !(input.slowMs >= 0)) throw usageError('--slow-ms: expected a number of milliseconds ≥ 0');
		const durationMs = durationOf(input);
		const session = await openSession(specs, analysisStore(input), {from: input.from, to: input.to, seed: input.seed, demoDurationMs: durationMs});
		try {
			if (input.slowMs !== undefined) session.config.latency.slowHopMs = input.slowMs;
			const end = await runToEnd(session, {durationMs, connectTimeoutMs: connectTimeoutOf(input)});
			if (!end.anyReached) return runExitCode(end);
			const id = input.id;
			const answered = await unlessStopped(() => `analyzing transaction ${sanitize(id)} of the ${counted(session.store.stats().events, 'event')} read`, async signal => {
				const view = await inSteps(session.engine.transactionSteps(id), signal);
				if (!view) throw new UserError(`no event carries the id "${sanitize(id)}" as a correlation id (fields.ids)${placeholderNote(sanitize(id))}; for any other field: pubsub-tools state --group-by FIELD --id ID, or query --group-by FIELD --where FIELD:ID`);
				return {text: input.json ? JSON.stringify(flowJson(id, view, outagesJson(session))) : await inSteps(formatFlow(id, view), signal)};
			});
			if (!answered) return stoppedWorkExitCode;
			process.stdout.write(`${answered.text}\n`);
			return runExitCode(end);
		} finally {
			await session.close();
		}
	},
});
