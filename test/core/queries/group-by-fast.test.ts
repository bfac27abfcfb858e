// The fast group-by (stored bytes + a scan of the value text) against the slow path it replaces (every event
// decoded, its value text through JSON.parse, fields through findPath), over random, mutated value texts.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import type {Envelope} from '../../../source/core/envelope.js';
import {findPath, numericValue, scalarText} from '../../../source/core/fields.js';
import {compileFilter, type EventFilter} from '../../../source/core/filter/filter.js';
import {asciiText, pathsScanner, structured, unscannable, type ScannedField} from '../../../source/core/json-field-scan.js';
import {lostAdding} from '../../../source/core/queries/compensated-sum.js';
import {GroupAccumulator, groupStoredEvents, type GroupByResult} from '../../../source/core/queries/group-by.js';
import {visitStoredEvents} from '../../../source/core/queries/scan.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {envelope, open, tempDirectory} from '../store/helpers.js';

const containers = defaultConfig.fields.containers;

/** A seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d_2b_79_f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const names = ['customerId', 'amount', 'data', 'payload', 'metadata', 'a', 'b', 'c', 'value', 'x-tenant', ''];
const numbers = ['0', '-0', '1e3', '1.50', '-12.5E-2', '12345678901234567890', '7', '0.1', '-3', '1E+2'];
const strings = ['"C-1"', '"C-2"', '""', '"12.5"', '" 42 "', '"0x10"', '"\\"quoted\\""', '"back\\\\slash"', '"\\u00e9t\\u00e9"', '"été"', '"😀"', '"\\ud83d\\ude00"', '"tab\\tline\\n"', '"{\\"not\\": [an object]}"', '"C-1\\/2"'];

/** A member name as JSON text: mostly plain, sometimes with escapes that JSON.parse reads back to the same name. */
function nameText(next: () => number): string {
	const name = names[Math.floor(next() * names.length)]!;
	if (name.length > 0 && next() < 0.15) return `"\\u${name.charCodeAt(0).toString(16).padStart(4, '0')}${name.slice(1)}"`;
	return JSON.stringify(name);
}

