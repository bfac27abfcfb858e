// The normalized event: the one shape every part of the program sees (event-model.md).
import {boundaryType, changedRow, changeTransactionId, changeType, commitTime, rowCorrelationId, rowIdColumn, tombstoneType, topicTable} from './change-event.js';
import type {FieldConfig} from './config.js';
import {exactInteger, isInexactInteger} from './exact-integer.js';
import {containerPaths, findField, isRecord, isSimpleContainer, memberObject, numericValue, objectAt, scalarText} from './fields.js';
import {simpleIsoUtcMs} from './iso-time.js';
import {isPlaceholderId} from './placeholder-id.js';
import {deepValueText, jsonObjectIn} from './value-text.js';

/** Outcome of an event as read from its status fields or its type. */
export type EventStatus = 'ok' | 'error' | 'blocked';

/**
 * How `value` holds the message bytes (recording-format.md). `json-deep`: JSON nesting deeper than maxValueDepth,
 * held as its original text (a string) so that nothing walks it; a recording gets that text as JSON again.
 * `json-string`: the message was a JSON string holding a JSON object or array (encoded twice); `value` is that
 * object or array, `valueText` the string as sent, and a recording gets the string again.
 * `schema-registry-json`: JSON in the Schema Registry wire format (`schemaId` says which schema); `value` is that
 * JSON, `valueText` the payload after the frame. `schema-registry-base64`: a framed value not decoded (Avro,
 * Protobuf), base64 of every byte. A recording gets the framed bytes again (schema-registry-frame.ts).
 */
export type ValueEncoding = 'json' | 'text' | 'base64' | 'json-deep' | 'json-string' | 'schema-registry-json' | 'schema-registry-base64';

/** How a key holds the message's key bytes (RawEvent.keyEncoding); absent: their UTF-8 text. */
export type KeyEncoding = 'base64' | 'schema-registry-json' | 'schema-registry-base64';

/**
 * The JSON text a value was parsed from: the whole text, or its `value` member (a recording's envelope line). The
 * store keeps this text instead of encoding the value again.
 */
export type ValueText = {text: string; member?: 'value'};

/** One header value: its text, or null for a header the message carries without a value (a Kafka null header). */
export type HeaderValue = string | null;

/** Message headers: a header repeated in one message keeps each of its values, in order. */
export type EventHeaders = Record<string, HeaderValue | HeaderValue[]>;

/** A message as a source delivers it, before normalization. */
export type RawEvent = {
	/** Kind of source: 'kafka', 'redis', 'recording', 'demo', … */
	source: string;
	/** Kafka topic or Redis stream key; absent for bare payload lines. */
	topic?: string;
	partition?: number;
	/** Kafka offset (decimal string) or Redis entry id. */
	offset?: string;
	/**
	 * The server a live message came from (a Kafka cluster's brokers, a Redis `host:port/db`): two of one kind can
	 * hold the same topic, partition and offset, and those are two messages, not one read twice.
	 */
	origin?: string;
	key?: string | undefined;
	/**
	 * `base64` when the key's bytes are not UTF-8 (the key is then their base64); a key in the Schema Registry wire
	 * format: `schema-registry-json` (the key is the JSON it carries: a string's text, other JSON its text) or
	 * `schema-registry-base64` (not decoded: base64 of all its bytes), `keySchemaId` its schema id.
	 */
	keyEncoding?: KeyEncoding;
	keySchemaId?: number;
	headers?: EventHeaders;
	/** Names of headers whose values are base64 because their bytes are not UTF-8. */
	headersEncoding?: Record<string, 'base64'>;
	value: unknown;
	valueEncoding?: ValueEncoding;
	/** Where `value` came from, when it was parsed from JSON text. */
	valueText?: ValueText;
	/** The Schema Registry schema id of a value sent in its wire format (valueEncoding `schema-registry-…`). */
	schemaId?: number;
	/** Transport timestamp in ms (Kafka message time, Redis entry-id time, recording `timestamp`): the event time only when the payload has none. */
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
	/** See RawEvent.origin. */
	origin?: string;
	key: string | undefined;
	keyEncoding?: KeyEncoding;
	/** See RawEvent.keyEncoding. */
	keySchemaId?: number;
	headers: EventHeaders;
	headersEncoding?: Record<string, 'base64'>;
	value: unknown;
	valueEncoding: ValueEncoding;
	/** Where `value` came from, when it was parsed from JSON text. */
	valueText?: ValueText;
	/** See RawEvent.schemaId. */
	schemaId?: number;
	/** Event time in ms; undefined when missing or unparseable (then it takes no part in latency). */
	timestamp?: number;
	/** Arrival time in ms; when the input did not say, the event time, else the time the normalizer is given (engine.ts: the input's clock). */
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
	/**
	 * The same event id was read on another topic within the duplicate window (one event on a per-type stream and
	 * on `events:all`): stored and counted on its topic, but neither a step of its own in hops nor counted twice by
	 * the fraud and rate-limit rules. Known while ingesting only (not stored).
	 */
	copy?: boolean;
	/** Transaction the store filed it under; 0 when it carries no id. */
	txId: number;
};

