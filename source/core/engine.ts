// Wires sources → normalize → store → metrics, hops, alerts; one engine for the TUI and every headless command.
import {
	concatMap, type Observable, Subject, merge, interval, auditTime, map, lastValueFrom, defaultIfEmpty, share,
	takeUntil, catchError, EMPTY,
} from 'rxjs';
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import type {Config} from './config.js';
import {firstArrival, type Envelope, type RawEvent} from './envelope.js';
import {createFrontEnd} from './front-end.js';
import type {EventStore, PutResult, RestartedPartition} from './store/types.js';
import type {Source, SourceBatch, SourceHealth} from './sources/source.js';
import {Metrics} from './metrics/metrics.js';
import {HopTracker} from './metrics/hops.js';
import {FlowNodes} from './metrics/flow-nodes.js';
import type {EdgeView, Hop, MetricsSummary, MetricsView} from './metrics/types.js';
import {AlertTally, tallyTotals, type AlertTallyRow} from './alerts/tally.js';
import {createAlertEngine, transitionTime, type AlertTransition} from './alerts/engine.js';
import {alertLatenessSummary} from './alerts/lateness.js';
import {SchemaRegistryTally} from './metrics/schema-registry-tally.js';
import type {Alert} from './alerts/types.js';
import {pulled} from './pull.js';
import {transactionViewSteps, type TransactionView} from './queries/transaction.js';
import {atOnce, type Stepped} from './queries/steps.js';
import type {StageAlert, StageDefinition} from './stages/stage.js';
import type {CoreBatch, CoreStage} from './stages/core-batch.js';
import {alertStage, hopStage, metricsStage} from './stages/built-in.js';
import {IdCoverage, type CorrelationSummary} from './metrics/id-coverage.js';
import {pluginStage} from './stages/plugin-stage.js';
import {BlindSpans, type BlindSpan} from './blind-spans.js';
import {UnreadSpans} from './unread-spans.js';
import {outageWords, type RecordedOutage} from './sources/recording/outage-line.js';

/** What the engine needs to run. */
export type EngineOptions = {
	config: Config;
	store: EventStore;
	sources: Source[];
	/** Wall clock, injectable for tests. */
	now?: () => number;
	/** How many of the newest stored events `recent()` returns. */
	recentLimit?: number;
	/** After a key (noteInput), ingest pauses `gapMs` before each batch for `holdMs`; defaults suit the TUI. */
	inputPause?: {holdMs: number; gapMs: number};
	/** Plugins' stages, run after the built-in ones (hops, metrics, alerts) in this order. */
	stages?: StageDefinition[];
	/**
	 * Live brokers: arrival times are this machine's clock, so event windows end at the wall clock when nothing
	 * arrives (a stopped system shows 0 ev/s now, not its last second's rate), and alert time runs on while the
	 * whole system is quiet (a topic that stops is `silence` even when nothing else moves event time).
	 */
	liveClock?: boolean;
};

/** A normalized batch waiting to be stored. */
type Prepared = {sourceIndex: number; envelopes: Envelope[]; positions?: SourceBatch['positions']; restarted?: SourceBatch['restarted']; clock?: SourceBatch['clock']; outage?: SourceBatch['outage']; more?: boolean};

/** Receives every stored batch before the next is read: a slow sink slows ingest instead of losing events. */
export type BatchSink = (batch: Envelope[]) => Promise<void> | void;

/** Totals since the engine started. */
export type EngineTotals = {
	/** Events read, each message once: a message read twice (`readTwice`) is not counted again, as in `metrics --json`. */
	events: number;
	stored: number;
	/** Same message read twice (same source, topic, partition, offset): stored once. */
	readTwice: number;
	malformed: number;
	duplicates: number;
	skewed: number;
};

/** Counts of one source's own events, next to its health. */
export type SourceView = SourceHealth & {events: number};

/** An alert firing or resolving, at the arrival time (`EngineSnapshot.now`) it happened at. */
export type AlertArrival = {kind: AlertTransition['kind']; arrivedAt: number};

/** Most alert transitions a snapshot keeps with their arrival times. */
const alertArrivalLimit = 1000;

/** How many outage lines (live or a recording's) the views keep per input (said while news), and outage spans in all. */
const outageNewsLimit = 20;

