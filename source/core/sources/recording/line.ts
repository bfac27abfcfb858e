// Reads one recording line (recording-format.md): a header, an envelope line, a bare payload, or a bad line.
import {parseEventTime, type EventHeaders, type HeaderValue, type RawEvent, type ValueEncoding} from '../../envelope.js';
import {isRecord} from '../../fields.js';
import {memberText, objectMembers} from '../../json-text.js';
import {decodeText, type Decoded} from '../decode.js';
import {decodeFramedBase64, decodeFramedKeyBase64, decodeFramedKeyText, decodeFramedText} from '../schema-registry-frame.js';
import {spansLines} from '../../value-text.js';
import {recordingVersion} from '../../recording-writer.js';
import {parseOutage, type RecordedOutage} from './outage-line.js';
import {parseRestarted} from './restart-line.js';
import type {RestartedPartition} from '../../store/types.js';

/** The optional first line of a recording, `{"$recording": {...}}`; a header without a positive integer version is a bad line. */
export type RecordingHeader = {
	version: number;
	createdAt?: string;
	source?: string;
	filter?: string;
	/** The recording this one was recorded from (recording-format.md). */
	recordedFrom?: string;
	/** A later header's: how far the live run's alert clock ran with nothing arriving (recording-format.md "Quiet time"). */
	clock?: string;
	[field: string]: unknown;
};

/** What one line holds. */
export type ParsedLine =
	| {kind: 'event'; event: RawEvent}
	| {kind: 'header'; header: RecordingHeader; outage?: RecordedOutage; restarted?: RestartedPartition}
	| {kind: 'blank'}
	| {kind: 'bad'; reason: string};

/** Source name given to events whose line does not say. */
const defaultEventSource = 'recording';

const encodings = new Set<unknown>(['json', 'text', 'base64']);

/** Parse one line of a recording (without its line end). */
export function parseRecordingLine(text: string): ParsedLine {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return text.trim() === '' ? {kind: 'blank'} : {kind: 'bad', reason: 'not JSON'};
	}

	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return {kind: 'bad', reason: `not a JSON object (${parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed})`};
	}

	const line = parsed as Record<string, unknown>;
	const {topic, value} = line;
	if (topic !== undefined && value !== undefined) {
		if (typeof topic !== 'string') return {kind: 'bad', reason: '"topic" is not a string'};
		return {kind: 'event', event: envelopeEvent(line, topic, value, text)};
	}

	if (isKcatLine(line)) return {kind: 'event', event: kcatEvent(line)};

	// A line naming `$recording` is a header, whatever it holds: one that is not an object is a bad header, not a payload.
	if (Object.hasOwn(line, '$recording')) {
		const header = line.$recording;
		const problem = isRecord(header) ? versionProblem(header.version, text) : `recording header is not an object: "$recording" is ${writtenMember(text, ['$recording'])}`;
		// Its events are still read: a recording is not given up on over its header.
		if (problem !== undefined) return {kind: 'bad', reason: `${problem}; its events are read as version ${recordingVersion}`};
		if (Object.hasOwn(header as object, 'restarted')) {
			// A partition whose offsets went back (recording-format.md "Offsets that went back"): one that does not parse is a bad line.
			const restarted = parseRestarted((header as RecordingHeader).restarted);
			return 'problem' in restarted ? {kind: 'bad', reason: restarted.problem} : {kind: 'header', header: header as RecordingHeader, restarted};
		}

		if (!Object.hasOwn(header as object, 'outage')) return {kind: 'header', header: header as RecordingHeader};
		// A source that could not read (recording-format.md "Outages"): an outage that does not parse is a bad line.
		const outage = parseOutage((header as RecordingHeader).outage);
		return 'problem' in outage ? {kind: 'bad', reason: outage.problem} : {kind: 'header', header: header as RecordingHeader, outage};
	}

	// Every event has the same fields, absent ones undefined, so code downstream sees one object shape.
	return {
		kind: 'event',
		event: {
			source: defaultEventSource, topic: undefined, partition: undefined, offset: undefined, key: undefined, keyEncoding: undefined,
			headers: undefined, headersEncoding: undefined, value: line, valueEncoding: undefined, valueText: {text}, timestamp: undefined, receivedAt: undefined,
		},
	};
}