const emptyHeaders: EventHeaders = Object.freeze({}) as EventHeaders;

/** Node of an event in flow graphs and hops: its topic, or its type when it has no topic. */
export function nodeOf(env: Envelope): string {
	return env.topic || env.type;
}

/** An event's node as messages name it: `topic orders`, or `type OrderCreated` for an event without a topic. */
export function nodeNamed(env: Envelope): string {
	return env.topic ? `topic ${env.topic}` : `type ${env.type}`;
}

/** Whether text[from..] contains a time-zone designator (Z or a ±offset). */
function hasZone(text: string, from: number): boolean {
	for (let i = from; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code === 90 || code === 122 || code === 43 || code === 45) return true;
	}

	return false;
}

/** Whether `count` ASCII digits start at `from`. */
function digitsAt(text: string, from: number, count: number): boolean {
	for (let i = from; i < from + count; i++) {
		const code = text.charCodeAt(i);
		if (code < 48 || code > 57) return false;
	}

	return true;
}

/**
 * The length of the date an ISO-8601 text starts with (YYYY-MM-DD, or ±YYYYYY-MM-DD: the expanded year that
 * toISOString writes, and so record, for a time after the year 9999), or 0 when it does not start like one.
 */
function isoDateLength(text: string): number {
	if (digitsAt(text, 0, 4) && text.charCodeAt(4) === 45) return 10;
	const sign = text.charCodeAt(0);
	return (sign === 43 || sign === 45) && digitsAt(text, 1, 6) && text.charCodeAt(7) === 45 ? 13 : 0;
}

/** The latest time a Date holds (year 275760): beyond it no number is a time, and millisecond arithmetic stays exact. */
export const latestMs = 8.64e15;

/**
 * Epoch ms from a number, by its size: seconds below 10^11, milliseconds below 10^14, microseconds below 10^17, else
 * nanoseconds (Go's UnixNano, OpenTelemetry); zero, negatives and times past the year 275760 are not times.
 */
function epochMs(value: number): number | undefined {
	if (!Number.isFinite(value) || value <= 0) return undefined;
	// Nanoseconds to the microsecond (a double that large is exact to 256 ns anyway), so whole milliseconds stay whole.
	const ms = value < 1e11 ? Math.round(value * 1000) : (value < 1e14 ? value : (value < 1e17 ? value / 1e3 : Math.round(value / 1e3) / 1e3));
	return ms <= latestMs ? ms : undefined;
}

/**
 * Epoch ms from an ISO-8601 string, or a number or numeric string of epoch seconds, milliseconds, microseconds or
 * nanoseconds (epochMs); else undefined, as for a time at or before the epoch. Any time, as a flag's bound may be.
 */