/** Everything a view needs at one moment, computed at most 10 times a second. */
export type EngineSnapshot = {
	/** Newest time the engine has seen (event arrival), the "now" of every window. */
	now: number;
	/**
	 * The alerts' clock, the "now" of their firedAt and resolvedAt: event time, run on by the wall clock while a live
	 * system is quiet (docs/event-model.md); 0 before any event. An alert's age is measured on it, not on `now`.
	 */
	alertNow: number;
	windowMs: number;
	totals: EngineTotals;
	/** Events without a correlation id and fields that may be one (`metrics --json`'s `correlation`). */
	correlation: CorrelationSummary;
	sources: SourceView[];
	/** Throughput, latencies and edges over the window (engine.metricsView(windowMs)). */
	view: MetricsView;
	/** Alerts of this run firing now (count them with firingCount in the UI). */
	firing: Alert[];
	/** Newest alerts of this run, fired or resolved, newest last (the newest 200: count with `resolved` and `firing`). */
	alerts: Alert[];
	/** How many alerts of this run have resolved, every one. */
	resolved: number;
	/** Newest alerts restored from earlier runs, newest last: history, never firing now, whatever they said then. */
	earlierAlerts: Alert[];
	/**
	 * This run's newest alert firings and resolutions, oldest first, each at the arrival time (`now`) it happened:
	 * where they fall on the charts, which are drawn on arrival time (an alert's firedAt is event time, days earlier
	 * after an old backlog).
	 */
	alertArrivals: AlertArrival[];
	/**
	 * A live run's spans of arrival time in which no source was connected (connecting, reconnecting, failed), oldest
	 * first, of the last hour, then the newest outages of any one source (live or a recording's): nothing could arrive
	 * then, so a count of 0 there is not known to be true.
	 */
	blind: BlindSpan[];
	/** All sources have ended (finite inputs). */
	finished: boolean;
	/** Ingest stopped because the store refused a write (e.g. disk full); a failing source never sets it. */
	storeError?: string;
	/** Plugin stages switched off because they threw, one line each naming the stage. */
	stageErrors: string[];
};

