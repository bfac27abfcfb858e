// The fast group-by (stored bytes + a scan of the value text) against the slow path it replaces (every event
// decoded, its value text through JSON.parse, fields through findPath), over random, mutated value texts.
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {findPath} from '../../../source/core/fields.js';
import {compileFilter} from '../../../source/core/filter/filter.js';
import {asciiText, pathsScanner, structured, unscannable, type ScannedField} from '../../../source/core/json-field-scan.js';
import {GroupAccumulator, groupStoredEvents} from '../../../source/core/queries/group-by.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {envelope, open, tempDirectory} from '../store/helpers.js';
import {blank, documentText, random, randomEvents, slowGroupBy} from './random-events.js';

const containers = defaultConfig.fields.containers;

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
			if (scannedFields === unscannable) {
				// Only texts nested too deep to walk, or holding an array a path may meet (the whole event tells a group-by), are left to the slow path.
				expect(text.includes('{"a":'.repeat(65)) || text.includes('['), text).toBe(true);
				continue;
			}

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

		// Most texts are read by the scan (15,495 of these: a fifth of them hold arrays a path meets).
		expect(scanned).toBeGreaterThan(15_000);
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
			const counted: Pick<EventStore, 'records' | 'get' | 'seqRange' | 'columnBlocks'> = {records: (visit, after, upTo) => store.records(visit, after, upTo), get: seq => (decoded++, store.get(seq)), seqRange: () => store.seqRange(), columnBlocks: (visit, after, upTo) => store.columnBlocks(visit, after, upTo)};
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
