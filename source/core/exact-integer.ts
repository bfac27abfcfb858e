// JSON.parse reads an integer beyond 2^53 as the nearest double: the 64-bit ids 9007199254740993 and
// 9007199254740992 both become 9007199254740992. Where such a number is read (an id, an alert rule's party, a group
// value, the event's JSON shown), its digits are read again from the JSON text the value was parsed from, at the
// place the look-up found it: only when a number is an inexact integer, so other values cost one test.
import type {Envelope, ValueText} from './envelope.js';
import {containerPaths, findScalar, isSimpleContainer, scalarText} from './fields.js';
import {isObjectAt, numberLiteralAt} from './json-field-scan.js';
import {encodedJsonText, isJsonText} from './value-text.js';

/** The JSON text an event's value was parsed from, when it was (a value of another encoding has none to read again). */
export function parsedFrom(event: Pick<Envelope, 'valueText' | 'valueEncoding'>): ValueText | undefined {
	if (event.valueEncoding === 'json-string') return encodedJsonText(event);
	return isJsonText(event.valueEncoding) ? event.valueText : undefined;
}

/** Whether a parsed number may have lost digits of the integer literal it came from. */
export function isInexactInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

const numberLiteral = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** The decimal digits of the integer a JSON number literal writes (`9.007199254740993e15` too), or undefined for a fraction. */
export function integerDigits(literal: string): string | undefined {
	const parts = numberLiteral.exec(literal);
	if (!parts) return undefined;
	const [, sign, whole, fraction = '', exponentText = '0'] = parts;
	const exponent = Number(exponentText);
	const digits = `${whole}${fraction}`;
	const point = whole!.length + exponent;
	// Digits after the point must all be zero; a point beyond the digits adds zeros.
	if (!Number.isSafeInteger(point) || point > 400 || /[^0]/.test(digits.slice(Math.max(point, 0)))) return undefined;
	const integer = (point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, point)).replace(/^0+(?=\d)/, '');
	return integer === '0' || integer === '' ? '0' : `${sign}${integer}`;
}

/**
 * The exact digits of the integer at `path` (a field, or a container's path and its field; a number is an array's element)
 * of the JSON text a value was parsed from, or undefined when the text does not hold one there.
 */
export function exactInteger(valueText: ValueText, path: ReadonlyArray<string | number>): string | undefined {
	const literal = numberLiteralAt(Buffer.from(valueText.text, 'utf8'), valueText.member, path);
	return literal === undefined ? undefined : integerDigits(literal);
}

/**
 * Where a look-up (fields.ts) searches for each of `names` (dotted paths, split), in its order: the top level, then
 * each container (its alternative holding an object in the text). When the value it found is a number, each place
 * before the one it found it in holds nothing, an object or an array there (a scalar would have been found): the
 * first place holding a number literal is its place.
 */
function placesOf(text: Buffer, member: string | undefined, names: ReadonlyArray<readonly string[]>, containers: readonly string[]): ReadonlyArray<readonly string[]> {
	const places = [...names];
	for (const container of containers) {
		const path = containerPathInText(text, member, container);
		if (path !== undefined) for (const name of names) places.push([...path, ...name]);
	}

	return places;
}

/** The path of a container in UTF-8 JSON text: its name, or its first alternative holding an object there (undefined: none). */
function containerPathInText(text: Buffer, member: string | undefined, container: string): readonly string[] | undefined {
	return isSimpleContainer(container) ? [container] : containerPaths(container).find(alternative => isObjectAt(text, member, alternative));
}

/** The digits of the integer literal at the first of `places` holding a number in UTF-8 JSON text (undefined: a fraction, or none). */
function firstInteger(text: Buffer, member: string | undefined, places: ReadonlyArray<readonly string[]>): string | undefined {
	for (const place of places) {
		const literal = numberLiteralAt(text, member, place);
		if (literal !== undefined) return integerDigits(literal);
	}

	return undefined;
}

/** The digits of the integer findPath (fields.ts) finds at the dotted `path` (split) in UTF-8 JSON text, or undefined. */
export function exactPathInteger(text: Buffer, member: string | undefined, path: readonly string[], containers: readonly string[]): string | undefined {
	return firstInteger(text, member, placesOf(text, member, [path], containers));
}

/** A value a look-up of `names` found as text (scalarText), an integer JSON.parse rounded written with the digits of the event's JSON text. */
function exactText(found: unknown, event: Pick<Envelope, 'valueText' | 'valueEncoding'>, names: ReadonlyArray<readonly string[]>, containers: readonly string[]): string | undefined {
	const text = parsedFrom(event);
	if (!isInexactInteger(found) || text === undefined) return scalarText(found);
	const bytes = Buffer.from(text.text, 'utf8');
	return firstInteger(bytes, text.member, placesOf(bytes, text.member, names, containers)) ?? scalarText(found);
}

/** What findPath found at `path` as text (scalarText), an integer JSON.parse rounded written with the digits the event was sent with. */
export function exactPathText(found: unknown, event: Pick<Envelope, 'valueText' | 'valueEncoding'>, path: readonly string[], containers: readonly string[]): string | undefined {
	return exactText(found, event, [path], containers);
}

/**
 * An integer JSON.parse rounded that findPathThrough (fields.ts) reached in container `place` (-1: the top level) at
 * `trail`, as text (scalarText): written with the digits the event was sent with.
 */
export function exactTextThrough(found: number, event: Pick<Envelope, 'valueText' | 'valueEncoding'>, containers: readonly string[], place: number, trail: ReadonlyArray<string | number>): string | undefined {
	const text = parsedFrom(event);
	if (text === undefined) return scalarText(found);
	const bytes = Buffer.from(text.text, 'utf8');
	const container = place < 0 ? [] : containerPathInText(bytes, text.member, containers[place]!);
	const literal = container === undefined ? undefined : numberLiteralAt(bytes, text.member, [...container, ...trail]);
	return (literal === undefined ? undefined : integerDigits(literal)) ?? scalarText(found);
}

/** findString (fields.ts) on an event, an integer JSON.parse rounded written with the digits the event was sent with. */
export function findExactString(event: Pick<Envelope, 'value' | 'headers' | 'valueText' | 'valueEncoding'>, names: readonly string[], containers: readonly string[]): string | undefined {
	const found = findScalar(event.value, event.headers, names, containers);
	return isInexactInteger(found) ? exactText(found, event, names.map(name => [name]), containers) : scalarText(found);
}