export function parseTimeMs(value: unknown): number | undefined {
	if (typeof value === 'number') return epochMs(value);
	if (typeof value !== 'string') return undefined;
	// Nearly every event's time: read directly (four digits and a dash are never a number).
	const simple = simpleIsoUtcMs(value);
	if (simple !== undefined) return simple > 0 ? simple : undefined;
	const numeric = numericValue(value);
	if (numeric !== undefined) return epochMs(numeric);
	// Only ISO forms: Date.parse reads "Event 12" as a date in 2001.
	const dateLength = isoDateLength(value);
	if (dateLength === 0) return undefined;
	// A date-time without a zone is UTC here (Python's utcnow().isoformat()), not the reader's local time.
	const parsed = Date.parse(value.length > dateLength && !hasZone(value, dateLength + 1) ? `${value}Z` : value);
	// As for numbers, the epoch and before is no time: it is an unset one (Go's zero time 0001-01-01T00:00:00Z,
	// .NET's DateTime.MinValue, new Date(0)), 56 years or two thousand before the event.
	return Number.isNaN(parsed) || parsed <= 0 ? undefined : parsed;
}

/**
 * The earliest event time, 2000-01-01T00:00:00Z. A time before it, in whatever unit a number's size gives (17 is 17 s
 * after the epoch), is a duration or a counter in a time field or an unset time, not an event of a running system.
 */
const earliestEventMs = 946_684_800_000;

/** Event time in epoch ms (parseTimeMs) from 2000-01-01 on; else undefined, as for text that is no time. */
export function parseEventTime(value: unknown): number | undefined {
	const ms = parseTimeMs(value);
	return ms !== undefined && ms >= earliestEventMs ? ms : undefined;
}

/** A raw event's broker time, already in epoch ms (RawEvent.timestamp): read as it is, not by size again; undefined when not an event time (parseEventTime). */
export function brokerTime(raw: RawEvent): number | undefined {
	const ms = raw.timestamp;
	return ms !== undefined && ms >= earliestEventMs && ms <= latestMs ? ms : undefined;
}

/** The JSON object or array a raw event's value holds when it was sent as a JSON string of it (encoded twice). */
function encodedValue(raw: RawEvent): object | undefined {
	return typeof raw.value === 'string' && (raw.valueEncoding ?? 'json') === 'json' ? jsonObjectIn(raw.value) : undefined;
}

/** The time a raw event's payload (or headers) carries in one of the time fields, as the normalizer reads it; undefined when none parses. */
export function payloadTime(raw: RawEvent, fields: Pick<FieldConfig, 'time' | 'containers'>): number | undefined {
	return parseEventTime(findField(encodedValue(raw) ?? raw.value, raw.headers, fields.time, fields.containers));
}

/** The arrival time normalization gives the first of `events` that carries any time (`receivedAt`, event or broker time); undefined when none does. */
export function firstArrival(events: readonly RawEvent[], fields: Pick<FieldConfig, 'time' | 'containers'>): number | undefined {
	for (const raw of events) {
		const time = raw.receivedAt ?? payloadTime(raw, fields) ?? brokerTime(raw);
		if (time !== undefined) return time;
	}

	return undefined;
}

// Marks that say what follows, so the encoding is unambiguous: a string is its mark, its length, then its code units
// two per 32-bit word; ["ab"] and ["a", "b"], or {ab: "c"} and {a: "bc"}, feed different sequences.
const stringMark = 0x1_00_00;
const numberMark = 0x1_00_01;
const trueMark = 0x1_00_02;
const falseMark = 0x1_00_03;
const nullMark = 0x1_00_04;
const arrayMark = 0x1_00_05;
const objectMark = 0x1_00_06;
const endMark = 0x1_00_07;

const numberBits = new Float64Array(1);
const numberWords = new Uint32Array(numberBits.buffer);

