// The normalized event: the one shape every part of the program sees (event-model.md).

/** Outcome of an event as read from its status fields or its type. */
export type EventStatus = 'ok' | 'error' | 'blocked';

/** How `value` holds the message bytes (recording-format.md). */
export type ValueEncoding = 'json' | 'text' | 'base64';

/** A message as a source delivers it, before normalization. */
export type RawEvent = {
	/** Kind of source: 'kafka', 'redis', 'recording', 'demo', … */
	source: string;
	/** Kafka topic or Redis stream key; absent for bare payload lines. */
	topic?: string;
	partition?: number;
	/** Kafka offset (decimal string) or Redis entry id. */
	offset?: string;
	key?: string | undefined;
	headers?: Record<string, string>;
	value: unknown;
	valueEncoding?: ValueEncoding;
	/** Transport timestamp in ms (Kafka message time, Redis entry-id time, recording `timestamp`). */
	timestamp?: number;
	/** When it reached us in ms: wall clock live, `recordedAt` on replay; absent when a recording lacks it. */
	receivedAt?: number;
};

/** A normalized event (event-model.md "Normalized event"). */
export type Envelope = {
	source: string;
	topic?: string;
	partition?: number;
	offset?: string;
	key: string | undefined;
	headers: Record<string, string>;
	value: unknown;
	valueEncoding: ValueEncoding;
	/** Event time in ms; undefined when missing or unparseable (then it takes no part in latency). */
	timestamp?: number;
	/** Arrival time in ms; when the input did not say, the event time, else the wall clock at reading. */
	receivedAt: number;
	/** receivedAt − timestamp when both were known (negative = clock skew); absent otherwise. */
	deliveryMs?: number;
	type: string;
	/** Every correlation id found, deduplicated, in field-list order. */
	ids: string[];
	status: EventStatus;
	/** Identity used for duplicate detection: an event-id field, else a hash of topic + value. */
	eventId: string;
	/** Store sequence number; 0 until stored. */
	seq: number;
	/** A redelivery of an event id already seen on this topic within the duplicate window. */
	duplicate: boolean;
	/** Transaction the store filed it under; 0 when it carries no id. */
	txId: number;
};
