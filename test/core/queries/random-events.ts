// Random stored events for group-by tests (value texts mutated in every way JSON allows, copies, values kept as
// objects), and the slow group-by the fast paths must agree with: every event decoded, fields through findPath.
import {defaultConfig} from '../../../source/core/config.js';
import type {Envelope} from '../../../source/core/envelope.js';
import {exactPathText} from '../../../source/core/exact-integer.js';
import {findPath, findPathThrough, numericValue, scalarText} from '../../../source/core/fields.js';
import type {EventFilter} from '../../../source/core/filter/filter.js';
import {lostAdding} from '../../../source/core/queries/compensated-sum.js';
import type {GroupByResult} from '../../../source/core/queries/group-by.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {envelope} from '../store/helpers.js';

const containers = defaultConfig.fields.containers;

/** A seeded generator (mulberry32), so that a failure can be replayed. */
export function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const names = ['customerId', 'amount', 'data', 'payload', 'metadata', 'after', 'before', 'a', 'b', 'c', 'value', 'x-tenant', ''];
const numbers = ['0', '-0', '1e3', '1.50', '-12.5E-2', '12345678901234567890', '7', '0.1', '-3', '1E+2'];
const strings = ['"C-1"', '"C-2"', '""', '"12.5"', '" 42 "', '"0x10"', '"\\"quoted\\""', '"back\\\\slash"', '"\\u00e9t\\u00e9"', '"été"', '"😀"', '"\\ud83d\\ude00"', '"tab\\tline\\n"', '"{\\"not\\": [an object]}"', '"C-1\\/2"'];

/** A member name as JSON text: mostly plain, sometimes with escapes that JSON.parse reads back to the same name. */
function nameText(next: () => number): string {
	const name = names[Math.floor(next() * names.length)]!;
	if (name.length > 0 && next() < 0.15) return `"\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}"`;
	return JSON.stringify(name);
}

/** Random white space, as JSON allows between tokens. */
export function blank(next: () => number): string {
	return next() < 0.8 ? '' : [' ', '\n', '\t', '\r\n  '][Math.floor(next() * 4)]!;
}

/** A random JSON value's text (objects repeat names sometimes; deep ones nest past the walking limit). */
function valueText(next: () => number, depth: number): string {
	const pick = next();
	if (depth > 0 && pick < 0.35) {
		const members = Array.from({length: Math.floor(next() * 5)}, () => `${blank(next)}${nameText(next)}${blank(next)}:${blank(next)}${valueText(next, depth - 1)}${blank(next)}`);
		return `{${members.join(',')}${members.length === 0 ? blank(next) : ''}}`;
	}

	if (depth > 0 && pick < 0.45) return `[${Array.from({length: Math.floor(next() * 3)}, () => valueText(next, depth - 1)).join(`,${blank(next)}`)}]`;
	if (pick < 0.6) return numbers[Math.floor(next() * numbers.length)]!;
	if (pick < 0.85) return strings[Math.floor(next() * strings.length)]!;
	return ['null', 'true', 'false'][Math.floor(next() * 3)]!;
}

/** A value text as sources give them: an object most of the time, sometimes nesting too deep, sometimes not an object. */
export function documentText(next: () => number): string {
	if (next() < 0.03) return `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`;
	if (next() < 0.05) return valueText(next, 0);
	const members = Array.from({length: 1 + Math.floor(next() * 6)}, () => `${nameText(next)}:${blank(next)}${valueText(next, 3)}`);
	return `${blank(next)}{${members.join(`,${blank(next)}`)}}${blank(next)}`;
}