/** Lower-case hex digit for a nibble. */
function hexDigit(nibble: number): number {
	return nibble < 10 ? 48 + nibble : 87 + nibble;
}

/** A 64-bit non-cryptographic hash of texts and JSON values fed in order: two 32-bit xor-multiply (FNV-1a style) lanes, then mixed. */
export class ContentHash {
	/** First mixed 32-bit lane (unsigned), valid after finish(). */
	high = 0;
	/** Second mixed 32-bit lane (unsigned), valid after finish(). */
	low = 0;
	private lane1 = 0xDE_AD_BE_EF;
	private lane2 = 0x41_C6_CE_57;

	/** Start a new hash. */
	reset(): this {
		this.lane1 = 0xDE_AD_BE_EF;
		this.lane2 = 0x41_C6_CE_57;
		return this;
	}

	/** Feed a string. */
	text(text: string): this {
		this.symbol(stringMark).symbol(text.length);
		let lane1 = this.lane1;
		let lane2 = this.lane2;
		const pairs = text.length - 1;
		let i = 0;
		// Two code units per step halves the multiplications, the bulk of the cost.
		for (; i < pairs; i += 2) {
			const word = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
			lane1 = Math.imul(lane1 ^ word, 2_654_435_761);
			lane2 = Math.imul(lane2 ^ word, 1_597_334_677);
		}

		this.lane1 = lane1;
		this.lane2 = lane2;
		return i < text.length ? this.symbol(text.charCodeAt(i)) : this;
	}

	/** Feed a JSON value by walking it: the same as hashing its JSON text, without building that text. */
	value(value: unknown): this {
		switch (typeof value) {
			case 'string': return this.text(value);
			case 'number': {
				numberBits[0] = value;
				return this.symbol(numberMark).symbol(numberWords[0]!).symbol(numberWords[1]!);
			}

			case 'boolean': return this.symbol(value ? trueMark : falseMark);
			case 'object': {
				if (value === null) return this.symbol(nullMark);
				if (Array.isArray(value)) {
					this.symbol(arrayMark);
					for (const item of value) this.value(item);
					return this.symbol(endMark);
				}

				this.symbol(objectMark);
				for (const key in value) {
					const item = (value as Record<string, unknown>)[key];
					// JSON.stringify drops undefined and function members; so does the hash.
					if (item === undefined || typeof item === 'function') continue;
					this.text(key).value(item);
				}

				return this.symbol(endMark);
			}

			default: return this.symbol(nullMark);
		}
	}

	/** Mix the lanes into `high` and `low`. */
	finish(): this {
		let lane1 = Math.imul(this.lane1 ^ (this.lane1 >>> 16), 2_246_822_507);
		lane1 ^= Math.imul(this.lane2 ^ (this.lane2 >>> 13), 3_266_489_909);
		let lane2 = Math.imul(this.lane2 ^ (this.lane2 >>> 16), 2_246_822_507);
		lane2 ^= Math.imul(lane1 ^ (lane1 >>> 13), 3_266_489_909);
		this.high = lane1 >>> 0;
		this.low = lane2 >>> 0;
		return this;
	}

	/** The finished hash as 16 hex digits. */
	hex(): string {
		const {high, low} = this.finish();
		return String.fromCharCode(
			hexDigit(high >>> 28), hexDigit((high >>> 24) & 15), hexDigit((high >>> 20) & 15), hexDigit((high >>> 16) & 15),
			hexDigit((high >>> 12) & 15), hexDigit((high >>> 8) & 15), hexDigit((high >>> 4) & 15), hexDigit(high & 15),
			hexDigit(low >>> 28), hexDigit((low >>> 24) & 15), hexDigit((low >>> 20) & 15), hexDigit((low >>> 16) & 15),
			hexDigit((low >>> 12) & 15), hexDigit((low >>> 8) & 15), hexDigit((low >>> 4) & 15), hexDigit(low & 15),
		);
	}