/** Random white space, as JSON allows between tokens. */
function blank(next: () => number): string {
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
function documentText(next: () => number): string {
	if (next() < 0.03) return `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`;
	if (next() < 0.05) return valueText(next, 0);
	const members = Array.from({length: 1 + Math.floor(next() * 6)}, () => `${nameText(next)}:${blank(next)}${valueText(next, 3)}`);
	return `${blank(next)}{${members.join(`,${blank(next)}`)}}${blank(next)}`;
}

const paths = [['customerId'], ['amount'], ['a', 'b'], ['data'], ['b', 'c', 'a'], ['value'], ['x-tenant'], ['']];

/** What findPath finds in what JSON.parse makes of the text, as the scan reports it. */
function expected(text: string, member: string | undefined, path: readonly string[]): unknown {
	const parsed = JSON.parse(text) as Record<string, unknown>;
	const found = findPath(member === undefined ? parsed : parsed[member], undefined, path, containers);
	return typeof found === 'object' && found !== null ? structured : found;
}

describe('the value-text scan', () => {
	it('finds what JSON.parse and findPath find, in 20,000 random texts', () => {
		const next = random(15);
		const scan = pathsScanner(paths, containers)!;
		let scanned = 0;
		for (let run = 0; run < 20_000; run++) {
			const inner = documentText(next);
			const wrapped = next() < 0.3;
			const text = wrapped ? `{"topic":"t",${blank(next)}"value":${blank(next)}${inner}}` : inner;
			const member = wrapped ? 'value' : undefined;
			// The text sits inside a larger buffer, as in a stored record: the scan must keep to its bytes.
			const padding = Buffer.from('{"x":"\\');
			const buffer = Buffer.concat([padding, Buffer.from(text), padding]);
			const end = padding.length + Buffer.byteLength(text);
			const scannedFields = scan(buffer, padding.length, end, member);
			if (scannedFields === unscannable) continue;
			// The scanner hands back one array, refilled by each scan.
			const found = [...scannedFields];
			scanned++;
			// Asked for spans, the scan leaves ASCII texts undecoded: their bytes must be the text it gives otherwise.
			const spans = new Int32Array(2 * paths.length);
			const spanned = [...scan(buffer, padding.length, end, member, spans) as ScannedField[]];
			for (const [index, path] of paths.entries()) {
				const want = expected(text, member, path);
				const kept = spanned[index] === asciiText ? buffer.toString('latin1', spans[2 * index], spans[(2 * index) + 1]) : spanned[index];
				expect(Object.is(kept, found[index]), text).toBe(true);
				if (found[index] !== want && !(Number.isNaN(found[index]) && Number.isNaN(want))) expect({text, path, found: found[index]}).toEqual({text, path, found: want});
				// -0 and 0 are both "0" as group values, but the scan must give the very number JSON.parse gives.
				expect(Object.is(found[index], want)).toBe(true);
			}
		}

		// Only texts nested too deep to walk are left to the slow path.
		expect(scanned).toBeGreaterThan(19_000);
	});

	it('reads numbers to the very double JSON.parse gives, in 20,000 random decimals', () => {
		const next = random(21);
		const scan = pathsScanner([['amount']], containers)!;
		const digits = (count: number) => Array.from({length: count}, () => Math.floor(next() * 10)).join('');
		for (let run = 0; run < 20_000; run++) {
			// Up to 18 digits in all (past the 15 read exactly in JavaScript), leading zeros, exponents now and then.
			const whole = next() < 0.3 ? '0' : `${1 + Math.floor(next() * 9)}${digits(Math.floor(next() * 10))}`;
			const fraction = next() < 0.7 ? `.${digits(1 + Math.floor(next() * 8))}` : '';
			const exponent = next() < 0.1 ? `e${next() < 0.5 ? '-' : ''}${Math.floor(next() * 30)}` : '';
			const number = `${next() < 0.3 ? '-' : ''}${whole}${fraction}${exponent}`;
			const text = Buffer.from(`{"amount":${number}}`);
			const found = scan(text, 0, text.length, undefined);
			expect(found === unscannable ? found : Object.is(found[0], JSON.parse(number)), number).toBe(true);
		}

		const malformed = ['01', '-', '1.', '.5', '-01.5', '1.5.5', '--1', '0x10'].map(number => Buffer.from(`{"amount":${number}}`));
		for (const text of malformed) expect(scan(text, 0, text.length, undefined), text.toString()).toBe(unscannable);
	});

	it('leaves names every object inherits to the slow path', () => {
		expect(pathsScanner([['constructor']], containers)).toBeUndefined();
		expect(pathsScanner([['a', '__proto__']], containers)).toBeUndefined();
		expect(pathsScanner([['amount']], ['toString'])).toBeUndefined();
	});
});

/** The group-by as it was: every event decoded, fields through findPath (the oracle). */
function slowGroupBy(store: EventStore, groupBy: string, sum: string | undefined, where: EventFilter | undefined): GroupByResult {
	const special = new Set(['topic', 'type', 'status', 'key', 'source']);
	const fieldOf = (event: Envelope, field: string): unknown => (special.has(field) ? event[field as keyof Envelope] : findPath(event.value, event.headers, field.split('.'), containers));
	const groups = new Map<string, {count: number; sum?: number; firstSeen?: number; lastSeen?: number}>();
	// What each group's sum lost to rounding, added back at the end as the group table does (its own test checks that).
	const lost = new Map<string, number>();
	const seen = new Set<string>();
	const result: GroupByResult = {matched: 0, withoutField: 0, copies: 0, groups: []};
	visitStoredEvents(store, event => {
		if (where && !where.matches(event)) return;
		if (seen.has(event.eventId)) {
			result.copies++;
			return;
		}

		seen.add(event.eventId);
		result.matched++;
		const value = scalarText(fieldOf(event, groupBy));
		if (value === undefined) {
			result.withoutField++;
			return;
		}

		const group = groups.get(value) ?? {count: 0, ...(sum === undefined ? {} : {sum: 0})};
		groups.set(value, group);
		group.count++;
		const amount = sum === undefined ? undefined : numericValue(fieldOf(event, sum));
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
	});
	for (const [value, group] of groups) if (group.sum !== undefined) group.sum += lost.get(value) ?? 0;
	result.groups = [...groups].sort(([a, x], [b, y]) => y.count - x.count || (a < b ? -1 : a > b ? 1 : 0));
	return result;
}

/** Random stored events: value texts (some wrapped in a line's `value`), values kept as objects, headers, copies. */
function randomEvents(next: () => number, count: number): Envelope[] {
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

describe('the fast group-by', () => {
	it('gives the slow path\'s answers for every field, sum and filter over 3,000 random stored events', async () => {
		const store = open(tempDirectory());
		await store.putBatch(randomEvents(random(7), 3000));
		const cases: Array<[string, string | undefined, string | undefined]> = [
			['topic', undefined, undefined], ['type', 'amount', undefined], ['key', 'amount', 'type:Order*'], ['status', undefined, undefined],
			['source', undefined, undefined], ['customerId', 'amount', undefined], ['customerId', 'a.b', 'topic:orders !id:nothing'],
			['a.b', 'customerId', undefined], ['x-tenant', 'amount', undefined], ['data', undefined, undefined], ['amount', 'amount', 'customerId:C-1'],
			['constructor', undefined, undefined], ['value', 'amount', 'partition<3'],
		];
		for (const [groupBy, sum, where] of cases) {
			const filter = where === undefined ? undefined : compileFilter(where);
			let decoded = 0;
			const counted: Pick<EventStore, 'records' | 'get' | 'seqRange'> = {records: (visit, after, upTo) => store.records(visit, after, upTo), get: seq => (decoded++, store.get(seq)), seqRange: () => store.seqRange()};
			const fast = groupStoredEvents(counted, {groupBy, sum, where: filter, containers});
			expect({groupBy, sum, where, ...fast}).toEqual({groupBy, sum, where, ...slowGroupBy(store, groupBy, sum, filter)});
			expect(fast.matched, where).toBeGreaterThan(0);
			// The fast path reads most events from their bytes: only objects stored as such, texts nested too deep,
			// copies to tell apart, names every object inherits and filters on the value are decoded in full.
			const wholeEvents = groupBy === 'constructor' || (where !== undefined && /customerId/.test(where));
			if (!wholeEvents) expect(decoded, `${groupBy} ${sum} ${where}`).toBeLessThan(0.5 * 3000);
		}
	});

	it('gives the slow path\'s answers with thousands of groups, ASCII or not, by an envelope field and by a value field', async () => {
		const next = random(5);
		const store = open(tempDirectory());
		// Values of every length up to 40 characters (past what one table slot holds), some not ASCII, repeated.
		const value = () => `${['C', 'é', 'x'.repeat(30), '😀'][Math.floor(next() * 4)]}-${Math.floor(next() * 2500)}`;
		const events = Array.from({length: 6000}, (_, index) => {
			const text = JSON.stringify({customerId: value(), amount: Math.floor(next() * 1e4) / 100});
			return envelope({key: value(), eventId: `evt-${Math.floor(next() * 5500)}`, timestamp: 1_700_000_000_000 + Math.floor(next() * 1e6), value: JSON.parse(text) as unknown, valueText: {text}, seq: index + 1});
		});
		// Two values of one length whose bytes hash alike (32-bit FNV-1a, as the group table's index): kept apart.
		const fnv = (text: string) => [...text].reduce((hash, char) => Math.imul(hash ^ char.charCodeAt(0), 0x01_00_01_93), 0x81_1c_9d_c5);
		const byHash = new Map<number, string>();
		let alike: [string, string] | undefined;
		for (let index = 100_000; !alike; index++) {
			const text = `K${index}`;
			const earlier = byHash.get(fnv(text));
			if (earlier === undefined) byHash.set(fnv(text), text);
			else alike = [earlier, text];
		}

		events.push(...alike.flatMap((key, pair) => [1, 2, 3].map(copy => envelope({key, eventId: `alike-${pair}-${copy}`, seq: events.length + 1 + (pair * 3) + copy}))));
		await store.putBatch(events);
		expect(groupStoredEvents(store, {groupBy: 'key', containers}).groups.filter(([key]) => alike.includes(key))).toEqual(alike.map(key => [key, {count: 3}]));
		for (const [groupBy, sum] of [['key', 'amount'], ['customerId', 'amount'], ['customerId', undefined]] as const) {
			const fast = groupStoredEvents(store, {groupBy, sum, containers});
			expect(fast.groups.length).toBeGreaterThan(2000);
			expect(fast).toEqual(slowGroupBy(store, groupBy, sum, undefined));
		}
	});

	it('folds only the events stored since the last fold, and ends where a fold of everything ends', async () => {
		const store = open(tempDirectory());
		// The later events have ids of their own: which copy of an id counts then cannot differ between the folds.
		const events = randomEvents(random(11), 1200).map((event, index) => (index < 700 ? event : {...event, eventId: `late-${event.eventId}`}));
		const options = {groupBy: 'customerId', sum: 'amount', containers};
		const live = new GroupAccumulator(options);
		expect(live.foldStored(store)).toBe(0);
		await store.putBatch(events.slice(0, 700));
		expect(live.foldStored(store)).toBe(700);
		await store.putBatch(events.slice(700));
		expect(live.foldStored(store)).toBe(500);
		expect(live.foldStored(store)).toBe(0);
		expect(live.result()).toEqual(groupStoredEvents(store, options));
	});
});