/** The group-by as it was: every event decoded, fields through findPath, an inexact integer as its digits (the oracle). */
export function slowGroupBy(store: EventStore, groupBy: string, sum: string | undefined, where: EventFilter | undefined): GroupByResult {
	const special = new Set(['topic', 'type', 'status', 'key', 'source']);
	const fieldOf = (event: Envelope, field: string): unknown => (special.has(field) ? event[field as keyof Envelope] : findPath(event.value, event.headers, field.split('.'), containers));
	const groups = new Map<string, {count: number; sum?: number; firstSeen?: number; lastSeen?: number}>();
	// What each group's sum lost to rounding, added back at the end as the group table does (its own test checks that).
	const lost = new Map<string, number>();
	const seen = new Set<string>();
	const result: GroupByResult = {matched: 0, withoutField: 0, copies: 0, inArrays: 0, sumInArrays: 0, sumRepeatedHeaders: 0, groups: []};
	/** What the field reaches inside arrays of the value (filters' reading, headers aside), when findPath finds nothing or an array. */
	const elementsOf = (event: Envelope, field: string, found: unknown): unknown[] | undefined => {
		if (special.has(field) || !(found === undefined || Array.isArray(found))) return undefined;
		const through = findPathThrough(event.value, undefined, field.split('.'), containers, number => number, undefined);
		return Array.isArray(through) ? through : undefined;
	};

	/** What --sum adds of an event: the numbers of a field inside arrays added with compensation, as jq's [.items[].qty] | add. */
	const amountOf = (event: Envelope, field: string): number | undefined => {
		const found = fieldOf(event, field);
		const elements = elementsOf(event, field, found);
		if (elements === undefined) {
			if (Array.isArray(found) && found === event.headers?.[field]) {
				result.sumRepeatedHeaders++;
				return undefined;
			}

			return numericValue(found);
		}

		result.sumInArrays++;
		const numbers = elements.flat(Number.POSITIVE_INFINITY).map(numericValue).filter(number => number !== undefined);
		if (numbers.length === 0) return undefined;
		let total = 0;
		let lostHere = 0;
		for (const number of numbers) {
			const next = total + number;
			lostHere += lostAdding(total, number, next);
			total = next;
		}

		return total + lostHere;
	};

	// Every stored event, newest first, in one scan.
	const fold = (event: Envelope): void => {
		if (where && !where.matches(event)) return;
		if (seen.has(event.eventId)) {
			result.copies++;
			return;
		}

		seen.add(event.eventId);
		result.matched++;
		// An integer JSON.parse rounded (12345678901234567890) is its group by the digits it was sent with.
		const found = fieldOf(event, groupBy);
		// A field inside an array is in no group (a value for each element).
		const amount = sum === undefined ? undefined : amountOf(event, sum);
		if (elementsOf(event, groupBy, found) !== undefined) {
			result.inArrays++;
			return;
		}

		const value = special.has(groupBy) ? scalarText(found) : exactPathText(found, event, groupBy.split('.'), containers);
		if (value === undefined) {
			result.withoutField++;
			return;
		}

		const group = groups.get(value) ?? {count: 0, ...(sum === undefined ? {} : {sum: 0})};
		groups.set(value, group);
		group.count++;
		if (amount !== undefined) {
			const total = group.sum! + amount;
			lost.set(value, (lost.get(value) ?? 0) + lostAdding(group.sum!, amount, total));
			group.sum = total;
		}

		const time = event.timestamp;
		if (time !== undefined) {
			group.firstSeen = Math.min(group.firstSeen ?? time, time);
			group.lastSeen = Math.max(group.lastSeen ?? time, time);
		}
	};
	store.search(event => {
		fold(event);
		return false;
	}, {limit: 1, maxScanned: Number.POSITIVE_INFINITY});
	for (const [value, group] of groups) if (group.sum !== undefined) group.sum += lost.get(value) ?? 0;
	result.groups = [...groups].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0));
	return result;
}

/** Random stored events: value texts (some wrapped in a line's `value`), values kept as objects, headers, copies. */
export function randomEvents(next: () => number, count: number): Envelope[] {
	return Array.from({length: count}, (_, index) => {
		const text = documentText(next);
		const wrapped = next() < 0.3;
		const headers = next() < 0.3 ? {'x-tenant': next() < 0.5 ? 'T-1' : ['T-1', 'T-2'], amount: '5'} : {};
		const form = next();
		const value = JSON.parse(wrapped ? `{"value":${text}}` : text) as Record<string, unknown>;
		return envelope({
			topic: ['orders', 'payments', 'events:all'][Math.floor(next() * 3)],
			type: ['OrderCreated', 'PaymentFailed', 'Other'][Math.floor(next() * 3)],
			key: next() < 0.5 ? `K-${Math.floor(next() * 4)}` : undefined,
			partition: next() < 0.8 ? Math.floor(next() * 6) : undefined,
			eventId: `evt-${Math.floor(next() * count * 3)}`,
			timestamp: next() < 0.9 ? 1_700_000_000_000 + Math.floor(next() * 1e6) : undefined,
			headers,
			// Most values keep their JSON text; some (binary encodings, Avro) are stored as objects.
			...(form < 0.85
				? {value: wrapped ? value.value : value, valueText: wrapped ? {text: `{"value":${text}}`, member: 'value' as const} : {text}}
				: {value, valueEncoding: 'avro' as const}),
			seq: index + 1,
		});
	});
}
