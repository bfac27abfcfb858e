// The configuration: every field list, threshold and window of event-model.md, declared once with what it accepts
// and its default. The Config type, `defaultConfig` and the check of a configuration file (config-file.ts) all come
// from this declaration; each alert rule declares its own settings in its file (alerts/rules.ts gathers them).
import * as v from 'valibot';
import {alertRulesSettings} from './alerts/rules.js';
import {
	anyMapping, containerList, crossChecked, durationOrZero, duration, fieldList, map, namePatternList, oneOf, pathList, pattern, positiveInteger, section, stateList, stateName,
} from './config-schema.js';
import {machineProblems} from './state/machine-check.js';
import {nodeModes} from './metrics/flow-nodes.js';

/** Built-in machines: the claims lifecycle (both its short and its expertise vocabularies), the checkout saga, the e-commerce order. */
const machines = {
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

/** A list of field names with its default. */
const fields = (names: string[]) => v.optional(fieldList, names);

/** Field names the normalizer looks up (top level of value, then the containers, then headers). */
const fieldSettings = section({
	/**
	 * Nested objects searched after the top level, in order: a name, a dotted path, or `|` alternatives of which the
	 * first holding an object is searched (a Debezium change's row: `after`, else `before` for a delete; bare, or in
	 * the JSON converter's `payload`).
	 */
	containers: v.optional(containerList, ['data', 'payload', 'metadata', 'after|before', 'payload.after|payload.before']),
	type: fields(['eventType', 'event_type', 'type', 'name', '@type']),
	/** Header names consulted for the type when no value field has one (ce_*: a CloudEvent in Kafka's binary mode). */
	typeHeaders: fields(['event-type', 'type', 'ce_type']),
	time: fields(['timestamp', 'occurredAt', 'occurred_at', 'createdAt', 'created_at', 'time', 'ts', 'eventTime', 'ce_time', 'ts_ms']),
	ids: fields([
		'correlation_id', 'correlationId', 'trace_id', 'traceId', 'order_id', 'orderId',
		'checkout_id', 'checkoutId', 'booking_id', 'bookingId', 'aggregate_id', 'aggregateId',
		'claim_id', 'claimId', 'transaction_id', 'transactionId', 'shipment_id', 'shipmentId',
		'colisId', 'payment_id', 'paymentId',
	]),
	status: fields(['status', 'state', 'outcome', 'result']),
	/** Status field values (case-insensitive) that mean `error`. */
	errorValues: fields(['error', 'failed', 'failure', 'declined', 'rejected', 'timeout', 'timed_out']),
	/** Type suffixes that mean `error`. */
	errorTypeSuffixes: fields(['Failed', 'Failure', 'Error', 'Rejected', 'Declined', 'TimedOut', 'Timeout']),
	/** Status field values (case-insensitive) that mean `blocked`. */
	blockedValues: fields(['blocked']),
	/** Type suffixes that mean `blocked`. */
	blockedTypeSuffixes: fields(['Blocked']),
	eventId: fields(['event_id', 'eventId', 'messageId', 'message_id', 'ce_id']),
	customer: fields(customer),
	recipient: fields([...customer, 'recipient']),
	ip: fields(['ip', 'ipAddress', 'ip_address', 'sourceIp', 'clientIp']),
	/**
	 * Personal fields of your own besides the built-in names and the customer, recipient and IP fields, masked by
	 * `audit query` and `state --id` (without --show-pii): names or regular expressions (case-insensitive) matching
	 * a member's whole name at any depth (`msisdn`, `tax_?code`, `.*fullname`).
	 */
	personal: v.optional(namePatternList, []),
	amount: fields(['amount', 'totalAmount', 'total']),
});

/**
 * A state machine as data (event-model.md "Aggregates and state"): which event type puts an aggregate in which state,
 * and the moves allowed; every state it names must be one an event enters (state/machine-check.ts).
 */
const machineSettings = crossChecked(section({
	/** Event type → the state it puts the aggregate in; other types leave the state as it is. */
	events: map(stateName),
	/** States an aggregate may start in. */
	initial: stateList,
	/** State → the states it may move to; any other move breaks the machine. */
	transitions: map(stateList),
	/** States after which no event may come. */
	final: stateList,
}), machineProblems);

/** What a configuration file may say, every key with its default (config-file.ts checks files with it). */
export const configSchema = section({
	fields: v.optional(fieldSettings, {}),
	transactions: v.optional(section({
		/** A transaction that would grow past this many events stops absorbing others and is flagged. */
		maxEvents: v.optional(positiveInteger, 10_000),
	}), {}),
	latency: v.optional(section({
		/** Hops are final once the watermark (max event time − this) passes the later event. */
		allowedLatenessMs: v.optional(durationOrZero, 5000),
		/** A hop above this is marked slow in timelines. */
		slowHopMs: v.optional(duration, 100),
	}), {}),
	hops: v.optional(section({
		/** Flow nodes: topics, event types, or auto (types on a stream that carries a transaction's steps). */
		nodes: v.optional(oneOf(nodeModes), 'auto'),
		/** How long a transaction stays open for hop matching after its newest event, in event time. */
		openMs: v.optional(duration, 7 * 86_400_000),
		/** Most transactions open for hop matching at once; beyond it the oldest-created is evicted (counted). */
		maxOpen: v.optional(positiveInteger, 200_000),
	}), {}),
	duplicates: v.optional(section({
		windowMs: v.optional(duration, 10 * 60_000),
		/** Most event ids remembered at once; the oldest are forgotten first. */
		maxTracked: v.optional(positiveInteger, 1_000_000),
	}), {}),
	recording: v.optional(section({maxLineBytes: v.optional(positiveInteger, 16 * 1024 * 1024)}), {}),
	store: v.optional(section({
		retention: v.optional(section({
			/** Events kept; the oldest go first. */
			maxEvents: v.optional(positiveInteger, 50_000_000),
			/** Events received longer than this before the newest one are deleted. */
			maxAgeMs: v.optional(duration, 7 * 24 * 3600_000),
			/** Bound on the store's file (data.mdb) on disk: pages in use are kept ~10 % and 4 MB under it (store/retention.ts). */
			maxBytes: v.optional(positiveInteger, 5 * 1024 ** 3),
		}), {}),
		/**
		 * Value fields (dotted paths, found like every field) kept per event in the store's group columns, so that
		 * `query --group-by` / `--sum` and `:group` on them read no JSON; envelope fields (topic, type, status,
		 * source, key) always are.
		 */
		columns: v.optional(fieldList, []),
	}), {}),
	/** Alert rules and what they count as payments and notifications. */
	alerts: v.optional(section({
		/** Regular expression (case-insensitive) on topic or type that makes an event a payment. */
		paymentPattern: v.optional(pattern, 'payment|transaction'),
		/** Regular expression (case-insensitive) on topic or type that makes an event a notification. */
		notificationPattern: v.optional(pattern, 'notification'),
		/** Most example transaction ids one alert links to. */
		maxExamples: v.optional(positiveInteger, 5),
		/** How far behind the newest event time an event may come and still count in the windows of its own time. */
		allowedLatenessMs: v.optional(durationOrZero, 5 * 60_000),
		/** Every alert rule with its settings (event-model.md "Default alert rules"). */
		rules: v.optional(alertRulesSettings, {}),
	}), {}),
	/** Plugin modules to load besides the bundled ones (paths relative to the configuration file). */
	plugins: v.optional(pathList, []),
	/** Each plugin's own settings, by plugin name (what it reads is its own business, see its README section). */
	pluginOptions: v.optional(map(anyMapping), {}),
	/** Event-sourced aggregates: how an event names its aggregate, and the machines that derive its state. */
	state: v.optional(section({
		/** Fields naming an event's aggregate; events with none of them are grouped by their joined transaction. */
		aggregateIdFields: fields(['aggregate_id', 'aggregateId', 'streamId', 'stream_id']),
		/** Machines by name; an aggregate follows the first whose initial states its first known event type enters. */
		machines: v.optional(map(machineSettings), machines),
	}), {}),
});

/** The whole effective configuration. */
export type Config = v.InferOutput<typeof configSchema>;
/** Field names the normalizer looks up. */
export type FieldConfig = Config['fields'];
/** Alert rules and what they count as payments and notifications. */
export type AlertsConfig = Config['alerts'];
/** Every alert rule with its settings. */
export type AlertRulesConfig = AlertsConfig['rules'];
/** Settings every alert rule has. */
export type RuleSettings = AlertRulesConfig['saga.failed'];
/** Event-sourced aggregates and their machines. */
export type StateConfig = Config['state'];
/** One state machine as data. */
export type StateMachineConfig = StateConfig['machines'][string];

/** The defaults the product ships with (event-model.md): the schema applied to an empty file. */
export const defaultConfig: Config = v.parse(configSchema, {});
