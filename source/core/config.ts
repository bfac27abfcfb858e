// Effective configuration: every field list, threshold and window of event-model.md, with its default.

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
			maxEvents: number;
			maxAgeMs: number;
			maxBytes: number;
		};
	};
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
	duplicates: {windowMs: 10 * 60_000, maxTracked: 1_000_000},
	recording: {maxLineBytes: 16 * 1024 * 1024},
	store: {
		retention: {
			maxEvents: 50_000_000,
			maxAgeMs: 7 * 24 * 3600_000,
			maxBytes: 5 * 1024 ** 3,
		},
	},
};