/** The running stream processor. */
export type Engine = {
	readonly config: Config;
	readonly store: EventStore;
	/** Every stored batch, in store order. */
	readonly batches$: Observable<Envelope[]>;
	/** Final hops as the watermark passes them. */
	readonly hops$: Observable<Hop[]>;
	/** Alerts as they fire and resolve, in firing order. */
	readonly alerts$: Observable<AlertTransition>;
	/**
	 * Snapshots for views, at most every `intervalMs` (≥ 100 ms: ten a second) and at least every second;
	 * `windowMs` is read each time. Each costs a few ms of the event loop, so a view asks for no more than it draws.
	 */
	snapshots(windowMs: () => number, intervalMs?: number): Observable<EngineSnapshot>;
	/** A snapshot computed now. */
	snapshot(windowMs: number): EngineSnapshot;
	/** Totals since the engine started, read without building a windowed view (cheap). */
	totals(): EngineTotals;
	/** Newest arrival time seen (ms; 0 before any event): the "now" of every window. */
	now(): number;
	/** Each source's health and event count now (cheap: no metrics view). */
	sources(): SourceView[];
	/** Throughput, latencies and edges over the window of `windowMs` ending now: what a snapshot's `view` holds. */
	metricsView(windowMs: number): MetricsView;
	/** Plugin stages switched off because they threw, one line each naming the stage. */
	stageErrors(): string[];
	/** The `metrics --json` summary: whole run, or the window ending at the newest time seen. */
	summary(windowMs?: number): MetricsSummary;
	/** Every stored event of the transaction any of whose ids is `id`, as a timeline. */
	transaction(id: string): TransactionView | undefined;
	/** `transaction` as stepped work (steps.ts), for a command to read a large transaction in steps a stop signal is heard between. */
	transactionSteps(id: string): Stepped<TransactionView | undefined>;
	/** The from and to nodes of a hop edge seen this run, as its hops gave them (a node's name may hold `->`). */
	edgeNodes(edge: string): readonly [from: string, to: string];
	/** Every hop edge seen, over the window of `windowMs` ending at the newest hop time, with whole-run totals. */
	edges(windowMs: number): EdgeView[];
	/** The newest stored events, oldest first (read from the store); with `afterSeq`, only those stored after it. */
	recent(afterSeq?: number): Envelope[];
	/** Stored events that `matches` accepts, newest first, bounded (see EventStore.search). */
	search: EventStore['search'];
	/**
	 * Add a sink (recorder, exporter); returns the function that removes it. `first`: it hears each batch before the
	 * sinks added so far (a look at the sources' health whose news a recorder must write before the events).
	 */
	addSink(sink: BatchSink, options?: {first?: boolean}): () => void;
	/**
	 * Hear the alerts' clock move on with nothing arriving (a live system gone quiet), after the alerts and stages
	 * did; a recorder writes it so that a replay passes the same time (recording-format.md "Quiet time").
	 */
	onQuietTime(listener: (alertClock: number) => void): () => void;
	/**
	 * Say that source `sourceIndex` could not read from `outage.from` (and, with `to`, read again then): a live
	 * source's outage, from the run's watch. Alerts fired meanwhile say so; listeners hear it (a recorder writes it).
	 */
	noteOutage(sourceIndex: number, outage: RecordedOutage): void;
	/**
	 * Hear each outage said (noteOutage) or read from a recording (`recorded`: its line, after the events before it),
	 * as it begins and as it ends (recording-format.md "Outages").
	 */
	onOutage(listener: (sourceIndex: number, outage: RecordedOutage, recorded: boolean) => void): () => void;
	/**
	 * Say `text` under source `sourceIndex`'s input while it is news, as an outage's line is: from the run's watch, how
	 * a live source went on after a break too short to be said as an outage (SourceHealth.resumed).
	 */
	noteNews(sourceIndex: number, text: string): void;
	/**
	 * Hear each partition whose offsets went back (its topic made again), live or as a recording says, before the
	 * events after it reach the sinks: a recorder writes it so that a replay does not take them as read twice.
	 */
	onRestarted(listener: (partition: RestartedPartition) => void): () => void;
	/** The run's outages so far, live and recorded (the newest 1,000), oldest first: an ended one has its `to`. */
	outages(): RecordedOutage[];
	/** Report an alert condition from outside the rules (a stage's, see StageAlert). */
	raise(alert: StageAlert): void;
	/** The snapshot of the stage with this name (`hops`, `metrics`, `alerts`, or a plugin's); undefined if none. */
	stage<Snapshot = unknown>(name: string): Snapshot | undefined;
	/**
	 * A person pressed a key: for a moment ingest pauses between batches, so that keys and the frames they cause
	 * get the event loop at once. Nothing is dropped; ingest only runs slower while someone is typing.
	 */
	noteInput(): void;
	/** This run's alerts as stored (fired or resolved), oldest first; alerts of earlier runs are not among them. */
	runAlerts(): Alert[];
	/** This run's alerts by rule and severity: how many fired and how many fire now, every one (the store keeps the newest 10,000). */
	alertTally(): AlertTallyRow[];
	/** Mark an alert acknowledged (the TUI's `a`); kept when it later resolves. */
	acknowledge(alertId: string): Promise<void>;
	/**
	 * `read()` at a moment when no batch is half taken in (its stages ran, its commit not yet done: the metrics
	 * would count it and the sources, the store and the alerts not yet): now, or as the batch being stored is.
	 */
	atRest<T>(read: () => T): Promise<T>;
	/** Ingest until every source ends; resolves with the totals. Rejects when the store fails. */
	run(): Promise<EngineTotals>;
	/** Stop the sources, finish what is in flight, close nothing else (the caller owns the store). */
	stop(): Promise<void>;
};

/**
 * After a key, ingest pauses before each batch for half a second, each time about as long as a batch takes, so
 * it gets half the loop while someone is typing (bench/tui.ts measures key-to-frame).
 */
const defaultInputPause = {holdMs: 500, gapMs: 15};

