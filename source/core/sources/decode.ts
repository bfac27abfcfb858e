// Message bytes → a value and how it holds them (recording-format.md "Values").
import {isUtf8} from 'node:buffer';
import type {EventHeaders, ValueEncoding, ValueText} from '../envelope.js';
import {maxValueDepth} from '../json-text.js';
import {jsonObjectIn, jsonValueIn} from '../value-text.js';
import {decodeFramed, decodeFramedText} from './schema-registry-frame.js';

/** A decoded payload; `schemaId` when it came in the Schema Registry wire format. */
export type Decoded = {value: unknown; valueEncoding: ValueEncoding; valueText?: ValueText; schemaId?: number};

/**
 * A Kafka value: JSON → that JSON; other valid UTF-8 → the text; anything else → base64 of the exact bytes.
 * A null value (a tombstone) stays null. Bytes in the Schema Registry wire format are read by decodeFramed.
 */
export function decodeBytes(bytes: Buffer | null | undefined): Decoded {
	if (!bytes) return {value: null, valueEncoding: 'json'};
	const framed = bytes[0] === 0 ? decodeFramed(bytes) : undefined;
	if (framed) return framed;
	if (!isUtf8(bytes)) return {value: bytes.toString('base64'), valueEncoding: 'base64'};
	return decodeText(bytes.toString('utf8'));
}

/** Text that holds JSON → that JSON with its text; text framed in the Schema Registry wire format → decodeFramed's; any other text → the text itself. */
export function decodeText(text: string): Decoded {
	const framed = decodeFramedText(text);
	if (framed) return framed;
	const json = jsonValueIn(text);
	return json === undefined ? {value: text, valueEncoding: 'text'} : {value: json, valueEncoding: 'json', valueText: {text}};
}

/** A key or header: its UTF-8 text, or base64 of the bytes when they are not UTF-8. */
export function bytesToText(bytes: Buffer | string): string {
	if (typeof bytes === 'string') return bytes;
	return isUtf8(bytes) ? bytes.toString('utf8') : bytes.toString('base64');
}

/** Whether bytesToText gives these bytes as base64 (they are not UTF-8): a key then says `keyEncoding: base64`. */
export function isBinary(bytes: Buffer | string): boolean {
	return typeof bytes !== 'string' && !isUtf8(bytes);
}

/** One header value as the client gives it; null: the header is there without a value. */
type HeaderByte = Buffer | string | null;

/** Header bytes as the client gives them: one value, or each value of a header repeated in the message. */
export type HeaderBytes = Record<string, HeaderByte | HeaderByte[] | undefined>;

/**
 * Headers as text; a repeated header keeps each value, in order, and a null value stays null. A header with any
 * value that is not UTF-8 has every other value as base64 and its name in `headersEncoding`: one rule per header,
 * byte-exact.
 */
export function decodeHeaders(raw: HeaderBytes): {headers?: EventHeaders; headersEncoding?: Record<string, 'base64'>} {
	let headers: EventHeaders | undefined;
	let headersEncoding: Record<string, 'base64'> | undefined;
	for (const [name, value] of Object.entries(raw)) {
		if (value === undefined) continue;
		const values = Array.isArray(value) ? value : [value];
		const binary = values.some(item => item !== null && isBinary(item));
		// Binary: every value as base64 of its bytes, those that are UTF-8 too (a reader decodes them all alike).
		const texts = values.map(item => (item === null ? null : binary ? Buffer.from(item).toString('base64') : bytesToText(item)));
		headers ??= {};
		// defineProperty: a header named `__proto__` stays a header.
		Object.defineProperty(headers, name, {value: Array.isArray(value) ? texts : texts[0], enumerable: true, writable: true, configurable: true});
		if (binary) {
			headersEncoding ??= {};
			Object.defineProperty(headersEncoding, name, {value: 'base64', enumerable: true, writable: true, configurable: true});
		}
	}

	return {headers, headersEncoding};
}

