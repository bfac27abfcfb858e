// Effective configuration: every field list, threshold and window of event-model.md, with its default.
import type {Severity} from './alerts/types.js';
import type {NodeMode} from './metrics/flow-nodes.js';

/** Field names the normalizer looks up (top level of value, then data/payload/metadata, then headers). */
export type FieldConfig = {
	/** Nested objects searched after the top level, in order. */
	containers: string[];
	type: string[];
	/** Header names consulted for the type when no value field has one. */
	typeHeaders: string[];
	time: string[];
	ids: string[];
	status: string[];
	/** Status field values (case-insensitive) that mean `error`. */
	errorValues: string[];
	/** Type suffixes that mean `error`. */
	errorTypeSuffixes: string[];
	/** Status field values (case-insensitive) that mean `blocked`. */
	blockedValues: string[];
	/** Type suffixes that mean `blocked`. */
	blockedTypeSuffixes: string[];
	eventId: string[];
	customer: string[];
	recipient: string[];
	ip: string[];
	amount: string[];
};

/** Settings every alert rule has. */
export type RuleSettings = {
	enabled: boolean;
	severity: Severity;
	/** The rule's sliding window; also how long its condition must stay false before an alert resolves. */
	windowMs: number;
};

/** A rule that compares a value with a threshold and keeps state for at most `maxKeys` keys at once. */
export type ThresholdRuleSettings = RuleSettings & {
	threshold: number;
	/** Keys tracked at once; past it the least recently seen key is dropped (and counted). */
	maxKeys: number;
};

/** Per-topic changes to a topic-keyed rule (`slo.latency` also matches an edge name "A->B"). */
export type TopicOverride<Extra extends string> = Partial<Record<'threshold' | Extra, number> & {enabled: boolean}>;

/** Every alert rule with its settings (event-model.md "Default alert rules"). */
export type AlertRulesConfig = {
	/** More than `threshold` payment events for one customer within the window. */
	'fraud.velocity': ThresholdRuleSettings;
	/** `threshold` or more blocked payment events from one source IP within the window. */
	'fraud.blocked-source': ThresholdRuleSettings;
	/** One payment with an amount of at least `threshold`; resolves after a window without another. */
	'fraud.amount': RuleSettings & {threshold: number};
	/** More than `threshold` notifications for one recipient within the window. */
	'rate-limit': ThresholdRuleSettings;
	/** The `quantile` of hop latency on an edge above `threshold` ms over the window, with at least `minHops` hops. */
	'slo.latency': ThresholdRuleSettings & {quantile: number; minHops: number; topics: Record<string, TopicOverride<'minHops'>>};
	/** More than `threshold` (a fraction) `error` events on a topic over the window, with at least `minEvents`. */
	'error-rate': ThresholdRuleSettings & {minEvents: number; topics: Record<string, TopicOverride<'minEvents'>>};
	/** `threshold` or more redeliveries (same event id on the same topic) within the window. */
	duplicate: ThresholdRuleSettings;
	/** A topic that averaged at least `minRate` events/s over the window receives nothing for `threshold` ms. */
	silence: ThresholdRuleSettings & {minRate: number; topics: Record<string, TopicOverride<'minRate'>>};
	/** Consumer-group lag (Kafka) or pending entries (Redis) above `threshold`, live sources only. */
	lag: ThresholdRuleSettings;
	/** Raised by saga plugins when a saga instance fails. */
	'saga.failed': RuleSettings;
	/** Raised by saga plugins when a saga instance does not complete in time. */
	'saga.timeout': RuleSettings;
};

/** Alert rules and what they count as payments and notifications. */
export type AlertsConfig = {
	/** Regular expression (case-insensitive) on topic or type that makes an event a payment. */
	paymentPattern: string;
	/** Regular expression (case-insensitive) on topic or type that makes an event a notification. */
	notificationPattern: string;
	/** Most example transaction ids one alert links to. */
	maxExamples: number;
	rules: AlertRulesConfig;
};

/** A state machine as data (event-model.md "Aggregates and state"): which event type puts an aggregate in which state, and the moves allowed. */
export type StateMachineConfig = {
	/** Event type → the state it puts the aggregate in; other types leave the state as it is. */
	events: Record<string, string>;
	/** States an aggregate may start in. */
	initial: string[];
	/** State → the states it may move to; any other move breaks the machine. */
	transitions: Record<string, string[]>;
	/** States after which no event may come. */
	final: string[];
};

/** Event-sourced aggregates: how an event names its aggregate, and the machines that derive its state. */
export type StateConfig = {
	/** Fields naming an event's aggregate; events with none of them are grouped by their joined transaction. */
	aggregateIdFields: string[];
	/** Machines by name; an aggregate follows the first whose initial states its first known event type enters. */
	machines: Record<string, StateMachineConfig>;
};