/** Longest member text a bad header's reason quotes. */
const maxQuotedText = 40;

/** Why a header's `version` is not a version (a positive integer), quoted as the line writes it; undefined when it is one. */
function versionProblem(version: unknown, lineText: string): string | undefined {
	if (version === undefined) return 'recording header has no version';
	if (Number.isInteger(version) && (version as number) >= 1) return undefined;
	return `recording header: version ${writtenMember(lineText, ['$recording', 'version'])} is not a positive integer`;
}

/** The JSON text of the member at `names` (each nested in the one before) as the line writes it, cut to maxQuotedText. */
function writtenMember(lineText: string, names: string[]): string {
	const written = names.reduce<string | undefined>((object, name) => object === undefined ? undefined : memberText(object, name), lineText) ?? '';
	return written.length > maxQuotedText ? `${written.slice(0, maxQuotedText - 1)}…` : written;
}

/** An envelope line as a RawEvent; fields of the wrong type are left out rather than failing the line. */
function envelopeEvent(line: Record<string, unknown>, topic: string, value: unknown, text: string): RawEvent {
	const {partition, offset, origin, key, source, valueEncoding, keyEncoding} = line;
	// Bytes in the Schema Registry wire format are recorded as they came, text or base64: they read back decoded.
	const framed = typeof value !== 'string' ? undefined : valueEncoding === 'text' ? decodeFramedText(value) : valueEncoding === 'base64' ? decodeFramedBase64(value) : undefined;
	// JSON spread over lines is recorded as a string (a line holds no line break); it reads back as the JSON it was.
	const spread = !framed && valueEncoding === 'text' && typeof value === 'string' && spansLines(value) ? decodeText(value) : undefined;
	const decoded = framed ?? (spread?.valueEncoding === 'json' ? spread : undefined);
	const framedKey = typeof key !== 'string' ? undefined : keyEncoding === 'base64' ? decodeFramedKeyBase64(key) : decodeFramedKeyText(key);
	return {
		source: typeof source === 'string' ? source : defaultEventSource,
		topic,
		partition: partitionOf(partition),
		// Hand-written recordings may give offsets as numbers.
		offset: typeof offset === 'string' ? offset : typeof offset === 'number' ? String(offset) : undefined,
		key: framedKey ? framedKey.key : typeof key === 'string' ? key : undefined,
		keyEncoding: framedKey ? framedKey.keyEncoding : keyEncoding === 'base64' && typeof key === 'string' ? 'base64' : undefined,
		...(framedKey && {keySchemaId: framedKey.keySchemaId}),
		headers: headersOf(line.headers, text),
		headersEncoding: headersEncodingOf(line.headersEncoding),
		value: decoded ? decoded.value : value,
		valueEncoding: decoded ? decoded.valueEncoding : encodings.has(valueEncoding) ? valueEncoding as ValueEncoding : undefined,
		valueText: decoded ? decoded.valueText : {text, member: 'value'},
		...(framed && {schemaId: framed.schemaId}),
		timestamp: parseEventTime(line.timestamp),
		receivedAt: parseEventTime(line.recordedAt),
		// Only when the line says: a recording of one server (or a hand-written one) has none.
		...(typeof origin === 'string' && {origin}),
	};
}

/** A line of `kcat -C -J` (kcat's JSON envelope): its message value is the text in `payload` (null: a tombstone). */
type KcatLine = Record<string, unknown> & {topic: string; partition: number; offset: number; payload: string | null};

/** Whether a line is kcat's JSON envelope: topic, partition, offset and a payload that is text or null, and no `value`. */
function isKcatLine(line: Record<string, unknown>): line is KcatLine {
	return typeof line.topic === 'string' && Number.isInteger(line.partition) && Number.isInteger(line.offset) && (typeof line.payload === 'string' || line.payload === null);
}

