// Confluent Schema Registry's wire format: a magic byte 0, a big-endian schema id, then the serialized payload
// (JSON text, Avro binary, or Protobuf after its message indexes). recording-format.md "Values".
import {isUtf8} from 'node:buffer';
import type {RawEvent, ValueEncoding} from '../envelope.js';
import {maxValueDepth, nestsDeeperThan} from '../json-text.js';
import {jsonValueIn, ownValueText} from '../value-text.js';

/** Magic byte and schema id: the five bytes before the payload. */
const frameLength = 5;

/** How a framed key is held: its JSON as text (schema-registry-json), or base64 of all its bytes. */
export type FramedKeyEncoding = 'schema-registry-json' | 'schema-registry-base64';

/** A framed key decoded. */
export type FramedKey = {key: string; keyEncoding: FramedKeyEncoding; keySchemaId: number};

/** A framed value decoded: its JSON (`schema-registry-json`) or, not decoded, base64 of all its bytes. */
export type FramedValue = {value: unknown; valueEncoding: Extract<ValueEncoding, 'schema-registry-json' | 'schema-registry-base64'>; valueText?: {text: string}; schemaId: number};

/**
 * The schema id of bytes framed in the wire format, or undefined when they do not start like a plausible frame.
 * Registries number schemas from 1 (Confluent Cloud from 100 001): an id of 0, or of 2^24 or more (a second byte
 * that is not 0), is text or binary that merely starts with a NUL byte, not a frame.
 */