/** The whole effective configuration. */
export type Config = {
	fields: FieldConfig;
	transactions: {
		/** A transaction that would grow past this many events stops absorbing others and is flagged. */
		maxEvents: number;
	};
	latency: {
		/** Hops are final once the watermark (max event time − this) passes the later event. */
		allowedLatenessMs: number;
		/** A hop above this is marked slow in timelines. */
		slowHopMs: number;
	};
	hops: {
		/** Flow nodes: topics, event types, or auto (types on a stream that carries a transaction's steps). */
		nodes: NodeMode;
		/** How long a transaction stays open for hop matching after its newest event, in event time. */
		openMs: number;
		/** Most transactions open for hop matching at once; beyond it the oldest-created is evicted (counted). */
		maxOpen: number;
	};
	duplicates: {
		windowMs: number;
		/** Most event ids remembered at once; the oldest are forgotten first. */
		maxTracked: number;
	};
	recording: {
		maxLineBytes: number;
	};
	store: {
		retention: {
			/** Events kept; the oldest go first. */
			maxEvents: number;
			/** Events received longer than this before the newest one are deleted. */
			maxAgeMs: number;
			/** Bound on the store's file (data.mdb) on disk: pages in use are kept ~10 % and 4 MB under it (store/retention.ts). */
			maxBytes: number;
		};
	};
	alerts: AlertsConfig;
	/** Plugin modules to load besides the bundled ones (paths relative to the configuration file). */
	plugins: string[];
	/** Each plugin's own settings, by plugin name (what it reads is its own business, see its README section). */
	pluginOptions: Record<string, Record<string, unknown>>;
	state: StateConfig;
};

const second = 1000;
const minute = 60 * second;

/** Settings of a rule kept per customer, IP or recipient. */
const perParty = (severity: Severity, windowMs: number, threshold: number): ThresholdRuleSettings =>
	({enabled: true, severity, windowMs, threshold, maxKeys: 100_000});

/** Built-in machines: the claims lifecycle (both its short and its expertise vocabularies), the checkout saga, the e-commerce order. */
const machines: Record<string, StateMachineConfig> = {
	claims: {
		events: {
			ReclamationCreee: 'Creee', ReclamationAffectee: 'Affectee', ReclamationEnCours: 'EnCours', ReclamationResolue: 'Resolue',
			ReclamationCloturee: 'Cloturee', ReclamationRejetee: 'Rejetee', PiecesJustificativesRecues: 'PiecesRecues',
			ExpertiseDemandee: 'ExpertiseDemandee', ExpertiseRealisee: 'ExpertiseRealisee', ReclamationValidee: 'Validee',
			IndemnisationEchouee: 'IndemnisationEchouee', IndemnisationVersee: 'Indemnisee',
		},
		initial: ['Creee'],
		transitions: {
			Creee: ['Affectee', 'PiecesRecues', 'Rejetee'], Affectee: ['EnCours', 'Rejetee'], EnCours: ['Resolue', 'Rejetee'],
			Resolue: ['Cloturee'], Rejetee: ['Cloturee'], PiecesRecues: ['ExpertiseDemandee'], ExpertiseDemandee: ['ExpertiseRealisee'],
			ExpertiseRealisee: ['Validee', 'Rejetee'], Validee: ['Indemnisee', 'IndemnisationEchouee'],
			IndemnisationEchouee: ['Indemnisee'], Indemnisee: ['Cloturee'],
		},
		final: ['Cloturee'],
	},
	checkout: {
		events: {
			CheckoutStarted: 'Started', OrderCreated: 'OrderCreated', PaymentAuthorized: 'PaymentAuthorized', PaymentFailed: 'PaymentFailed',
			InventoryReserved: 'InventoryReserved', InventoryReservationFailed: 'InventoryFailed', PaymentRefunded: 'Refunded',
			CheckoutCompleted: 'Completed', OrderCancelled: 'Cancelled',
		},
		initial: ['Started'],
		transitions: {
			Started: ['OrderCreated', 'Cancelled'], OrderCreated: ['PaymentAuthorized', 'PaymentFailed', 'Cancelled'],
			PaymentAuthorized: ['InventoryReserved', 'InventoryFailed'], PaymentFailed: ['Cancelled'], InventoryReserved: ['Completed'],
			InventoryFailed: ['Refunded', 'Cancelled'], Refunded: ['Cancelled'],
		},
		final: ['Completed', 'Cancelled'],
	},
	order: {
		events: {
			OrderCreated: 'Created', PaymentAuthorized: 'Paid', PaymentFailed: 'PaymentFailed', PaymentDeclined: 'PaymentFailed',
			PaymentBlocked: 'PaymentFailed', InventoryReserved: 'Reserved', OutOfStock: 'OutOfStock', PaymentRefunded: 'Refunded',
			ShipmentCreated: 'Shipped', ShipmentDelayed: 'Delayed', OrderCompleted: 'Completed', OrderCancelled: 'Cancelled',
		},
		initial: ['Created'],
		transitions: {
			Created: ['Paid', 'PaymentFailed', 'Cancelled'], Paid: ['Reserved', 'OutOfStock', 'Cancelled'], PaymentFailed: ['Cancelled'],
			Reserved: ['Shipped'], OutOfStock: ['Refunded', 'Cancelled'], Refunded: ['Cancelled'], Shipped: ['Delayed', 'Completed'],
			Delayed: ['Completed'],
		},
		final: ['Completed', 'Cancelled'],
	},
};

