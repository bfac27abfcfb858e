// `pubsub-tools state`: event-sourced aggregates folded up to a moment: one aggregate's state and history, every
// aggregate's state and the count per state, or the ones stuck short of a final state.
import {aggregateEvents, aggregateIdsNear, scanAggregates, stateEventOf, type AggregateKeying} from '../core/state/aggregates.js';
import {foldAggregate} from '../core/state/fold.js';
import {compileMachines} from '../core/state/machine.js';
import {countByState, groupAggregates, newestEventTime, stuckAggregates, summarizeAggregates} from '../core/state/summary.js';
import {sanitize} from '../core/sanitize.js';
import type {TypedFlags} from 'meow';
import {defineCommand, type Flags} from './support/command.js';
import {UserError, usageError} from './support/errors.js';
import {exitCodesHelp, inputFlags} from './support/inputs.js';
import type {Session} from './support/session.js';
import {inputOrKeptStore, runExitCode, stoppedWorkExitCode, unlessStopped, withOutages, type RunEnd} from './support/headless.js';
import {counted} from '../core/units/format.js';
import {parseDuration, parseTime} from './support/parse.js';
import {aggregateJson, formatAggregate, formatGroups, formatStuck, formatSummary, groupsJson, stuckJson, summaryJson} from './support/state-format.js';
import {prettyJson} from '../core/pretty-json.js';
import {inSteps, type Stepped} from '../core/queries/steps.js';
import {transactionMask} from '../core/personal-data.js';
import {eventsValues} from '../core/queries/transaction-values.js';

/** The flags of `state`. */
const stateFlags = {
	...inputFlags, id: {type: 'string'}, at: {type: 'string'}, stuck: {type: 'string'}, groupBy: {type: 'string'}, json: {type: 'boolean'}, failOn: {type: 'string'},
	showPii: {type: 'boolean'},
} satisfies Flags;

/** The parsed flags of `state`. */
type StateFlags = TypedFlags<typeof stateFlags>;

/** What `--fail-on` can name: an aggregate shown that breaks its machine, or a stuck aggregate. */
const failConditions = ['violations', 'stuck'] as const;

/** What an answer found that `--fail-on` can test. */
type Found = {violations: boolean; stuck: boolean};

/** What `state` prints, and what it found that `--fail-on` can test. */
type Answer = {output: string; found: Found};

/**
 * One aggregate's state and history, its fields' personal data masked unless `showPii`; throws a UserError when no
 * stored event belongs to it. `signal` abandons it.
 */
async function answerOne(session: Session, id: string, keying: AggregateKeying, at: number | undefined, options: {json: boolean; showPii: boolean; end: RunEnd | undefined}, signal: AbortSignal): Promise<Answer> {
	const events = await aggregateEvents(session.store, id, keying, signal);
	if (events.length === 0) {
		const near = aggregateIdsNear(session.store, id, keying);
		const hint = near.length > 0 ? `; its transaction holds the ${near.length === 1 ? 'aggregate' : 'aggregates'} ${near.slice(0, 5).map(each => sanitize(each)).join(', ')}` : '';
		throw new UserError(`no stored event belongs to the aggregate "${sanitize(id)}"${hint}`);
	}

	const folded = foldAggregate(events.map(event => stateEventOf(event, keying, true)), compileMachines(session.config.state), at);
	const piiMasked = !options.showPii;
	// A personal value of any of its events (their values and headers; one a later event replaced too) is masked where a field's text repeats it.
	const shown = piiMasked ? {...folded, fields: transactionMask(session.config.fields, eventsValues(events))(folded.fields) as Record<string, unknown>} : folded;
	const output = options.json ? prettyJson(withOutages(aggregateJson(id, at, shown, piiMasked), session, options.end), '', String) ?? '' : formatAggregate(id, at, shown, piiMasked);
	return {output, found: {violations: folded.violations > 0, stuck: false}};
}

/** What was asked of the session's store: one aggregate, every aggregate, a group of them, or the stuck ones; the JSON with the `outages` of the run that read the input (`end`). `signal` abandons it. */
async function answer(session: Session, input: StateFlags, end: RunEnd | undefined, signal: AbortSignal): Promise<Answer> {
	const {config} = session;
	const keying: AggregateKeying = {fields: config.state.aggregateIdFields, containers: config.fields.containers, groupBy: input.groupBy};
	const at = input.at === undefined ? undefined : parseTime(input.at, 'at');
	if (input.id !== undefined && input.groupBy === undefined) return answerOne(session, input.id, keying, at, {json: Boolean(input.json), showPii: Boolean(input.showPii), end}, signal);

	// Only the form asked for is made: the text table of every aggregate takes longer than its JSON.
	const output = async (json: () => object, text: () => Stepped<string>) => (input.json ? JSON.stringify(withOutages(json(), session, end)) : inSteps(text(), signal));
	const aggregates = await scanAggregates(session.store, keying, signal);
	// Without --at every event is folded (those without an event time last, as --id does); `at` in the JSON and
	// --stuck's ages are the newest event time then.
	const moment = at ?? newestEventTime(aggregates);
	let summary = await inSteps(summarizeAggregates(aggregates, compileMachines(config.state), at), signal);
	const group = input.groupBy === undefined ? undefined : {by: input.groupBy, value: input.id};
	if (group?.value !== undefined) summary = countByState(summary.aggregates.filter(each => each.group === group.value));
	if (input.stuck !== undefined) {
		const olderThanMs = parseDuration(input.stuck, 'stuck');
		if (moment === undefined) throw new UserError('--stuck: no stored event has an event time to measure from; give --at');
		const stuck = stuckAggregates(summary.aggregates, moment, olderThanMs);
		return {output: await output(() => stuckJson(moment, olderThanMs, stuck, group), () => formatStuck(moment, olderThanMs, stuck, group)), found: {violations: stuck.some(each => each.violations > 0), stuck: stuck.length > 0}};
	}

	const found = {violations: summary.aggregates.some(each => each.violations > 0), stuck: false};
	if (group && group.value === undefined) {
		const groups = groupAggregates(summary.aggregates);
		return {output: await output(() => groupsJson(moment, group.by, groups), () => formatGroups(at, group.by, groups)), found};
	}

	return {output: await output(() => summaryJson(moment, summary, group), () => formatSummary(at, summary, group)), found};
}

