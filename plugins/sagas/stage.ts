// The sagas stage: every saga definition followed over the engine's batches, in the TUI and headless alike;
// raises saga.failed (failures over the rule's window, compensated or not: the pane counts those apart),
// saga.timeout and saga.compensation-missing per instance.
import {counted, personalDataMask, transactionValues, type Envelope, type StageContext, type StageDefinition, type StageRule} from '../../source/plugin-api/index.js';
import type {SagaCatalog} from './catalog.js';
import type {SagaDefinition} from './definition.js';
import {FailureWindow} from './failure-window.js';
import {SagaTracker, type InstanceSummary, type Role, type SagaReport, type SagaState, type TrackerOptions} from './tracker.js';

/** The stage's name (`engine.stage(sagaStageName)`). */
export const sagaStageName = 'sagas';

/**
 * What the stage offers views and commands: a report per definition; with a list state, the instances in it (the
 * newest `maxListed` decided ones and every open one), and how many decided ones before those were left out.
 */
export type SagasSnapshot = {sagas: SagaReport[]; listed?: InstanceSummary[]; listedLeftOut?: number};

/** Decided instances in the list state kept for `saga --list` at most (an endless input would keep every one). */
export const maxListed = 10_000;

/** The rule this plugin raises for a failed saga whose compensations never came (not in the configuration). */
const missingCompensationRule = {rule: 'saga.compensation-missing', severity: 'critical', windowMs: 5 * 60_000} as const;

/** The rules the stage raises, said when it is loaded: each counter starts at 0 (configured ones take their settings there). */
const sagaRules: StageRule[] = [{rule: 'saga.failed'}, {rule: 'saga.timeout'}, missingCompensationRule];

/** What trackers are given of the engine: its stage context, and the batch being read (not yet in the store). */
type TrackerContext = Pick<StageContext, 'raise' | 'config' | 'transaction'> & {unstored(): readonly Envelope[]};

/**
 * A failure's reason masked by the rule of personal data under `fields`, so that a customer id or a name any event
 * of the failure's transaction carries (`transaction`: its stored events; `unstored`: those of the batch being read)
 * written in it is masked too: the stage's (`saga --json`, the pane) and the transaction view's.
 */
export function reasonMask(fields: StageContext['config']['fields'], transaction: StageContext['transaction'], unstored: () => readonly Envelope[]): TrackerOptions['maskReason'] {
	const mask = personalDataMask(fields);
	return (text, event) => String(mask(text, transactionValues(event, transaction, unstored())));
}

/**
 * What the engine's configuration sets in a tracker: lateness, containers, and a reason masked with the events of
 * its transaction read when a failure event comes (reasonMask).
 */
function engineOptions(context: TrackerContext): Partial<TrackerOptions> {
	return {
		latenessMs: context.config.latency.allowedLatenessMs,
		containers: context.config.fields.containers,
		maskReason: reasonMask(context.config.fields, id => context.transaction(id), () => context.unstored()),
	};
}