/**
 * A Redis stream entry (`[field, value, field, value, …]`) → an object of its fields.
 *
 * Rule: when every field name and value is valid UTF-8, the encoding is `json`, values are strings, and a value
 * holding a JSON object or array (commonly `data`, `payload`, `event`) is replaced by the parsed JSON; numbers and
 * other scalars stay strings, because Redis stores every field as a string and ids like `"00123"` must survive.
 * When any name or value is not valid UTF-8, the encoding is `base64` and EVERY field value is the base64 of its
 * exact bytes (names stay text, or base64 themselves when binary): one rule for the whole entry, byte-exact.
 * A field whose JSON nests deeper than maxValueDepth stays its string, like a scalar: nothing can walk it then.
 * A `json` entry comes with its text: each parsed field's own text spliced in, so `146.0` or 20-digit numbers in
 * it are recorded as they were sent. A field named more than once in the entry is the array of its values, in
 * the entry's order (decodeGroupedFields): Redis keeps every one of them.
 */
export function decodeStreamFields(fields: Buffer[]): Decoded {
	let binary = false;
	for (const field of fields) {
		if (!isUtf8(field)) {
			binary = true;
			break;
		}
	}

	const value: Record<string, unknown> = {};
	let text = '{';
	for (let index = 0; index + 1 < fields.length; index += 2) {
		const name = fieldName(fields[index]!, binary);
		// A name seen before: the entry is read again with each name's values together (rare, so not on this path).
		if (Object.hasOwn(value, name)) return decodeGroupedFields(fields, binary);
		const raw = fields[index + 1]!;
		let field: unknown;
		if (binary) {
			field = raw.toString('base64');
		} else {
			const fieldText = raw.toString('utf8');
			field = jsonField(fieldText, maxValueDepth - 1);
			text += `${text.length > 1 ? ',' : ''}${JSON.stringify(name)}:${fieldJson(field, fieldText)}`;
		}

		setField(value, name, field);
	}

	return binary ? {value, valueEncoding: 'base64'} : {value, valueEncoding: 'json', valueText: {text: `${text}}`}};
}

/**
 * decodeStreamFields for an entry that names a field more than once: that field is the array of its values in the
 * entry's order, each decoded as a field alone, where the first of them stands; the other fields as they are.
 */
function decodeGroupedFields(fields: Buffer[], binary: boolean): Decoded {
	const grouped = new Map<string, Buffer[]>();
	for (let index = 0; index + 1 < fields.length; index += 2) {
		const name = fieldName(fields[index]!, binary);
		const values = grouped.get(name);
		if (values) values.push(fields[index + 1]!);
		else grouped.set(name, [fields[index + 1]!]);
	}

	const value: Record<string, unknown> = {};
	const members: string[] = [];
	for (const [name, raws] of grouped) {
		const many = raws.length > 1;
		if (binary) {
			const items = raws.map(raw => raw.toString('base64'));
			setField(value, name, many ? items : items[0]);
			continue;
		}

		const texts = raws.map(raw => raw.toString('utf8'));
		// The values of a repeated field sit one level deeper than a field's: inside its array.
		const items = texts.map(fieldText => jsonField(fieldText, maxValueDepth - (many ? 2 : 1)));
		const json = items.map((item, index) => fieldJson(item, texts[index]!));
		members.push(`${JSON.stringify(name)}:${many ? `[${json.join(',')}]` : json[0]!}`);
		setField(value, name, many ? items : items[0]);
	}

	return binary ? {value, valueEncoding: 'base64'} : {value, valueEncoding: 'json', valueText: {text: `{${members.join(',')}}`}};
}

/** A field's name: its text; in a binary entry, base64 when the name itself is not UTF-8. */
function fieldName(bytes: Buffer, binary: boolean): string {
	return binary ? bytesToText(bytes) : bytes.toString('utf8');
}

/** A field of a `json` entry: the JSON object or array its text holds when that nests at most `room` levels deep, else the text. */
function jsonField(text: string, room: number): unknown {
	return jsonObjectIn(text, room) ?? text;
}

/** The JSON text of a field jsonField made of `text`: that text itself when it was parsed, else the string as JSON. */
function fieldJson(field: unknown, text: string): string {
	return field === text ? JSON.stringify(text) : text;
}

/** Set one field of an entry's object; a field named `__proto__` becomes an own property, not the object's prototype. */
function setField(value: Record<string, unknown>, name: string, field: unknown): void {
	if (name === '__proto__') Object.defineProperty(value, name, {value: field, enumerable: true, writable: true, configurable: true});
	else value[name] = field;
}
