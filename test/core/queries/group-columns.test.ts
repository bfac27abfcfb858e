// Group-bys answered from the store's group columns (one compact block per stored batch) against the slow path
// (every event decoded, fields through findPath): every field and sum over random events, stores that hold no
// blocks for some batches or lack the column asked for, and retention deleting part of a block.
import {open as openLmdb} from 'lmdb';
import {describe, expect, it} from 'vitest';
import {defaultConfig} from '../../../source/core/config.js';
import {compileFilter} from '../../../source/core/filter/filter.js';
import {answeredByColumns, GroupAccumulator, groupStoredEvents} from '../../../source/core/queries/group-by.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {envelope, open, tempDirectory} from '../store/helpers.js';
import {random, randomEvents, slowGroupBy} from './random-events.js';

const containers = defaultConfig.fields.containers;
/** The value fields random events are grouped and summed by. */
const valueFields = ['customerId', 'amount', 'a.b', 'x-tenant', 'data', 'constructor', 'value'];

/** A store that counts what a group-by reads of it: records visited, events decoded whole, blocks visited. */
function counting(store: EventStore) {
	const reads = {records: 0, decoded: 0, blocks: 0};
	const counted: Pick<EventStore, 'records' | 'get' | 'seqRange' | 'columnBlocks'> = {
		records: (visit, after, upTo) => store.records((seq, bytes) => {
			reads.records++;
			visit(seq, bytes);
		}, after, upTo),
		get(seq) {
			reads.decoded++;
			return store.get(seq);
		},
		seqRange: () => store.seqRange(),
		columnBlocks: (visit, after, upTo) => store.columnBlocks(block => {
			reads.blocks++;
			visit(block);
		}, after, upTo),
	};
	return {counted, reads};
}

/** Store `events` in batches of `size` (a block each). */
async function putInBatches(store: EventStore, events: ReturnType<typeof randomEvents>, size: number): Promise<void> {
	for (let from = 0; from < events.length; from += size) await store.putBatch(events.slice(from, from + size));
}

