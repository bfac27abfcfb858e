// Engine stages: per-batch work (built-in or a plugin's) that the one engine runs in the TUI and headless alike.
import type {Config} from '../config.js';
import type {Envelope} from '../envelope.js';
import type {Hop} from '../metrics/types.js';
import type {TransactionView} from '../queries/transaction.js';
import type {Severity} from '../alerts/types.js';

/** One stored batch as stages see it, in store order. */
export type StageBatch = {
	/** The events stored in this batch (redeliveries of a message already left out). */
	readonly events: readonly Envelope[];
	/** Hops the hop stage made final with this batch (event time, past the reordering window). */
	readonly hops: readonly Hop[];
	/** The engine's clock: the largest event time seen so far (ms), so a replay gives what the live run gave. */
	readonly now: number;
};

/**
 * An alert condition a stage reports. It goes through the alert lifecycle of the built-in rules: one open alert per
 * (rule, key), firing at `at`, resolved a window after the last report, acknowledged in the TUI, in `--alerts-out`.
 * A rule named in the configuration (`saga.failed`, `saga.timeout`, …) uses its settings there (enabled, severity,
 * window); any other name uses `severity` and `windowMs` given here.
 */
export type StageAlert = {
	rule: string;
	/** What the alert is about (a saga instance id, an edge): one open alert per rule and key. */
	key: string;
	/** Event time (ms) of the condition. */
	at: number;
	/** One line naming what happened. */
	message: string;
	value?: number;
	threshold?: number;
	/** Transaction ids to link to; defaults to the key. */
	exampleIds?: string[];
	/** For rules not in the configuration: default warning. */
	severity?: Severity;
	/** For rules not in the configuration: how long after its last report the alert resolves; default 60 s. */
	windowMs?: number;
	/** The key names a party (a customer, an IP, a recipient): personal data, masked where outputs mask it. */
	party?: boolean;
};

/** What the engine gives a stage when it creates it. */
export type StageContext = {
	readonly config: Config;
	/** Report an alert condition (see StageAlert). */
	raise(alert: StageAlert): void;
	/** The transaction (every stored event joined by shared ids) of any of its ids, as a timeline. */
	transaction(id: string): TransactionView | undefined;
};

/** A running stage: fed every stored batch in order; its snapshot is what panes and headless commands read. */
export type Stage<Snapshot = unknown> = {
	/** Called once per stored batch, after the built-in stages before it (hops, metrics, alerts). Keep it cheap. */
	onBatch(batch: StageBatch): void;
	/** Called about once a second while the engine runs (live sources idle too): `eventTime` is the engine's clock. */
	onTick?(clock: {eventTime: number; wallTime: number}): void;
	/** End of a finite input at event time `now`: decide what is overdue (a replay ends as the live run would). */
	finish?(now: number): void;
	/** The stage's derived state now; called at most ~10 times a second by views and once by headless commands. */
	snapshot(): Snapshot;
	/** Release what it holds; the engine calls it when it stops. */
	close?(): void;
};

/** A rule a stage may raise, said before it does: its counter starts at 0, so Prometheus' increase() sees its first alert. */
export type StageRule = Pick<StageAlert, 'rule' | 'severity' | 'windowMs'>;

/** A stage as registered: created once per engine with that engine's context. */
export type StageDefinition<Snapshot = unknown> = {
	/** Unique name, e.g. "sagas"; `engine.stage(name)` returns its snapshot. */
	name: string;
	/** The rules it raises (severity and window as it will report them, for rules not in the configuration). */
	rules?: readonly StageRule[];
	create(context: StageContext): Stage<Snapshot>;
};