export function schemaIdOf(bytes: Uint8Array): number | undefined {
	if (bytes.length < frameLength || bytes[0] !== 0 || bytes[1] !== 0) return undefined;
	const id = (bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!;
	return id === 0 ? undefined : id;
}

/** The JSON a framed payload holds (any JSON value, nesting at most maxValueDepth), or undefined. */
function payloadJson(text: string): unknown {
	return nestsDeeperThan(text, maxValueDepth) ? undefined : jsonValueIn(text);
}

/**
 * Bytes in the wire format: the JSON its payload holds, with the payload's text (the JSON Schema serializer), else
 * base64 of every byte, frame included (Avro, Protobuf: no registry to decode them with); undefined when the bytes
 * are not framed.
 */
export function decodeFramed(bytes: Buffer): FramedValue | undefined {
	const schemaId = schemaIdOf(bytes);
	if (schemaId === undefined) return undefined;
	const payload = bytes.subarray(frameLength);
	if (isUtf8(payload)) {
		const text = payload.toString('utf8');
		const value = payloadJson(text);
		if (value !== undefined) return {value, valueEncoding: 'schema-registry-json', valueText: {text}, schemaId};
	}

	return {value: bytes.toString('base64'), valueEncoding: 'schema-registry-base64', schemaId};
}

/**
 * Whether framed bytes kept as base64 (schema-registry-base64) carry JSON nesting deeper than maxValueDepth: JSON
 * not read because nothing may walk it, not Avro or Protobuf.
 */
export function isDeepFramedJson(base64: string): boolean {
	const payload = Buffer.from(base64, 'base64').subarray(frameLength);
	if (!isUtf8(payload)) return false;
	const text = payload.toString('utf8');
	return nestsDeeperThan(text, maxValueDepth) && jsonValueIn(text) !== undefined;
}

/** The UTF-8 bytes of text that may be framed (two zero bytes first), undefined for any other text. */
function framableText(text: string): Buffer | undefined {
	return text.charCodeAt(0) === 0 && text.charCodeAt(1) === 0 ? Buffer.from(text, 'utf8') : undefined;
}

/** The bytes base64 that may be framed holds; two zero bytes first are `AA`: anything else is not decoded to find out. */
function framableBase64(base64: string): Buffer | undefined {
	return base64.startsWith('AA') ? Buffer.from(base64, 'base64') : undefined;
}

/** Text whose UTF-8 bytes are framed (a recording's `text` value, a kcat payload), decoded; undefined otherwise. */
export function decodeFramedText(text: string): FramedValue | undefined {
	const bytes = framableText(text);
	return bytes && decodeFramed(bytes);
}

/** Base64 of framed bytes (a recording's `base64` value), decoded; undefined otherwise. */
export function decodeFramedBase64(base64: string): FramedValue | undefined {
	const bytes = framableBase64(base64);
	return bytes && decodeFramed(bytes);
}

/**
 * A key in the wire format: a JSON string as its text (`ORD-1`, as an unframed key of the same order reads), any
 * other JSON as its JSON text, else base64 of every byte. A key is text a reader must turn back into the bytes sent
 * (framedKeyBytes): a string that is itself JSON text (`"42"`), or that JSON.stringify would write otherwise than
 * it was sent, stays its JSON text, quotes and all.
 */
export function decodeFramedKey(bytes: Buffer): FramedKey | undefined {
	const framed = decodeFramed(bytes);
	if (!framed) return undefined;
	const keySchemaId = framed.schemaId;
	if (framed.valueEncoding === 'schema-registry-base64') return {key: framed.value as string, keyEncoding: framed.valueEncoding, keySchemaId};
	const {text} = framed.valueText!;
	const {value} = framed;
	const plain = typeof value === 'string' && payloadJson(value) === undefined && JSON.stringify(value) === text;
	return {key: plain ? value : text, keyEncoding: 'schema-registry-json', keySchemaId};
}

/** Text whose UTF-8 bytes are a framed key (a recording's key, a kcat key), decoded; undefined otherwise. */
export function decodeFramedKeyText(text: string): FramedKey | undefined {
	const bytes = framableText(text);
	return bytes && decodeFramedKey(bytes);
}

/** Base64 of a framed key (a recording's base64 key), decoded; undefined otherwise. */
export function decodeFramedKeyBase64(base64: string): FramedKey | undefined {
	const bytes = framableBase64(base64);
	return bytes && decodeFramedKey(bytes);
}

/** The bytes a framed key was sent as (decodeFramedKey the other way round); undefined when it was not framed. */
export function framedKeyBytes(event: Pick<RawEvent, 'key' | 'keyEncoding' | 'keySchemaId'>): Buffer | undefined {
	const {key, keyEncoding, keySchemaId} = event;
	if (key === undefined) return undefined;
	if (keyEncoding === 'schema-registry-base64') return Buffer.from(key, 'base64');
	if (keyEncoding !== 'schema-registry-json' || keySchemaId === undefined) return undefined;
	return withFrame(keySchemaId, payloadJson(key) === undefined ? JSON.stringify(key) : key);
}

/**
 * Framed bytes as a recording line holds them: JSON as text where the bytes are UTF-8, as a message of text is
 * written; anything else (Avro, Protobuf) as base64, even when its bytes happen to be UTF-8.
 */
export function framedLineText(bytes: Buffer, json: boolean): {text: string; base64: boolean} {
	return json && isUtf8(bytes) ? {text: bytes.toString('utf8'), base64: false} : {text: bytes.toString('base64'), base64: true};
}

/** The bytes a framed event was sent as: its frame and payload text again, or its base64 decoded; undefined when it was not framed. */
export function framedBytes(event: Pick<RawEvent, 'value' | 'valueEncoding' | 'valueText' | 'schemaId'>): Buffer | undefined {
	const {value, valueEncoding, schemaId} = event;
	if (valueEncoding === 'schema-registry-base64' && typeof value === 'string') return Buffer.from(value, 'base64');
	if (valueEncoding !== 'schema-registry-json' || schemaId === undefined) return undefined;
	const own = event.valueText && ownValueText(event.valueText);
	return withFrame(schemaId, own ?? JSON.stringify(value));
}

/** A payload's text behind the frame of `schemaId`. */
function withFrame(schemaId: number, text: string): Buffer {
	return Buffer.concat([Buffer.from([0, 0, schemaId >>> 16, (schemaId >>> 8) & 0xff, schemaId & 0xff]), Buffer.from(text, 'utf8')]);
}