/** A kcat line as a RawEvent: its payload decoded as a Kafka value is (JSON, else text), `ts` its message time, `headers` its name/value pairs. */
function kcatEvent(line: KcatLine): RawEvent {
	const decoded: Decoded = line.payload === null ? {value: null, valueEncoding: 'json'} : decodeText(line.payload);
	const {key} = line;
	const framedKey = typeof key === 'string' ? decodeFramedKeyText(key) : undefined;
	return {
		source: 'kafka', topic: line.topic, partition: line.partition, offset: String(line.offset),
		key: framedKey ? framedKey.key : typeof key === 'string' ? key : undefined, keyEncoding: framedKey?.keyEncoding,
		...(framedKey && {keySchemaId: framedKey.keySchemaId}),
		headers: kcatHeaders(line.headers), headersEncoding: undefined,
		value: decoded.value, valueEncoding: decoded.valueEncoding, valueText: decoded.valueText,
		timestamp: parseEventTime(line.ts), receivedAt: undefined,
		...(decoded.schemaId !== undefined && {schemaId: decoded.schemaId}),
	};
}

/** kcat's headers, `["name", "value", …]`, as an object; a name given twice is an array of its values, in order. */
function kcatHeaders(pairs: unknown): EventHeaders | undefined {
	if (!Array.isArray(pairs) || pairs.length === 0) return undefined;
	const headers = new Map<string, HeaderValue | HeaderValue[]>();
	for (let i = 0; i + 1 < pairs.length; i += 2) {
		const [name, value] = [pairs[i], pairs[i + 1]];
		if (typeof name !== 'string' || !isHeaderText(value)) continue;
		const known = headers.get(name);
		headers.set(name, known === undefined ? value : [...(Array.isArray(known) ? known : [known]), value]);
	}

	return Object.fromEntries(headers) as EventHeaders;
}

/** Decimal digits that make a partition number (hand-written recordings give partitions as text). */
const partitionText = /^\d{1,10}$/;

/**
 * A line's partition: an integer, or its decimal text (as offsets may be numbers); else none. Two messages at one
 * offset of two partitions must not become one message read twice because the partitions were written as text.
 */
function partitionOf(partition: unknown): number | undefined {
	if (Number.isInteger(partition)) return partition as number;
	return typeof partition === 'string' && partitionText.test(partition) ? Number(partition) : undefined;
}

/**
 * Headers as the line gives them: a string or null (a header without a value), or an array of those (a repeated
 * header). Any other header value is kept as its exact JSON text from the line, found by a scan: it may nest too
 * deep to walk, and is never re-serialized.
 */
function headersOf(headers: unknown, lineText: string): EventHeaders | undefined {
	if (!isRecord(headers)) return undefined;
	const entries = Object.entries(headers);
	if (entries.every(([, header]) => isHeaderValue(header))) return headers as EventHeaders;
	const texts = new Map(objectMembers(memberText(lineText, 'headers') ?? '{}'));
	// fromEntries defines own properties: a header named `__proto__` stays a header.
	return Object.fromEntries(entries.map(([name, header]) => [name, isHeaderValue(header) ? header : texts.get(name) ?? '']));
}

/** A string or null, or an array of them. */
export function isHeaderValue(header: unknown): header is HeaderValue | HeaderValue[] {
	return isHeaderText(header) || (Array.isArray(header) && header.every(item => isHeaderText(item)));
}

/** One header value a line may hold as it is: a string, or null. */
function isHeaderText(header: unknown): header is HeaderValue {
	return typeof header === 'string' || header === null;
}

/** The names of base64 header values; anything but `"base64"` is left out. */
function headersEncodingOf(encodings: unknown): Record<string, 'base64'> | undefined {
	if (!isRecord(encodings)) return undefined;
	const base64 = Object.entries(encodings).filter(([, encoding]) => encoding === 'base64');
	return base64.length > 0 ? Object.fromEntries(base64) as Record<string, 'base64'> : undefined;
}
