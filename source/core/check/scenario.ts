// What a scenario file says once read and checked: scenarios, their publish steps and their expectations.
import type {EventFilter} from '../filter/filter.js';
import type {EventHeaders, RawEvent} from '../envelope.js';

/** How many: any of exactly, at least, at most (all given must hold). */
export type Bound = {exactly?: number; atLeast?: number; atMost?: number};

/** The outcomes a saga stage counts per saga (see saga-figures.ts). */
export const sagaOutcomes = ['instances', 'completed', 'failed', 'compensated', 'timedOut', 'inProgress'] as const;

/** One saga outcome's name. */
export type SagaOutcome = typeof sagaOutcomes[number];

/** Latency quantiles a scenario may bound, in ms. */
export type QuantileBounds = {p50?: number; p95?: number; p99?: number};

/** One expectation, with where the file wrote it and how the report names it. */
export type Expectation = {at: string; label: string} & (
	| {kind: 'count'; match: EventFilter; bound: Bound; perTransaction: boolean}
	| {kind: 'order'; types: string[]}
	| {kind: 'every'; events: EventFilter; match: EventFilter}
	| {kind: 'never'; match: EventFilter}
	| {kind: 'transaction-latency'; maxMs: number}
	| {kind: 'edge-latency'; edge: string; bounds: QuantileBounds}
	| {kind: 'delivery-latency'; topic?: string; bounds: QuantileBounds}
	| {kind: 'alert'; rule: string; key?: string; fires: boolean}
	| {kind: 'saga'; saga: string; outcomes: Partial<Record<SagaOutcome, Bound>>}
);

/**
 * One event a scenario publishes; strings in `value`, `key` and `headers` may hold `{{run}}`, `{{now}}`, `{{nowMs}}`.
 * The encodings are a publish file line's (recording-format.md): base64 keys, headers and values are sent as bytes,
 * a key or value in the Schema Registry wire format (its schema id beside it) in that format again.
 * `valueText` is the value's JSON text as a publish file line writes it, sent as it is (placeholders filled).
 */
export type PublishEvent = {topic: string; key?: string; value: unknown; valueText?: string; headers?: EventHeaders; afterMs: number} & Pick<RawEvent, 'keyEncoding' | 'headersEncoding' | 'valueEncoding' | 'schemaId' | 'keySchemaId'>;

/** Events a scenario publishes before it watches. */
export type PublishStep = {
	/** kafka:// or redis:// URL; absent: the command's --publish, else its first live --source. */
	to?: string;
	events: PublishEvent[];
};

/** One scenario. */
export type Scenario = {
	name: string;
	at: string;
	/** How long to watch live sources after publishing (a recording is read to its end). */
	withinMs: number;
	/** Only transactions with at least one event matching this filter. */
	transactions?: EventFilter;
	/** Only what the scenario published (its transactions): the default when it publishes. */
	publishedOnly: boolean;
	/** Only events (and transactions starting) between these offsets from the first event time of the run. */
	during?: {fromMs: number; toMs: number};
	publish?: PublishStep;
	expect: Expectation[];
};