	private symbol(symbol: number): this {
		this.lane1 = Math.imul(this.lane1 ^ symbol, 2_654_435_761);
		this.lane2 = Math.imul(this.lane2 ^ symbol, 1_597_334_677);
		return this;
	}
}

/** Which look-up lists a field name is in, with its rank there (-1: not in that list); `container`: its rank in `containers`. */
type FieldRole = {type: number; time: number; id: number; eventId: number; status: boolean; container: number};

/** One map from field name to role, so each object is scanned once instead of probed for every name. */
function rolesOf(fields: FieldConfig): Map<string, FieldRole> {
	const roles = new Map<string, FieldRole>();
	const roleOf = (name: string) => {
		let role = roles.get(name);
		if (!role) {
			role = {type: -1, time: -1, id: -1, eventId: -1, status: false, container: -1};
			roles.set(name, role);
		}

		return role;
	};

	const rank = (names: string[], key: 'type' | 'time' | 'id' | 'eventId') => {
		for (const [index, name] of names.entries()) {
			const role = roleOf(name);
			if (role[key] < 0) role[key] = index;
		}
	};

	rank(fields.type, 'type');
	rank(fields.time, 'time');
	rank(fields.ids, 'id');
	rank(fields.eventId, 'eventId');
	// A container that is a path or has alternatives is resolved after the top level's scan, not met by it.
	for (const [index, name] of fields.containers.entries()) {
		const role = roleOf(name);
		if (isSimpleContainer(name) && role.container < 0) role.container = index;
	}

	for (const name of fields.status) roleOf(name).status = true;
	return roles;
}

/** Index of the last word separator (. _ - : / space) in text, or -1. */
function lastSeparator(text: string): number {
	for (let i = text.length - 1; i >= 0; i--) {
		const code = text.charCodeAt(i);
		if (code === 46 || code === 95 || code === 45 || code === 58 || code === 47 || code === 32) return i;
	}

	return -1;
}

/** Type suffix test: camel-case suffix as written (PaymentFailed), or a last word equal ignoring case (payment.failed). */
function suffixTest(suffixes: string[]): (type: string) => boolean {
	const words = new Set(suffixes.map(suffix => suffix.toLowerCase()));
	return type => {
		for (const suffix of suffixes) if (type.endsWith(suffix)) return true;
		const separator = lastSeparator(type);
		return separator >= 0 && words.has(type.slice(separator + 1).toLowerCase());
	};
}

/** Status implied by a type name alone, memoized: types repeat, and suffix tests cost more than a look-up. */
function typeStatusOf(fields: FieldConfig): (type: string) => EventStatus {
	const errorType = suffixTest(fields.errorTypeSuffixes);
	const blockedType = suffixTest(fields.blockedTypeSuffixes);
	const known = new Map<string, EventStatus>();
	return type => {
		let status = known.get(type);
		if (status === undefined) {
			status = blockedType(type) ? 'blocked' : (errorType(type) ? 'error' : 'ok');
			// Bounded: a type field may hold free text (`name`).
			if (known.size >= 10_000) known.clear();
			known.set(type, status);
		}

		return status;
	};
}

/** Turns raw events into envelopes; `now` is the wall clock for events that carry no time at all. */
export type Normalizer = (raw: RawEvent, now?: number) => Envelope;

