// The batch as it moves through the engine's stages: what plugins see, plus what only the core's stages need.
import type {Envelope} from '../envelope.js';
import type {Hop} from '../metrics/types.js';
import type {AlertTransition} from '../alerts/engine.js';
import type {PutResult} from '../store/types.js';

/** One batch on its way through the stages; each stage reads what earlier ones wrote (hops, transitions). */
export type CoreBatch = {
	events: readonly Envelope[];
	/** Transactions the store joined with this batch (root slots), for the hop tracker. */
	merges: PutResult['merges'];
	/** Filled by the hop stage: hops made final by this batch. */
	hops: Hop[];
	/** Filled by the alert stage and by stages' reports: alert transitions to publish once the batch is stored. */
	transitions: AlertTransition[];
	/** The engine's clock, the largest event time seen so far; the alert stage (which reads every event's time) moves it. */
	now: number;
	/** More of the same read follows at once (SourceBatch.more): the hop stage moves its watermark after the last part. */
	more: boolean;
	/** Quiet time (a batch of no events): event time ran on to `time` with nothing arriving at wall clock `wall`. */
	quiet?: {time: number; wall: number};
};

/** A stage as the engine runs it: built-in ones and plugins' (wrapped) alike. */
export type CoreStage = {
	readonly name: string;
	onBatch(batch: CoreBatch): void;
	/** End of a finite input: the last hops, alerts resolved, overdue work decided (`batch` holds no events). */
	finish(batch: CoreBatch): void;
	onTick(clock: {eventTime: number; wallTime: number}): void;
	snapshot(): unknown;
	close(): void;
};