describe('group-bys from group columns', () => {
	it('give the slow path\'s answers for every envelope and value field, reading no record', async () => {
		const store = open(tempDirectory(), {columns: {fields: valueFields, containers}});
		const events = randomEvents(random(13), 3000);
		await putInBatches(store, events, 400);
		// Values kept as objects (Avro, binary: 15 % of these events) are read from their records by value fields.
		const fromObjects = events.filter(event => event.valueText === undefined).length;
		expect(fromObjects).toBeGreaterThan(100);
		const repeatedTenants = events.filter(event => event.valueText !== undefined && Array.isArray(event.headers?.['x-tenant'])).length;
		const cases: Array<[string, string | undefined]> = [
			['topic', undefined], ['type', 'amount'], ['key', 'amount'], ['status', undefined], ['source', 'customerId'],
			['customerId', 'amount'], ['a.b', 'customerId'], ['x-tenant', 'amount'], ['data', undefined], ['amount', 'amount'],
			['constructor', undefined], ['value', 'a.b'], ['customerId', 'x-tenant'],
		];
		// Sums of a field inside arrays (their elements added) and of a repeated header (not added) among them.
		const noted = {inArrays: 0, repeatedHeaders: 0};
		for (const [groupBy, sum] of cases) {
			const {counted, reads} = counting(store);
			const options = {groupBy, sum, containers};
			expect(answeredByColumns(store, options), groupBy).toBe(true);
			const fast = groupStoredEvents(counted, options);
			expect({groupBy, sum, ...fast}).toEqual({groupBy, sum, ...slowGroupBy(store, groupBy, sum, undefined)});
			expect(fast.matched).toBeGreaterThan(0);
			expect(reads.records, `${groupBy} ${sum}`).toBe(0);
			expect(reads.blocks).toBe(Math.ceil(3000 / 400));
			// Whole events are read for values kept as objects, for a header sent more than once (whether to sum it is
			// the record's reader's to say), and to tell two ids that hash alike apart (copies).
			const valueField = !['topic', 'type', 'key', 'status', 'source'].includes(groupBy) || sum !== undefined;
			const repeated = [groupBy, sum].includes('x-tenant') ? repeatedTenants : 0;
			expect(reads.decoded, `${groupBy} ${sum}`).toBeLessThanOrEqual((valueField ? fromObjects : 0) + repeated + fast.copies);
			noted.inArrays += fast.sumInArrays;
			noted.repeatedHeaders += fast.sumRepeatedHeaders;
		}

		expect(noted.inArrays).toBeGreaterThan(0);
		expect(noted.repeatedHeaders).toBeGreaterThan(0);

		// A filter, or a sum of an envelope field, reads the records instead: the same answers.
		for (const [groupBy, sum, where] of [['customerId', 'amount', 'type:Order*'], ['topic', 'key', undefined]] as const) {
			const {counted, reads} = counting(store);
			const filter = where === undefined ? undefined : compileFilter(where);
			expect(groupStoredEvents(counted, {groupBy, sum, where: filter, containers})).toEqual(slowGroupBy(store, groupBy, sum, filter));
			expect(reads.records).toBe(3000);
		}
	});

	it('read the records of batches whose block lacks a column, was searched in other containers, or is missing', async () => {
		const directory = tempDirectory();
		const events = randomEvents(random(17), 2400);
		let store = open(directory, {columns: {fields: ['customerId', 'amount'], containers}});
		await putInBatches(store, events.slice(0, 800), 200);
		await store.close();
		// The configuration changed: no customerId column, then other containers.
		store = open(directory, {columns: {fields: ['amount'], containers}});
		await putInBatches(store, events.slice(800, 1400), 200);
		await store.close();
		store = open(directory, {columns: {fields: ['customerId', 'amount'], containers: ['payload']}});
		await putInBatches(store, events.slice(1400, 1800), 200);
		await store.close();
		store = open(directory, {columns: {fields: ['customerId', 'amount'], containers}});
		await putInBatches(store, events.slice(1800), 200);
		await store.close();
		// A store written before group columns: the blocks of two batches (seqs 201–400 and 1001–1200) are not there.
		const environment = openLmdb({path: directory, maxDbs: 16});
		const blocks = environment.openDB<Uint8Array, number>('group-columns', {encoding: 'binary'});
		expect([...blocks.getKeys()]).toHaveLength(12);
		await blocks.remove(400);
		await blocks.remove(1200);
		await environment.close();

		store = open(directory, {readOnly: true});
		// Records are read exactly where no block answers: the 2 batches without one; for amount also the 2 searched
		// in other containers; for customerId also the 3 without its column (one of them among the 2).
		for (const [groupBy, sum, records] of [['customerId', 'amount', 1200], ['topic', 'amount', 800], ['topic', undefined, 400]] as const) {
			const {counted, reads} = counting(store);
			expect(groupStoredEvents(counted, {groupBy, sum, containers})).toEqual(slowGroupBy(store, groupBy, sum, undefined));
			expect(reads.records, `${groupBy} ${sum}`).toBe(records);
		}
	});

	it('read a store that has no group columns at all, opened read-only, from its records', async () => {
		const directory = tempDirectory();
		const events = randomEvents(random(19), 600);
		let store = open(directory);
		await putInBatches(store, events, 300);
		await store.close();
		const environment = openLmdb({path: directory, maxDbs: 16});
		await environment.openDB('group-columns', {}).drop();
		await environment.close();
		store = open(directory, {readOnly: true});
		const {counted, reads} = counting(store);
		expect(answeredByColumns(store, {groupBy: 'topic', containers})).toBe(false);
		expect(groupStoredEvents(counted, {groupBy: 'topic', containers})).toEqual(slowGroupBy(store, 'topic', undefined, undefined));
		expect(reads).toMatchObject({records: 600, blocks: 0});
	});

	it('count what retention leaves of a block, and lose the blocks whose events are all gone', async () => {
		const store = open(tempDirectory(), {columns: {fields: ['customerId', 'amount'], containers}, retention: {...defaultConfig.store.retention, maxEvents: 1000}});
		// Ids of their own: which copy of an id is counted cannot depend on which copies retention kept.
		const events = randomEvents(random(23), 2500).map((event, index) => ({...event, eventId: `evt-${index}`}));
		await putInBatches(store, events, 300);
		const range = store.seqRange()!;
		expect(range.newest - range.oldest + 1).toBeLessThanOrEqual(1000);
		// Retention's passes delete whole events, not whole batches: the oldest block holds some that are gone.
		expect((range.oldest - 1) % 300).not.toBe(0);
		const seen: number[] = [];
		store.columnBlocks(({first, count}) => {
			seen.push(first, first + count - 1);
		});
		expect(Math.min(...seen)).toBeLessThan(range.oldest);
		expect(Math.max(...seen.filter((_, index) => index % 2 === 1).map(last => last))).toBe(range.newest);
		// Every block left holds at least one stored event.
		for (let index = 1; index < seen.length; index += 2) expect(seen[index]).toBeGreaterThanOrEqual(range.oldest);
		for (const [groupBy, sum] of [['customerId', 'amount'], ['type', undefined]] as const) {
			const {counted, reads} = counting(store);
			expect(groupStoredEvents(counted, {groupBy, sum, containers})).toEqual(slowGroupBy(store, groupBy, sum, undefined));
			expect(reads.records).toBe(0);
			// The live view's first fold reads everything stored, from seq 0 on.
			const live = new GroupAccumulator({groupBy, sum, containers});
			live.foldStored(store);
			expect(live.result()).toEqual(slowGroupBy(store, groupBy, sum, undefined));
		}
	});

	it('keep more than 65,535 distinct values of an envelope field in one batch', async () => {
		const store = open(tempDirectory());
		const events = Array.from({length: 70_000}, (_, index) => envelope({type: `T-${index % 69_000}`, topic: index % 2 === 0 ? 'a' : 'b', eventId: `e-${index}`, timestamp: 1_700_000_000_000 + index}));
		await store.putBatch(events);
		const {counted, reads} = counting(store);
		const result = groupStoredEvents(counted, {groupBy: 'type', containers});
		expect(reads).toMatchObject({records: 0, blocks: 1});
		expect(result.groups).toHaveLength(69_000);
		expect(result).toEqual(slowGroupBy(store, 'type', undefined, undefined));
	});

	it('fold a live store block by block as events arrive, ending where a fold of everything ends', async () => {
		const store = open(tempDirectory(), {columns: {fields: ['customerId', 'amount'], containers}});
		// The later events have ids of their own: which copy of an id counts then cannot differ between the folds.
		const events = randomEvents(random(29), 1500).map((event, index) => (index < 900 ? event : {...event, eventId: `late-${index}`}));
		const options = {groupBy: 'customerId', sum: 'amount', containers};
		const live = new GroupAccumulator(options);
		await store.putBatch(events.slice(0, 900));
		expect(live.foldStored(store)).toBe(900);
		await store.putBatch(events.slice(900, 1200));
		await store.putBatch([envelope({eventId: 'one-more', value: {customerId: 'C-new', amount: 2}, valueText: {text: '{"customerId":"C-new","amount":2}'}})]);
		expect(live.foldStored(store)).toBe(301);
		await store.putBatch(events.slice(1200));
		expect(live.foldStored(store)).toBe(300);
		expect(live.result()).toEqual(groupStoredEvents(store, options));
	});
});