/** The state command. */
export const stateCommand = defineCommand({
	name: 'state',
	summary: 'event-sourced aggregates at a moment: state, version, fields, history, machine violations, stuck ones',
	help: `
  Usage: pubsub-tools state [<recording|->] [--id ID] [--at T] [--stuck 2h] [--group-by FIELD] [--fail-on violations|stuck] [--json] [--show-pii]

  Folds each aggregate's events, in event time, up to --at: its state (from the state machines of the
  configuration: claims, checkout and order are built in), version (events applied), last event, time of its
  last change and its data fields (latest value wins). An event the machine does not allow (a move not listed,
  an event after a final state) is flagged in the history and not applied. The same event read twice (same
  event id: a copy on events:all, a redelivery) is folded once.
  An aggregate is named by its aggregate id field (state.aggregateIdFields: aggregate_id, aggregateId,
  streamId, stream_id), else by its joined transaction (its earliest event's first correlation id).
  Without an input, reads the store at --data-dir (default $XDG_STATE_HOME/pubsub-tools), without a lock.
  Ctrl-C (SIGTERM, SIGHUP) while it folds what an input gave gives it up at once: nothing on standard output, exit 1.

  Options:
    --id ID            one aggregate: {id, at, machine, state, final, version, lastEvent, updatedAt, fields,
                       piiMasked, violations, copies, history: [{eventId, type, timestamp, topic, state, applied,
                       violation?}]}; its fields with personal data masked as audit query masks it
    --show-pii         show the fields unmasked: customer ids, IPs, emails, card numbers and codes, names,
                       phones, addresses, identity documents, dates of birth, credentials, config fields.personal
    --at T             the moment (ISO-8601, UTC when it has no zone, or epoch ms; event time); default:
                       every event, and (without --id) "at" is the newest event time stored
    --stuck 2h         aggregates not in a final state whose state last changed longer ago than this at
                       --at (events of a type the machine does not know, such as reminders, change nothing)
    --group-by FIELD   group the aggregates by this field's value on their latest event carrying it (client_id,
                       customer_id, …): {at, by, groups: {VALUE: {aggregates: [ID], byState}}}; with --id VALUE,
                       only that group's aggregates, as without --group-by (and --stuck among them)
    --fail-on violations|stuck
                       exit with code 3 when an aggregate shown breaks its machine, or (with --stuck) when
                       any aggregate is stuck (for CI)
    --json             without --id: {at, aggregates: {ID: {machine, state, final, version, lastEvent, updatedAt,
                       violations}}, byState: {STATE: count}}; with --stuck: {at, olderThanMs, stuck: {ID: {…, sinceMs}}}
                       (each form, when an input was read: outages: [{source, from, to?, reason?}], when a source
                       could not read)
    --source URL, --from, --duration, --connect-timeout, --config FILE, --data-dir DIR: as in metrics --help
${exitCodesHelp}

  Examples:
    pubsub-tools state recordings/claims-store.jsonl --id claim_67891 --at 2026-11-23T10:00:00Z
    pubsub-tools state recordings/claims-store.jsonl --stuck 2h --json
    pubsub-tools state recordings/claims-store.jsonl --group-by client_id --id client-001`,
	flags: stateFlags,
	async run(args, input) {
		if (input.at !== undefined) parseTime(input.at, 'at');
		if (input.stuck !== undefined) {
			parseDuration(input.stuck, 'stuck');
			if (input.id !== undefined && input.groupBy === undefined) throw usageError('--stuck lists aggregates: give it without --id (or with --group-by FIELD --id VALUE)');
		}

		if (input.groupBy !== undefined && input.groupBy.trim() === '') throw usageError('--group-by: expected a field name');
		if (input.failOn !== undefined && !(failConditions as readonly string[]).includes(input.failOn)) throw usageError(`--fail-on: expected one of ${failConditions.join(', ')}, got "${input.failOn}"`);
		if (input.failOn === 'stuck' && input.stuck === undefined) throw usageError('--fail-on stuck needs --stuck DURATION');
		const {session, end} = await inputOrKeptStore(args, input);
		try {
			if (end && !end.anyReached) return runExitCode(end);
			const answered = await unlessStopped(() => `folding the aggregates of the ${counted(session.store.stats().events, 'event')} read`, async signal => answer(session, input, end, signal));
			if (!answered) return stoppedWorkExitCode;
			process.stdout.write(`${answered.output}\n`);
			const {found} = answered;
			const failed = input.failOn === 'violations' ? found.violations : input.failOn === 'stuck' ? found.stuck : false;
			return end ? runExitCode(end, failed ? 3 : 0) : failed ? 3 : 0;
		} finally {
			await session.close();
		}
	},
});
