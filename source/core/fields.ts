// Field look-ups shared by normalization, alert rules and filters (event-model.md "Normalized event"):
// the top level of a value, then its containers (config `fields.containers`), then the headers. A container is a
// member name or a dotted path to an object (`payload.after`: a Debezium row inside the JSON converter's
// `schema`/`payload` wrapper), or alternatives separated by `|`, of which the first holding an object is the
// container (`after|before`: a change's new row, the old one only when there is no new one, as for a delete).
// A member on the way that is a string holding a JSON object (a CloudEvent's `data` sent as text) is that object.
import {jsonObjectIn, startsAsObject} from './value-text.js';

/** Message headers as sources deliver them (a repeated header holds its values in order; null: a header without a value). */
export type Headers = Readonly<Record<string, string | null | ReadonlyArray<string | null>>> | undefined;

/** Turns a found value into the wanted type, or undefined to keep searching. */
type Convert<T> = (found: unknown) => T | undefined;

/** A plain object whose fields can be looked up (arrays and scalars cannot). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a looked-up value counts as present: undefined, null and the empty string do not. */
function isPresent(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

/** Whether a value is a scalar with a text: a non-empty string, a finite number, a bigint or a boolean. */
function isScalar(value: unknown): boolean {
	switch (typeof value) {
		case 'string': return value !== '';
		case 'number': return Number.isFinite(value);
		case 'bigint':
		case 'boolean': return true;
		default: return false;
	}
}

/** A scalar as text (strings as they are, finite numbers, bigints and booleans in decimal); objects give undefined. */
export function scalarText(value: unknown): string | undefined {
	return isScalar(value) ? String(value) : undefined;
}

/** A number, or a string holding only a decimal number (surrounding spaces allowed); anything else gives undefined. */
export function numericValue(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	const first = text.charCodeAt(0);
	if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return undefined;
	// Number() also reads 0x / 0b / 0o literals, which are not amounts.
	const second = text.charCodeAt(1) | 32;
	if (first === 48 && (second === 120 || second === 98 || second === 111)) return undefined;
	const parsed = Number(text);
	return Number.isFinite(parsed) ? parsed : undefined;
}

/** A container's alternatives, each a path of member names. */
export type ContainerPaths = ReadonlyArray<readonly string[]>;

const parsedContainers = new Map<string, ContainerPaths>();

/** The alternatives of a container as configured (parsed once per name). */
export function containerPaths(container: string): ContainerPaths {
	let paths = parsedContainers.get(container);
	if (paths === undefined) {
		paths = container.split('|').map(alternative => alternative.split('.'));
		// Bounded: containers come from the configuration, but a caller could pass anything.
		if (parsedContainers.size >= 1000) parsedContainers.clear();
		parsedContainers.set(container, paths);
	}

	return paths;
}

/** Whether a container is one member name (no path, no alternatives): the common case, looked up directly. */
export function isSimpleContainer(container: string): boolean {
	return !container.includes('.') && !container.includes('|');
}

/** The JSON object a string holds (the test jsonObjectIn makes of a value encoded twice), else undefined. */
export function jsonRecordIn(text: string): Readonly<Record<string, unknown>> | undefined {
	const found = jsonObjectIn(text);
	return isRecord(found) ? found : undefined;
}

/** A string member and the object it holds (null: none). */
type ParsedMember = {text: string; object: Readonly<Record<string, unknown>> | null};

/** The objects string members hold, by holder and member name: parsed once per event, again only if the text changed. */
const parsedMembers = new WeakMap<object, Map<string, ParsedMember>>();

/**
 * The object member `name` of `holder` is: an object, or a string holding a JSON object (jsonRecordIn), parsed
 * once per holder however many look-ups read it; else undefined.
 */
export function memberObject(holder: Readonly<Record<string, unknown>>, name: string): Readonly<Record<string, unknown>> | undefined {
	const member = holder[name];
	if (isRecord(member)) return member;
	// Most string members are plain text: they are told apart by their first character, nothing kept for them.
	if (typeof member !== 'string' || !startsAsObject(member)) return undefined;
	let parsed = parsedMembers.get(holder);
	let known = parsed?.get(name);
	if (known?.text !== member) {
		known = {text: member, object: jsonRecordIn(member) ?? null};
		if (parsed === undefined) parsedMembers.set(holder, parsed = new Map());
		parsed.set(name, known);
	}

	return known.object ?? undefined;
}

/** The object at `path` under `record`, if it is one. */
export function objectAt(record: Readonly<Record<string, unknown>>, path: readonly string[]): Readonly<Record<string, unknown>> | undefined {
	let current: Readonly<Record<string, unknown>> | undefined = record;
	for (let index = 0; index < path.length && current !== undefined; index++) current = memberObject(current, path[index]!);
	return current;
}

/** The path of the alternative that is `container` in `value` (the first holding an object), or undefined when none does. */
export function containerPathIn(value: Readonly<Record<string, unknown>>, container: string): readonly string[] | undefined {
	for (const path of containerPaths(container)) if (objectAt(value, path) !== undefined) return path;
	return undefined;
}

/** A container as look-ups walk it: a member name, or the paths of its alternatives. */
type Place = string | ContainerPaths;

const placeLists = new WeakMap<readonly string[], readonly Place[]>();

/** The places of a container list, parsed once per list (a configuration's lists live as long as it does). */
function placesOf(containers: readonly string[]): readonly Place[] {
	let places = placeLists.get(containers);
	if (places === undefined) {
		places = containers.map(container => (isSimpleContainer(container) ? container : containerPaths(container)));
		placeLists.set(containers, places);
	}

	return places;
}

/** The object a place is in `value`, or undefined when it holds none. */
function objectIn(value: Readonly<Record<string, unknown>>, place: Place): Readonly<Record<string, unknown>> | undefined {
	if (typeof place === 'string') return memberObject(value, place);

	for (const path of place) {
		const inner = objectAt(value, path);
		if (inner !== undefined) return inner;
	}

	return undefined;
}

/** Call `visit` with each object the containers are in `value`, in the containers' order (each alternative's first). */
export function eachContainer(value: Readonly<Record<string, unknown>>, containers: readonly string[], visit: (inner: Readonly<Record<string, unknown>>) => void): void {
	for (const place of placesOf(containers)) {
		const inner = objectIn(value, place);
		if (inner !== undefined) visit(inner);
	}
}

const keep: Convert<unknown> = found => (isPresent(found) ? found : undefined);

/** First of `names` in one object, in list order, that converts. */
function firstIn<T>(record: Readonly<Record<string, unknown>>, names: readonly string[], convert: Convert<T>): T | undefined {
	for (const name of names) {
		const found = record[name];
		if (found === undefined) continue;
		const converted = convert(found);
		if (converted !== undefined) return converted;
	}

	return undefined;
}

/** The look-up every helper shares: top level, then each container, then headers; the first place with a match wins. */
function findWith<T>(value: unknown, headers: Headers, names: readonly string[], containers: readonly string[], convert: Convert<T>): T | undefined {
	if (isRecord(value)) {
		const top = firstIn(value, names, convert);
		if (top !== undefined) return top;
		for (const place of placesOf(containers)) {
			const inner = objectIn(value, place);
			if (inner === undefined) continue;
			const found = firstIn(inner, names, convert);
			if (found !== undefined) return found;
		}
	}

	return headers === undefined ? undefined : firstIn(headers, names, convert);
}

/** The first present field of `names` (undefined, null and '' are absent); non-object values are searched in headers only. */
export function findField(value: unknown, headers: Headers, names: readonly string[], containers: readonly string[]): unknown {
	return findWith(value, headers, names, containers, keep);
}

const scalar: Convert<unknown> = found => (isScalar(found) ? found : undefined);

/** The first field of `names` holding a scalar, as it is. */
export function findScalar(value: unknown, headers: Headers, names: readonly string[], containers: readonly string[]): unknown {
	return findWith(value, headers, names, containers, scalar);
}

/** The first field of `names` holding a scalar, as text (customer ids, IPs, recipients). */
export function findString(value: unknown, headers: Headers, names: readonly string[], containers: readonly string[]): string | undefined {
	return scalarText(findScalar(value, headers, names, containers));
}

/**
 * A sum of money a field holds: a number or numeric string, or a money object: `{value | amount, currency}` (the
 * shapes of most payment APIs) or `{units, nanos, currencyCode}` (google.type.Money). Undefined for anything else.
 */
export function amountValue(found: unknown): number | undefined {
	const number = numericValue(found);
	if (number !== undefined || !isRecord(found)) return number;
	const inner = numericValue(found.value) ?? numericValue(found.amount);
	if (inner !== undefined) return inner;
	const units = numericValue(found.units);
	const nanos = found.nanos === undefined ? 0 : numericValue(found.nanos);
	return units === undefined || nanos === undefined ? undefined : units + (nanos / 1e9);
}

/** The first field of `names` holding a sum of money (amountValue): payments' amounts. */
export function findAmount(value: unknown, headers: Headers, names: readonly string[], containers: readonly string[]): number | undefined {
	return findWith(value, headers, names, containers, amountValue);
}

/** The currency of the field findAmount reads, when it is a money object naming one (`currency`, `currencyCode`, `currency_code`). */
export function findCurrency(value: unknown, headers: Headers, names: readonly string[], containers: readonly string[]): string | undefined {
	const field = findWith(value, headers, names, containers, found => (amountValue(found) === undefined ? undefined : found));
	if (!isRecord(field)) return undefined;
	const currency = field.currency ?? field.currencyCode ?? field.currency_code;
	return typeof currency === 'string' && currency !== '' ? currency : undefined;
}

/** Whether the last walk met an array where a member is followed or at its end (where findPathThrough would go into it). */
let walkMetArray = false;

/** Walk a dotted path (already split) down from one object, noting in walkMetArray an array it meets. */
function walk(record: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
	if (path.length === 0) return record;
	const last = path.length - 1;
	let holder: Readonly<Record<string, unknown>> | undefined = record;
	for (let index = 0; index < last && holder !== undefined; index++) {
		if (Array.isArray(holder[path[index]!])) walkMetArray = true;
		holder = memberObject(holder, path[index]!);
	}

	const found = holder?.[path[last]!];
	if (Array.isArray(found)) walkMetArray = true;
	return isPresent(found) ? found : undefined;
}

/** A walk of a dotted path down from one place of a value: the top level (`place` -1) or container `place`. */
type Walk = (record: Readonly<Record<string, unknown>>, path: readonly string[], place: number) => unknown;

/** Search a path with `walkFrom`: from the top level, then from each container, then as a header name. */
function findPathWith(value: unknown, headers: Headers, path: readonly string[], containers: readonly string[], walkFrom: Walk): unknown {
	if (isRecord(value)) {
		const top = walkFrom(value, path, -1);
		if (top !== undefined) return top;
		const places = placesOf(containers);
		for (let place = 0; place < places.length; place++) {
			const inner = objectIn(value, places[place]!);
			if (inner === undefined) continue;
			const found = walkFrom(inner, path, place);
			if (found !== undefined) return found;
		}
	}

	if (headers === undefined) return undefined;
	// Most paths are one name: joining it would make the same text again, for every event.
	const header = headers[path.length === 1 ? path[0]! : path.join('.')];
	return isPresent(header) ? header : undefined;
}

/** A dotted path (split into segments) looked up like a field: from the top level, then from each container, then as a header name. */
export function findPath(value: unknown, headers: Headers, path: readonly string[], containers: readonly string[]): unknown {
	return findPathWith(value, headers, path, containers, walk);
}

/**
 * Converts a number JSON.parse may have rounded (exact-integer.ts), which findPathThrough reached in container
 * `place` (-1: the top level) at `trail`: the member names and array indexes from there; `context` is what the
 * caller gave findPathThrough (the event whose text holds the digits), so that one converter serves every event.
 */
export type RoundedAt<C> = (found: number, place: number, trail: ReadonlyArray<string | number>, context: C) => unknown;

/** The member names and array indexes of the walk under way, and what it makes of a rounded integer (walks do not nest). */
const trail: Array<string | number> = [];
/** A rounded integer left as JSON.parse made it. */
const asParsed: RoundedAt<unknown> = found => found;
let rounded = asParsed;
let roundedContext: unknown;

/** What the path from segment `at` reaches down from `node`: an array's elements each walked on (see findPathThrough). */
function reach(node: unknown, path: readonly string[], at: number, place: number): unknown {
	if (Array.isArray(node)) {
		const found: unknown[] = [];
		for (let index = 0; index < node.length; index++) {
			trail.push(index);
			const value = reach(node[index], path, at, place);
			trail.pop();
			if (value !== undefined) found.push(value);
		}

		return found.length === 0 ? undefined : found;
	}

	if (at === path.length) {
		if (!isPresent(node)) return undefined;
		// An integer beyond 2^53 (isInexactInteger of exact-integer.ts, which reads this file).
		return typeof node === 'number' && Number.isInteger(node) && !Number.isSafeInteger(node) ? rounded(node, place, trail, roundedContext) : node;
	}

	if (!isRecord(node)) return undefined;
	const name = path[at]!;
	const member = node[name];
	trail.push(name);
	const found = reach(at < path.length - 1 && !Array.isArray(member) ? memberObject(node, name) : member, path, at + 1, place);
	trail.pop();
	return found;
}

/**
 * findPath into arrays: an array on the way or at the end is walked element by element (an array within it too, as
 * deep as values are read), and what the elements reach is an array (`items.sku` on
 * `{"items":[{"sku":"A-1"},{"sku":"B-7"}]}` is `["A-1","B-7"]`); each integer JSON.parse may have rounded is
 * what `roundedAs` makes of it, given `context`.
 */
export function findPathThrough<C>(value: unknown, headers: Headers, path: readonly string[], containers: readonly string[], roundedAs: RoundedAt<C>, context: C): unknown {
	trail.length = 0;
	rounded = roundedAs as RoundedAt<unknown>;
	roundedContext = context;
	return findPathWith(value, headers, path, containers, walkThrough);
}

/** findPathThrough's walk from one place (made once: filters ask it of every event). */
const walkThrough: Walk = (record, path, place) => reach(record, path, 0, place);

/**
 * The elements a dotted path (split) reaches inside arrays of a value, as findPathThrough finds them (headers aside,
 * integers as JSON.parse made them; arrays within arrays nested), or undefined when it reaches no array.
 */
function elementsAt(value: unknown, path: readonly string[], containers: readonly string[]): unknown[] | undefined {
	const found = findPathThrough(value, undefined, path, containers, asParsed, undefined);
	return Array.isArray(found) ? found : undefined;
}

/** findPathOrElements's answer, one object reused (read it before the next call). */
const foundOrElements: {found: unknown; inArray: boolean} = {found: undefined, inArray: false};

/**
 * What a group-by reads of a field: findPath's answer (`inArray` false), except where that is nothing or an array
 * and the path reaches into arrays of the value, then the elements it reaches there (elementsAt, `inArray` true).
 * The field is walked once unless an array is met (group columns ask this of every stored event, most of which lack
 * the field or hold it plainly). The answer object is reused: read it before the next call.
 */
export function findPathOrElements(value: unknown, headers: Headers, path: readonly string[], containers: readonly string[]): {found: unknown; inArray: boolean} {
	walkMetArray = false;
	const found = findPathWith(value, headers, path, containers, walk);
	const elements = walkMetArray && (found === undefined || Array.isArray(found)) ? elementsAt(value, path, containers) : undefined;
	foundOrElements.found = elements ?? found;
	foundOrElements.inArray = elements !== undefined;
	return foundOrElements;
}