const customer = ['customerId', 'customer_id', 'userId', 'user_id', 'accountId', 'cardId'];

/** The defaults the product ships with (event-model.md). */
export const defaultConfig: Config = {
	fields: {
		containers: ['data', 'payload', 'metadata'],
		type: ['eventType', 'event_type', 'type', 'name', '@type'],
		typeHeaders: ['event-type', 'type'],
		time: ['timestamp', 'occurredAt', 'occurred_at', 'createdAt', 'created_at', 'time', 'ts', 'eventTime'],
		ids: [
			'correlation_id', 'correlationId', 'trace_id', 'traceId', 'order_id', 'orderId',
			'checkout_id', 'checkoutId', 'booking_id', 'bookingId', 'aggregate_id', 'aggregateId',
			'claim_id', 'claimId', 'transaction_id', 'transactionId', 'shipment_id', 'shipmentId',
			'colisId', 'payment_id', 'paymentId',
		],
		status: ['status', 'state', 'outcome', 'result'],
		errorValues: ['error', 'failed', 'failure', 'declined', 'rejected', 'timeout', 'timed_out'],
		errorTypeSuffixes: ['Failed', 'Failure', 'Error', 'Rejected', 'Declined', 'TimedOut', 'Timeout'],
		blockedValues: ['blocked'],
		blockedTypeSuffixes: ['Blocked'],
		eventId: ['event_id', 'eventId', 'messageId', 'message_id'],
		customer,
		recipient: [...customer, 'recipient'],
		ip: ['ip', 'ipAddress', 'ip_address', 'sourceIp', 'clientIp'],
		amount: ['amount', 'totalAmount', 'total'],
	},
	transactions: {maxEvents: 10_000},
	latency: {allowedLatenessMs: 5000, slowHopMs: 100},
	hops: {nodes: 'auto', openMs: 7 * 86_400_000, maxOpen: 200_000},
	duplicates: {windowMs: 10 * 60_000, maxTracked: 1_000_000},
	recording: {maxLineBytes: 16 * 1024 * 1024},
	store: {
		retention: {
			maxEvents: 50_000_000,
			maxAgeMs: 7 * 24 * 3600_000,
			maxBytes: 5 * 1024 ** 3,
		},
	},
	alerts: {
		paymentPattern: 'payment|transaction',
		notificationPattern: 'notification',
		maxExamples: 5,
		rules: {
			'fraud.velocity': perParty('critical', minute, 5),
			'fraud.blocked-source': perParty('critical', 5 * minute, 10),
			'fraud.amount': {enabled: true, severity: 'critical', windowMs: minute, threshold: 10_000},
			'rate-limit': perParty('warning', 60 * minute, 10),
			'slo.latency': {enabled: true, severity: 'warning', windowMs: 5 * minute, threshold: 1000, quantile: 0.99, minHops: 20, maxKeys: 500, topics: {}},
			'error-rate': {enabled: true, severity: 'warning', windowMs: minute, threshold: 0.05, minEvents: 20, maxKeys: 10_000, topics: {}},
			duplicate: {enabled: true, severity: 'info', windowMs: 10 * minute, threshold: 1, maxKeys: 10_000},
			silence: {enabled: true, severity: 'warning', windowMs: 5 * minute, threshold: 30 * second, minRate: 1, maxKeys: 10_000, topics: {}},
			lag: {enabled: true, severity: 'warning', windowMs: minute, threshold: 10_000, maxKeys: 10_000},
			'saga.failed': {enabled: true, severity: 'critical', windowMs: 5 * minute},
			'saga.timeout': {enabled: true, severity: 'warning', windowMs: 5 * minute},
		},
	},
	plugins: [],
	pluginOptions: {},
	state: {aggregateIdFields: ['aggregate_id', 'aggregateId', 'streamId', 'stream_id'], machines},
};