/** Trackers for `definitions` wired to the context's alerts; events go only to the sagas their type belongs to. */
export function createSagaTrackers(definitions: readonly SagaDefinition[], context?: TrackerContext, onFinished?: (instance: InstanceSummary) => void, options?: Partial<TrackerOptions>) {
	const failedWindowMs = context?.config.alerts.rules['saga.failed'].windowMs ?? 0;
	const windows = new Map<string, FailureWindow>();
	const failed = (instance: InstanceSummary, at: number) => {
		if (!context) return;
		let window = windows.get(instance.saga);
		if (window === undefined) {
			window = new FailureWindow(failedWindowMs);
			windows.set(instance.saga, window);
		}

		const count = window.add(at, instance.id);
		context.raise({
			rule: 'saga.failed',
			key: instance.saga,
			at,
			message: `${counted(count, `${instance.saga} saga`)} failed within the window (compensated or not); latest ${instance.id}: ${instance.step}${instance.reason === undefined ? '' : ` (${instance.reason})`}`,
			value: count,
			threshold: 1,
			exampleIds: window.newestIds(),
		});
	};

	const trackers = definitions.map(definition => new SagaTracker(definition, {
		onFailed: failed,
		onFinished,
		onTimedOut(instance, at) {
			context?.raise({
				rule: 'saga.timeout',
				key: `${instance.saga} ${instance.id}`,
				at,
				message: `${instance.saga} ${instance.id}: ${instance.waitingFor ?? 'the next step'} overdue after ${instance.step}`,
				exampleIds: [instance.id],
			});
		},
		onCompensationMissing(instance, at) {
			context?.raise({
				...missingCompensationRule,
				key: `${instance.saga} ${instance.id}`,
				at,
				message: `${instance.saga} ${instance.id} failed (${instance.step}) and ${instance.compensationsMissing.join(', ')} never came`,
				exampleIds: [instance.id],
			});
		},
	}, {...(context ? engineOptions(context) : {}), ...options}));
	const byType = new Map<string, Array<{tracker: SagaTracker; role: Role}>>();
	for (const tracker of trackers) {
		for (const [type, role] of tracker.roles) {
			const list = byType.get(type) ?? [];
			list.push({tracker, role});
			byType.set(type, list);
		}
	}

	return {trackers, byType};
}

/** The stage, over the catalog's definitions when an engine creates it. */
export function sagaStage(catalog: SagaCatalog): StageDefinition<SagasSnapshot> {
	return {
		name: sagaStageName,
		rules: sagaRules,
		create(context) {
			const listState: SagaState | undefined = catalog.listState;
			// The newest decided instances in the list state, a ring; those it let go counted per saga (only the
			// sagas shown in the end are listed, and said left out).
			const listed: InstanceSummary[] = [];
			let nextListed = 0;
			const leftOut = new Map<string, number>();
			const keep = listState === undefined ? undefined : (instance: InstanceSummary) => {
				if (instance.state !== listState) return;
				if (listed.length < maxListed) {
					listed.push(instance);
					return;
				}

				const dropped = listed[nextListed]!;
				leftOut.set(dropped.saga, (leftOut.get(dropped.saga) ?? 0) + 1);
				listed[nextListed] = instance;
				nextListed = (nextListed + 1) % maxListed;
			};

			// The batch being read: the stages read it before it is stored.
			let unstored: readonly Envelope[] = [];
			const {trackers, byType} = createSagaTrackers(catalog.definitions(), {...context, unstored: () => unstored}, keep);
			catalog.shown.clear();
			catalog.containers = context.config.fields.containers;
			catalog.fields = context.config.fields;
			// The clock as of each event (the largest event time so far): a batch's `now` already counts its last event.
			let clock = Number.NEGATIVE_INFINITY;
			return {
				onBatch({events, now}) {
					unstored = events;
					for (const event of events) {
						const at = event.timestamp ?? event.receivedAt;
						if (at > clock) clock = at;
						const roles = byType.get(event.type);
						if (roles === undefined) continue;
						for (const {tracker, role} of roles) tracker.ingest(event, role, clock);
					}

					if (now > clock) clock = now;
					for (const tracker of trackers) {
						tracker.advance(clock);
						if (tracker.showsSaga) catalog.shown.add(tracker.definition.name);
					}
				},
				onTick({eventTime}) {
					for (const tracker of trackers) tracker.advance(eventTime);
				},
				finish(now) {
					for (const tracker of trackers) tracker.finish(now);
				},
				snapshot: () => ({
					sagas: trackers.map(tracker => tracker.report()),
					...(listState === undefined ? {} : {
						listed: [...listed.slice(nextListed), ...listed.slice(0, nextListed), ...trackers.flatMap(tracker => tracker.openInstances())]
							.filter(instance => instance.state === listState && catalog.shown.has(instance.saga)),
						listedLeftOut: [...leftOut].reduce((sum, [saga, count]) => sum + (catalog.shown.has(saga) ? count : 0), 0),
					}),
				}),
			};
		},
	};
}
