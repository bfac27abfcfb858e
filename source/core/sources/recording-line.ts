// Reads one recording line (recording-format.md): a header, an envelope line, a bare payload, or a bad line.
import {parseEventTime, type RawEvent, type ValueEncoding} from '../envelope.js';

/** The optional first line of a recording, `{"$recording": {...}}`. */
export type RecordingHeader = {
	version?: number;
	createdAt?: string;
	source?: string;
	filter?: string;
	[field: string]: unknown;
};

/** What one line holds. */
export type ParsedLine =
	| {kind: 'event'; event: RawEvent}
	| {kind: 'header'; header: RecordingHeader}
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

	const header = line.$recording;
	if (typeof header === 'object' && header !== null && !Array.isArray(header)) return {kind: 'header', header: header as RecordingHeader};
	// Every event has the same fields, absent ones undefined, so code downstream sees one object shape.
	return {
		kind: 'event',
		event: {
			source: defaultEventSource, topic: undefined, partition: undefined, offset: undefined, key: undefined, headers: undefined,
			value: line, valueEncoding: undefined, valueText: {text}, timestamp: undefined, receivedAt: undefined,
		},
	};
}

/** An envelope line as a RawEvent; fields of the wrong type are left out rather than failing the line. */
function envelopeEvent(line: Record<string, unknown>, topic: string, value: unknown, text: string): RawEvent {
	const {partition, offset, key, source, valueEncoding} = line;
	return {
		source: typeof source === 'string' ? source : defaultEventSource,
		topic,
		partition: Number.isInteger(partition) ? partition as number : undefined,
		// Hand-written recordings may give offsets as numbers.
		offset: typeof offset === 'string' ? offset : typeof offset === 'number' ? String(offset) : undefined,
		key: typeof key === 'string' ? key : undefined,
		headers: headersOf(line.headers),
		value,
		valueEncoding: encodings.has(valueEncoding) ? valueEncoding as ValueEncoding : undefined,
		valueText: {text, member: 'value'},
		timestamp: parseEventTime(line.timestamp),
		receivedAt: parseEventTime(line.recordedAt),
	};
}

/** Headers as strings; non-string values are kept as their JSON text. */
function headersOf(headers: unknown): Record<string, string> | undefined {
	if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return undefined;
	const entries = Object.entries(headers);
	if (entries.every(([, header]) => typeof header === 'string')) return headers as Record<string, string>;
	return Object.fromEntries(entries.map(([name, header]) => [name, typeof header === 'string' ? header : JSON.stringify(header)]));
}