/** Build an engine over the given sources and store; call `run()` to start ingest. */
export function createEngine(options: EngineOptions): Engine {
	const {config, store, sources} = options;
	const now = options.now ?? Date.now;
	const inputPause = options.inputPause ?? defaultInputPause;
	const frontEnd = createFrontEnd(config);
	const metrics = new Metrics();
	// A live run watches from its start, also while nothing arrives: its averages are over that time.
	if (options.liveClock) metrics.watchingSince(now());
	// Nothing can arrive before a source connects: a live run is blind from its start until one has.
	const blind = new BlindSpans();
	if (options.liveClock) blind.note(now(), false);
	const flowNodes = new FlowNodes(config.hops.nodes);
	const idCoverage = new IdCoverage(config.fields);
	const hopTracker = new HopTracker(config.latency.allowedLatenessMs, flowNodes, {idleMs: config.hops.openMs, maxTransactions: config.hops.maxOpen});
	const alertEngine = createAlertEngine(config);
	const recentLimit = options.recentLimit ?? 2000;
	const perSource = sources.map(() => 0);
	const totals: EngineTotals = {events: 0, stored: 0, readTwice: 0, malformed: 0, duplicates: 0, skewed: 0};
	const schemaRegistry = new SchemaRegistryTally();
	const batches$ = new Subject<Envelope[]>();
	const hops$ = new Subject<Hop[]>();
	const alerts$ = new Subject<AlertTransition>();
	const changed$ = new Subject<void>();
	const stop$ = new Subject<void>();
	let finished = false;
	let storeError: string | undefined;
	let running: Promise<EngineTotals> | undefined;
	let interactiveUntil = 0;
	const sinks = new Set<BatchSink>();
	const quietListeners = new Set<(alertClock: number) => void>();
	const restartListeners = new Set<(partition: RestartedPartition) => void>();
	const outageListeners = new Set<(sourceIndex: number, outage: RecordedOutage, recorded: boolean) => void>();
	// Outages, live or recorded: an alert fired inside one says the source was not being read.
	const unread = new UnreadSpans();
	// Outages, live or a recording's, for the views: said under their input while news (with how a live source went on
	// after a break too short to be an outage), and charted as time nothing was read.
	const outageNews = sources.map((): Array<{text: string; at: number}> => []);
	const outageBlind: BlindSpan[] = [];

	// Alerts already stored when this engine started belong to earlier runs: what they said then is history.
	const earlierIds = new Set(store.alerts().map(alert => alert.id));
	const thisRunIds = new Set<string>();
	const ofThisRun = (alert: Alert) => thisRunIds.has(alert.id) || !earlierIds.has(alert.id);
	/** Why each source stopped with an error (its iterator threw); the others go on. */
	const failures: Array<string | undefined> = sources.map(() => undefined);

	const alertArrivals: AlertArrival[] = [];
	// Every rule that may fire starts at 0: the built-in ones, and those the stages say they raise, from now.
	const tally = new AlertTally([...alertEngine.watchingRules(), ...alertEngine.stageRules((options.stages ?? []).flatMap(stage => stage.rules ?? []))]);
	const resolvedCount = () => {
		const {fired, firing} = tallyTotals(tally.list());
		return fired - firing;
	};
	const acknowledged = new Set<string>();
	const withAck = (alert: Alert): Alert => unread.dress(acknowledged.has(alert.id) ? {...alert, acknowledged: true} : alert);

	// One commit for all of a batch's transitions: a stage may report hundreds (one time-out per saga instance).
	const publishAlerts = async (transitions: AlertTransition[]) => {
		if (transitions.length === 0) return;
		unread.fired(transitions.filter(transition => transition.kind === 'fired').map(transition => transition.alert));
		const alerts = transitions.map(transition => withAck(transition.alert));
		for (const alert of alerts) thisRunIds.add(alert.id);
		for (const transition of transitions) tally.note(transition);
		await store.putAlerts(alerts);
		// A batch may span minutes of arrivals: each transition is placed by its event time, moved by how far the
		// arrival clock is ahead of the alerts' clock now (days after an old backlog, ~0 live); never after now.
		const arrival = metrics.now();
		const ahead = arrival - alertEngine.clock();
		alertArrivals.push(...transitions.map(transition => ({
			kind: transition.kind, arrivedAt: Number.isFinite(ahead) ? Math.min(arrival, transitionTime(transition) + ahead) : arrival,
		})));
		if (alertArrivals.length > alertArrivalLimit) alertArrivals.splice(0, alertArrivals.length - alertArrivalLimit);
		transitions.forEach((transition, index) => alerts$.next({...transition, alert: alerts[index]!}));
	};

	// Conditions stages raise while a batch runs are published with that batch, once it is stored, in order.
	let raisedIn: CoreBatch | undefined;
	const report = (condition: StageAlert) => {
		const transitions = alertEngine.onExternal(condition);
		if (raisedIn) raisedIn.transitions.push(...transitions);
		else void publishAlerts(transitions);
	};

	const stageErrors: string[] = [];
	const stageContext = {
		config,
		raise: report,
		transaction: (id: string) => engine.transaction(id),
	};
	const stages: CoreStage[] = [
		hopStage(hopTracker),
		metricsStage(metrics, hopTracker, idCoverage),
		alertStage(alertEngine),
		...(options.stages ?? []).map(definition => pluginStage(definition, stageContext, message => {
			stageErrors.push(message);
			changed$.next();
		})),
	];

	/** Run every stage over a batch (or over the end of the input); returns what they produced. */
	const runStages = (events: readonly Envelope[], merges: CoreBatch['merges'], ending: boolean, more = false, quiet?: CoreBatch['quiet']): CoreBatch => {
		const batch: CoreBatch = {events, merges, hops: [], transitions: [], now: alertEngine.clock(), more, quiet};
		raisedIn = batch;
		try {
			for (const stage of stages) {
				if (ending) stage.finish(batch);
				else stage.onBatch(batch);
			}
		} finally {
			raisedIn = undefined;
		}

		return batch;
	};

	/**
	 * Per input, the arrival time of its last event that carried a time. An event with no time at all (no
	 * `recordedAt`, no event or broker time) arrived with the one before it, since an input is in arrival order;
	 * before the input's first timed event it takes that event's time, and the wall clock only while the input has
	 * given no time at all. The wall clock in a replay would date it today, ahead of the rest of the recording: the
	 * store's age limit would then cut the recording, and windows, sagas and alerts would jump.
	 */
	const inputClocks: Array<number | undefined> = sources.map(() => undefined);

	/** Where a source resumes: its saved positions, or those an earlier version saved under a former id. */
	const savedPositions = (source: Source) => {
		if (!source.id) return undefined;
		const saved = [source.id, ...(source.formerIds ?? [])].map(id => store.positions(id));
		return saved.find(positions => Object.keys(positions).length > 0) ?? saved[0];
	};

	/** Normalize a pulled batch and flag redeliveries; runs while the previous batch is still being committed. */
	const prepare = (sourceIndex: number, batch: SourceBatch): Prepared => {
		const wall = now();
		const events = batch.events as RawEvent[];
		let clock = inputClocks[sourceIndex] ?? firstArrival(events, config.fields);
		const envelopes = new Array<Envelope>(events.length);
		for (let i = 0; i < events.length; i++) {
			const raw = events[i]!;
			const envelope = frontEnd(raw, clock ?? wall);
			if (raw.receivedAt !== undefined || envelope.timestamp !== undefined) clock = envelope.receivedAt;
			envelopes[i] = envelope;
		}

		inputClocks[sourceIndex] = clock;
		return {sourceIndex, envelopes, positions: batch.positions, restarted: batch.restarted, clock: batch.clock, outage: batch.outage, more: batch.more};
	};

	/** The stages over a planned batch: memory only, so they run while the batch commits. */
	const observe = (result: PutResult, more?: boolean) => runStages(result.stored, result.merges, false, more);

	const ingest = async ({sourceIndex, envelopes, positions, restarted, clock, outage, more}: Prepared) => {
		let observed: ReturnType<typeof observe> | undefined;
		const result: PutResult = await store.putBatch(
			envelopes,
			// A recording's restart line moves no position: it only makes the guard forget the partition.
			positions || restarted ? {sourceId: sources[sourceIndex]!.id, alsoUnder: sources[sourceIndex]!.alsoSavedUnder, positions: positions ?? {}, restarted} : undefined,
			planned => {
				observed = observe(planned, more);
			},
		);
		const {hops, transitions} = observed ?? observe(result, more);
		const stored = result.stored;
		const read = envelopes.length - result.skipped;
		totals.events += read;
		totals.stored += stored.length;
		totals.readTwice += result.skipped;
		schemaRegistry.add(stored);
		perSource[sourceIndex]! += read;
		// Views and sinks only ever see committed events (a drill-down must find them in the store).
		if (hops.length > 0) hops$.next(hops);
		await publishAlerts(transitions);
		for (const partition of restarted ?? []) for (const listener of restartListeners) listener(partition);
		// A batch may only move positions (a live source saves where a new topic starts before any event comes).
		if (stored.length > 0) {
			lastArrival = {wall: now(), clock: alertEngine.clock()};
			for (const sink of sinks) await sink(stored);
			batches$.next(stored);
		}

		// A recording's quiet time: the clock the live run reached with nothing arriving, after the events before it.
		if (clock !== undefined) await publishAlerts(passQuietTime(clock));
		// A recording's outage: a live source could not read from then, said after the events read before it.
		if (outage) tellOutage(sourceIndex, outage, true);
		changed$.next();
	};

	/**
	 * Move the alerts' clock on to `time` with nothing arriving, and the hops' watermark with it (the hops of a system's
	 * last seconds are final once it has been quiet for the reordering window); the transitions that made, stages and
	 * listeners told.
	 */
	const passQuietTime = (time: number): AlertTransition[] => {
		const before = alertEngine.clock();
		const released = runStages([], [], false, false, {time, wall: now()});
		if (released.hops.length > 0) hops$.next(released.hops);
		const transitions = [...released.transitions, ...alertEngine.advanceTo(time)];
		if (alertEngine.clock() > before) {
			for (const stage of stages) stage.onTick({eventTime: alertEngine.clock(), wallTime: now()});
			for (const listener of quietListeners) listener(alertEngine.clock());
		}

		return transitions;
	};

	/** A line under input `sourceIndex` while news, found `at` (the newest few kept). */
	const pushNews = (sourceIndex: number, text: string, at: number) => {
		const news = outageNews[sourceIndex]!;
		news.push({text, at});
		if (news.length > outageNewsLimit) news.shift();
	};

	/**
	 * An outage for the views: a line under its input (the newest few; a recording's names the source it says, a live
	 * one is the input's own), and a span of its charts with nothing known.
	 */
	const noteForViews = (sourceIndex: number, outage: RecordedOutage, recorded: boolean) => {
		pushNews(sourceIndex, `${recorded ? `${outage.source} (recorded): ` : ''}${outageWords(outage)}`, outage.to ?? outage.from);
		const open = outageBlind.find(span => span.to === undefined && span.from === outage.from);
		if (open) open.to = outage.to;
		else outageBlind.push({from: outage.from, to: outage.to});
		if (outageBlind.length > outageNewsLimit) outageBlind.shift();
	};

	/** Keep an outage to judge alerts by, show it, and tell the listeners. */
	const tellOutage = (sourceIndex: number, outage: RecordedOutage, recorded: boolean) => {
		unread.note(outage, alertEngine.clock());
		noteForViews(sourceIndex, outage, recorded);
		for (const listener of outageListeners) listener(sourceIndex, outage, recorded);
	};

	const finish = async () => {
		const {hops, transitions} = runStages([], [], true);
		if (hops.length > 0) hops$.next(hops);
		await publishAlerts(transitions);
		// What the alerts still firing say now (views read them from memory meanwhile): stored once, at the end.
		const updated = alertEngine.changed();
		if (updated.length > 0) await store.putAlerts(updated.map(withAck));
		finished = true;
		changed$.next();
	};

	/** When events were last stored, or quiet time last paused (wall clock), and the alert clock then: see quietAlertClock. */
	let lastArrival: {wall: number; clock: number} | undefined;
	let ingesting = false;
	/** Reads waiting for the batch being stored (atRest). */
	const atRestReads: Array<() => void> = [];

	/**
	 * The alert clock of a live system gone quiet: the time of the last events plus the wall time since they came.
	 * While events keep coming, an hours-old backlog included, it stays at their time. It runs on only while every
	 * source is connected and caught up, and nothing is being stored: our own outage, a backlog still on its way (a
	 * slow link's fetch rounds take seconds) or a slow store is not the system's silence, so such time is left out
	 * (quiet time counts on from where it was when it ends).
	 */
	const quietAlertClock = (): number | undefined => {
		if (!lastArrival) return undefined;
		const caughtUp = sources.every(source => {
			const {state, catchingUp} = source.health();
			return state === 'connected' && !catchingUp;
		});
		if (ingesting || !caughtUp) {
			lastArrival = {wall: now(), clock: alertEngine.clock()};
			return undefined;
		}

		return lastArrival.clock + (now() - lastArrival.wall);
	};

	const lagTimer = setInterval(() => {
		void publishAlerts(alertEngine.onLag(sources.flatMap(source => source.health().lag ?? [])));
	}, 5000);
	lagTimer.unref();
	// Stages with time-outs (an overdue saga step) hear the clocks while a live source is quiet.
	const tickTimer = setInterval(() => {
		if (options.liveClock) {
			blind.note(now(), healthOf().some(source => source.state === 'connected'));
			metrics.advanceTo(now());
			const quietClock = quietAlertClock();
			const transitions = quietClock === undefined ? [] : passQuietTime(quietClock);
			if (transitions.length > 0) void publishAlerts(transitions);
			changed$.next();
		}

		for (const stage of stages) stage.onTick({eventTime: alertEngine.clock(), wallTime: now()});
	}, 1000);
	tickTimer.unref();

	const healthOf = (): SourceView[] => sources.map((source, index) => {
		const health = source.health();
		const failure = failures[index];
		// A source whose iterator threw is in error whatever it says of itself (it may say "stopped" once closed).
		const view = failure === undefined || health.state === 'error' ? health : {...health, state: 'error' as const, error: failure};
		const news = outageNews[index]!;
		return {...view, events: perSource[index]!, ...(news.length > 0 && {recentGaps: [...view.recentGaps ?? [], ...news]})};
	});

	const malformed = () => sources.reduce((sum, source) => sum + source.health().malformed, 0);

	const currentTotals = (): EngineTotals => {
		const {duplicates, skewed} = metrics.totals();
		return {...totals, malformed: malformed(), duplicates, skewed};
	};

	const snapshot = (windowMs: number): EngineSnapshot => {
		const view = metrics.view(windowMs);
		const alerts = store.alerts();
		const alertNow = alertEngine.clock();
		return {
			now: view.now,
			alertNow: Number.isFinite(alertNow) ? alertNow : 0,
			windowMs,
			totals: currentTotals(),
			correlation: idCoverage.summary(),
			sources: healthOf(),
			view,
			firing: alertEngine.firing().map(withAck),
			alerts: alerts.filter(alert => ofThisRun(alert)).slice(-200),
			resolved: resolvedCount(),
			earlierAlerts: alerts.filter(alert => !ofThisRun(alert)).slice(-200),
			alertArrivals: [...alertArrivals],
			blind: [...blind.list(), ...outageBlind.map(span => ({...span}))],
			finished,
			storeError,
			stageErrors: [...stageErrors],
		};
	};

	const engine: Engine = {
		config,
		store,
		batches$: batches$.asObservable(),
		hops$: hops$.asObservable(),
		alerts$: alerts$.asObservable(),
		snapshots(windowMs, intervalMs = 100) {
			return merge(changed$, interval(1000)).pipe(
				auditTime(Math.max(100, intervalMs)),
				map(() => snapshot(windowMs())),
				takeUntil(stop$),
				share(),
			);
		},
		snapshot,
		totals: currentTotals,
		now: () => metrics.now(),
		sources: healthOf,
		metricsView: windowMs => metrics.view(windowMs),
		stageErrors: () => [...stageErrors],
		summary(windowMs) {
			const {late, excluded, forced, tracked, closed, dropped, evictedBeforeNext, otherPairEvents} = hopTracker.stats();
			return {
				...metrics.summary({windowMs, malformed: malformed(), readTwice: totals.readTwice}),
				reorder: {windowMs: config.latency.allowedLatenessMs, late, excluded, forced},
				hopTracking: {
					nodes: flowNodes.mode, typedTopics: flowNodes.typedTopics(), openMs: config.hops.openMs, maxOpen: config.hops.maxOpen,
					open: tracked, closed, dropped, evictedBeforeNextStep: evictedBeforeNext, ...(otherPairEvents > 0 ? {otherPairEvents} : {}),
				},
				alertLateness: alertLatenessSummary(config.alerts.allowedLatenessMs, alertEngine.lateness()),
				correlation: idCoverage.summary(),
				schemaRegistry: schemaRegistry.summary(),
			};
		},
		edges: windowMs => metrics.edgeViews(windowMs),
		edgeNodes: edge => metrics.nodesOf(edge),
		transaction: id => atOnce(engine.transactionSteps(id)),
		* transactionSteps(id) {
			const record = yield * store.transactionSteps(id);
			return record ? yield * transactionViewSteps(record, {slowHopMs: config.latency.slowHopMs, summary: metrics.summary(), aggregates: config, nodeOf: event => flowNodes.nodeOf(event)}) : undefined;
		},
		// Read from the store, not kept in memory: a ring of the newest events held in the heap outlived young
		// collections and was most of what the garbage collector promoted (~670 of ~770 bytes per event).
		recent: afterSeq => store.recent(recentLimit, undefined, afterSeq),
		search: (matches, options) => store.search(matches, options),
		addSink(sink, {first = false} = {}) {
			const later = first ? [...sinks] : [];
			for (const other of later) sinks.delete(other);
			sinks.add(sink);
			for (const other of later) sinks.add(other);
			return () => sinks.delete(sink);
		},
		onQuietTime(listener) {
			quietListeners.add(listener);
			return () => quietListeners.delete(listener);
		},
		noteOutage(sourceIndex, outage) {
			tellOutage(sourceIndex, outage, false);
		},
		noteNews(sourceIndex, text) {
			pushNews(sourceIndex, text, now());
		},
		onRestarted(listener) {
			restartListeners.add(listener);
			return () => restartListeners.delete(listener);
		},
		onOutage(listener) {
			outageListeners.add(listener);
			return () => outageListeners.delete(listener);
		},
		outages: () => unread.outages(),
		raise: report,
		stage<Snapshot>(name: string) {
			return stages.find(stage => stage.name === name)?.snapshot() as Snapshot | undefined;
		},
		runAlerts() {
			return store.alerts().filter(alert => ofThisRun(alert));
		},
		alertTally() {
			return tally.list();
		},
		async atRest(read) {
			if (!ingesting) return read();
			return new Promise((resolve, reject) => {
				atRestReads.push(() => {
					try {
						resolve(read());
					} catch (error) {
						reject(error);
					}
				});
			});
		},
		noteInput() {
			interactiveUntil = performance.now() + inputPause.holdMs;
		},
		async acknowledge(alertId) {
			acknowledged.add(alertId);
			const stored = store.alerts().find(alert => alert.id === alertId);
			if (stored) await store.putAlert({...stored, acknowledged: true});
			changed$.next();
		},
		run() {
			running ??= lastValueFrom(
				merge(...sources.map((source, index) =>
					pulled(source.batches(savedPositions(source), id => store.positions(id), (at, after, upTo) => store.storedBetween(at, after, upTo))).pipe(
						map(({item, ack}) => ({prepared: prepare(index, item), ack})),
						// One failing source (bad credentials, an unreadable file) stops itself, not the others.
						catchError((error: unknown) => {
							failures[index] = error instanceof Error ? error.message : String(error);
							changed$.next();
							void source.close();
							return EMPTY;
						}),
					))).pipe(
					// Acknowledging when a batch starts lets each source read and prepare one batch ahead while this one
					// is stored: at most one prepared batch waits per source, so memory stays bounded.
					concatMap(async ({prepared, ack}) => {
						ack();
						if (performance.now() < interactiveUntil) await delay(inputPause.gapMs);
						ingesting = true;
						try {
							await ingest(prepared);
						} finally {
							ingesting = false;
							for (const read of atRestReads.splice(0)) read();
						}
					}),
					defaultIfEmpty(undefined),
				),
			).then(
				async () => {
					await finish();
					return currentTotals();
				},
				async (error: unknown) => {
					storeError = error instanceof Error ? error.message : String(error);
					changed$.next();
					await Promise.all(sources.map(async source => source.close()));
					throw error;
				},
			).finally(() => {
				clearInterval(lagTimer);
				clearInterval(tickTimer);
			});
			return running;
		},
		async stop() {
			await Promise.all(sources.map(async source => source.close()));
			if (running) await running.catch(() => undefined);
			clearInterval(lagTimer);
			clearInterval(tickTimer);
			for (const stage of stages) stage.close();
			stop$.next();
		},
	};
	return engine;
}