/** Build the normalizer for one field configuration: every look-up list is compiled once here, not per event. */
export function createNormalizer(fields: FieldConfig): Normalizer {
	const roles = rolesOf(fields);
	const containers = fields.containers;
	const typeHeaders = fields.typeHeaders;
	const errorValues = new Set(fields.errorValues.map(value => value.toLowerCase()));
	const blockedValues = new Set(fields.blockedValues.map(value => value.toLowerCase()));
	const typeStatus = typeStatusOf(fields);
	const hash = new ContentHash();

	// Per-event scan state, reset by each call: one scan of an object feeds every look-up at once.
	let type: string | undefined;
	let typeRank = 0;
	let time: number | undefined;
	let timeRank = 0;
	let eventId: string | undefined;
	let eventIdRank = 0;
	let error = false;
	let blocked = false;
	let idCount = 0;
	const idRanks: number[] = [];
	const idTexts: string[] = [];
	let jsonText: ValueText | undefined;
	// The containers the value holds, by rank in `containers`: the top level's scan meets those that are one name, so
	// they are not looked up again; the others are resolved after it. With the path each was found at.
	const inners: Array<Readonly<Record<string, unknown>> | undefined> = containers.map(() => undefined);
	const innerPaths: Array<readonly string[] | undefined> = containers.map(container => (isSimpleContainer(container) ? [container] : undefined));
	const alternatives = containers.map(container => (isSimpleContainer(container) ? undefined : containerPaths(container)));

	// An id as text: an integer JSON.parse could not hold exactly is read again from the text where it was found
	// (`container` undefined: the top level; else the container's path), exact-integer.ts.
	// A placeholder (isPlaceholderId) is no id.
	const idText = (container: readonly string[] | undefined, name: string, found: unknown): string | undefined => {
		const text = !isInexactInteger(found) || jsonText === undefined
			? scalarText(found)
			: exactInteger(jsonText, container === undefined ? [name] : [...container, name]) ?? scalarText(found);
		return text === undefined || isPlaceholderId(text) ? undefined : text;
	};

	// The rank of a changed row's own id (`orders:42`) among the ids: after every named field's, so an event's first
	// id is the one its fields name; then its database transaction's, which names no row.
	const rowRank = fields.ids.length;
	const transactionRank = rowRank + 1;
	const pushId = (text: string, rank: number) => {
		idRanks[idCount] = rank;
		idTexts[idCount++] = text;
	};

	const addId = (container: readonly string[] | undefined, name: string, found: unknown, rank: number) => {
		const text = idText(container, name, found);
		if (text !== undefined) pushId(text, rank);
	};

	// A row's `id` column (at `container`) as its table's row: `orders:42` joins that row's changes and its tombstone.
	const addRowId = (container: readonly string[] | undefined, table: string, found: unknown) => {
		const text = idText(container, rowIdColumn, found);
		if (text !== undefined) pushId(rowCorrelationId(table, text), rowRank);
	};

	// A change event's envelope at `record` (at `path`; undefined: the top level) gives the type, the time the
	// database committed it (delivery latency is then the whole capture's lag), its row's id with its table's name,
	// which joins the changes of one row, and its database transaction's id, which joins the rows one transaction
	// changed; a transaction boundary (BEGIN, END) gives its type and that id.
	const readChange = (record: Readonly<Record<string, unknown>>, path: readonly string[] | undefined) => {
		type = changeType(record);
		if (type !== undefined) {
			const committed = parseEventTime(commitTime(record));
			if (committed !== undefined) time = committed;
			const changed = changedRow(record);
			if (changed !== undefined) addRowId([...(path ?? []), changed.member], changed.table, changed.row[rowIdColumn]);
			addId([...(path ?? []), 'transaction'], 'id', changeTransactionId(record), transactionRank);
			return;
		}

		type = boundaryType(record);
		if (type !== undefined) addId(path, 'id', record.id, transactionRank);
	};

	// The ids among the fields of a tombstone's key (the deleted row's primary key; in `payload` with schemas on), so
	// it joins the row's transaction when a key column is an id field, or its row's changes by its `id` column (the
	// table its topic carries: topicTable).
	const keyIds = (key: string, topic: string) => {
		const record = jsonObjectIn(key);
		if (!isRecord(record)) return;
		jsonText = {text: key};
		const places: Array<[unknown, readonly string[] | undefined]> = [[record, undefined], [record.payload, ['payload']]];
		for (const [place, path] of places) {
			if (!isRecord(place)) continue;
			for (const name in place) {
				const rank = roles.get(name)?.id ?? -1;
				if (rank >= 0) addId(path, name, place[name], rank);
			}

			addRowId(path, topicTable(topic), place[rowIdColumn]);
		}
	};

	// One place (top level, a container, the headers); the first place that has a field wins over later ones,
	// so a single-valued look-up already found is skipped. Headers give the type only through typeHeaders.
	const scan = (record: Readonly<Record<string, unknown>>, typeFound: boolean, container?: readonly string[], top = false) => {
		const timeFound = time !== undefined;
		const eventIdFound = eventId !== undefined;
		for (const key in record) {
			const role = roles.get(key);
			if (role === undefined) continue;
			const found = record[key];
			if (found === undefined || found === null || found === '') continue;
			if (top && role.container >= 0) inners[role.container] = memberObject(record, key);
			if (role.type >= 0 && !typeFound && (type === undefined || role.type < typeRank)) {
				const text = scalarText(found);
				if (text !== undefined) {
					type = text;
					typeRank = role.type;
				}
			}

			if (role.time >= 0 && !timeFound && (time === undefined || role.time < timeRank)) {
				const parsed = parseEventTime(found);
				if (parsed !== undefined) {
					time = parsed;
					timeRank = role.time;
				}
			}

			if (role.eventId >= 0 && !eventIdFound && (eventId === undefined || role.eventId < eventIdRank)) {
				const text = idText(container, key, found);
				if (text !== undefined) {
					eventId = text;
					eventIdRank = role.eventId;
				}
			}

			if (role.id >= 0) addId(container, key, found, role.id);

			if (role.status && typeof found === 'string') {
				const lower = found.toLowerCase();
				if (blockedValues.has(lower)) blocked = true;
				else if (errorValues.has(lower)) error = true;
			}
		}
	};

	// Ids in field-list order (places in look-up order within one field), without repeats.
	const collectIds = (): string[] => {
		for (let i = 1; i < idCount; i++) {
			const rank = idRanks[i]!;
			const text = idTexts[i]!;
			let j = i - 1;
			for (; j >= 0 && idRanks[j]! > rank; j--) {
				idRanks[j + 1] = idRanks[j]!;
				idTexts[j + 1] = idTexts[j]!;
			}

			idRanks[j + 1] = rank;
			idTexts[j + 1] = text;
		}

		// Repeats are dropped in place, then the ids copied out at their exact size: a list grown by push gets room
		// for 17, and every envelope keeps its list while its batch is stored and analysed.
		let distinct = 0;
		for (let i = 0; i < idCount; i++) {
			const text = idTexts[i]!;
			let seen = false;
			for (let j = 0; j < distinct && !seen; j++) seen = idTexts[j] === text;
			if (!seen) idTexts[distinct++] = text;
		}

		return idTexts.slice(0, distinct);
	};

	return (raw, now) => {
		type = undefined;
		eventId = undefined;
		error = false;
		blocked = false;
		idCount = 0;
		time = undefined;
		jsonText = raw.valueText;
		let {value} = raw;
		let {valueEncoding, valueText} = raw;
		// A JSON string holding JSON (encoded twice) is read as that JSON; its ids' digits are in the string's text.
		const encoded = encodedValue(raw);
		if (encoded !== undefined) {
			valueText ??= {text: JSON.stringify(value)};
			jsonText = {text: value as string};
			value = encoded;
			valueEncoding = 'json-string';
		}

		const headers = raw.headers ?? emptyHeaders;
		if (isRecord(value)) {
			scan(value, false, undefined, true);
			// A change event's type is found at the place that holds its envelope (the table and operation).
			if (type === undefined) readChange(value, undefined);
			for (let rank = 0; rank < containers.length; rank++) {
				let inner = inners[rank];
				const paths = alternatives[rank];
				if (paths !== undefined) {
					innerPaths[rank] = undefined;
					for (const path of paths) {
						inner = objectAt(value, path);
						if (inner !== undefined) {
							innerPaths[rank] = path;
							break;
						}
					}
				}

				if (inner === undefined) continue;
				inners[rank] = undefined;
				scan(inner, type !== undefined, innerPaths[rank]);
				if (type === undefined) readChange(inner, innerPaths[rank]);
			}
		}

		if (headers !== emptyHeaders) scan(headers, true);
		// The broker's time (Kafka message time, Redis entry-id time) only when the event says nothing: it is when
		// the broker took the event, later than the event for a backfilled entry or a re-published message.
		// It is in ms already: read by size again, a time in 1970 or after the year 5138 would move by a factor of 1000.
		time ??= brokerTime(raw);
		if (type === undefined) {
			for (const name of typeHeaders) {
				type = scalarText(headers[name]);
				if (type !== undefined) break;
			}
		}

		const topic = raw.topic;
		// A tombstone (a null value under a key): the row its key names is gone from the table its topic carries.
		if (value === null && raw.key !== undefined && topic) {
			type ??= tombstoneType(topic);
			if (raw.keyEncoding !== 'base64' && raw.keyEncoding !== 'schema-registry-base64') keyIds(raw.key, topic);
		}

		// Its top level was scanned above (no recursion there); from here on a value too deep to walk is its text.
		// Whatever encoding a line claims, a value parsed from JSON text may nest that deep.
		const deepText = encoded === undefined ? deepValueText(valueText) : undefined;
		if (deepText !== undefined) value = deepText;
		const eventType = type ?? (topic || 'unknown');
		const fromType = typeStatus(eventType);
		if (fromType === 'blocked') blocked = true;
		else if (fromType === 'error') error = true;

		const receivedAt = raw.receivedAt ?? time ?? now ?? Date.now();
		return {
			source: raw.source,
			topic,
			partition: raw.partition,
			offset: raw.offset,
			origin: raw.origin,
			key: raw.key,
			keyEncoding: raw.keyEncoding,
			keySchemaId: raw.keySchemaId,
			headers,
			headersEncoding: raw.headersEncoding,
			value,
			valueEncoding: deepText === undefined ? valueEncoding ?? 'json' : 'json-deep',
			valueText: deepText === undefined ? valueText : undefined,
			schemaId: raw.schemaId,
			timestamp: time,
			receivedAt,
			deliveryMs: raw.receivedAt !== undefined && time !== undefined ? raw.receivedAt - time : undefined,
			type: eventType,
			ids: idCount === 0 ? [] : collectIds(),
			status: blocked ? 'blocked' : (error ? 'error' : 'ok'),
			eventId: eventId ?? hashOf(hash, raw, value),
			seq: 0,
			duplicate: false,
			txId: 0,
		};
	};
}

/**
 * Content identity of an event without an event id: a hash of its topic, its key when it has one (a compacted topic's
 * tombstones of two keys, or one value under two keys, are two messages) and its value. A tombstone (a null value
 * under a key) says only that its key is gone, the same for every delete of that key: its position makes it one
 * message, so the next delete's tombstone is no redelivery (a delete sent again is told by its change event).
 */
function hashOf(hash: ContentHash, raw: RawEvent, value: unknown): string {
	hash.reset().text(raw.topic ?? '');
	if (raw.key !== undefined) hash.text(raw.key);
	hash.value(value);
	if (value === null && raw.key !== undefined && raw.offset !== undefined) hash.value(raw.partition ?? -1).text(raw.offset);
	return hash.hex();
}

const normalizers = new WeakMap<FieldConfig, Normalizer>();

/** Normalize one raw event (the normalizer for `fields` is built once and reused). */
export function normalize(raw: RawEvent, fields: FieldConfig, now?: number): Envelope {
	let normalizer = normalizers.get(fields);
	if (!normalizer) {
		normalizer = createNormalizer(fields);
		normalizers.set(fields, normalizer);
	}

	return normalizer(raw, now);
}
