// Event records in chunks (event-chunks.ts): how a batch is laid out, every read path over chunks, records that
// have an entry of their own (stores of earlier versions, records rewritten by a merge) and retention cutting a chunk.
import {describe, expect, it} from 'vitest';
import {unpack} from 'msgpackr';
import type {Envelope} from '../../../source/core/envelope.js';
import {commit} from '../../../source/core/store/commit.js';
import {openDatabases, putEncoded} from '../../../source/core/store/databases.js';
import {chunkRecords, recordOfChunk} from '../../../source/core/store/event-chunks.js';
import type {EventRecord} from '../../../source/core/store/event-record.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {envelope, keepAll, open, tempDirectory} from './helpers.js';

/** An event whose value is kept as its JSON text, as a recording's events are. */
function textEvent(type: string, fields: Partial<Envelope> = {}, pad = 0): Envelope {
	const value = {type, pad: 'x'.repeat(pad)};
	return envelope({type, value, valueText: {text: JSON.stringify(value)}, ...fields});
}

/** Every stored record as records() visits it: seq and the record's type and txId, newest first. */
function visited(store: EventStore): Array<[number, string, number]> {
	const seen: Array<[number, string, number]> = [];
	store.records((seq, bytes) => {
		const record = unpack(bytes) as EventRecord;
		seen.push([seq, record[11], record[16]]);
	});
	return seen;
}

/** The chunks' keys and records as the environment holds them. */
async function chunksOf(directory: string): Promise<{keys: Array<[number, number]>; types: string[]; singles: number[]}> {
	const dbs = openDatabases(directory, {readOnly: true});
	try {
		const keys: Array<[number, number]> = [];
		const types: string[] = [];
		for (const {key, value} of dbs.chunks?.getRange({}) ?? []) {
			keys.push(key);
			for (let i = 0; i < key[1]; i++) types.push((unpack(recordOfChunk(value, key[1], i)) as EventRecord)[11]);
		}

		return {keys, types, singles: [...dbs.events.getKeys({})]};
	} finally {
		await dbs.root.close();
	}
}

describe('event chunks', () => {
	it('lay a batch out in chunks of consecutive records, at most 64 or about 16 KB each, every read giving each event back', async () => {
		const directory = tempDirectory();
		const store = open(directory);
		// Mostly small events; every 50th is 20 KB, which closes its chunk early.
		const events = Array.from({length: 300}, (_, i) => textEvent(`t${i}`, {ids: [`ORD-${Math.floor(i / 3)}`], receivedAt: 1_000 + i}, i % 50 === 7 ? 20_000 : i % 7));
		await store.putBatch(events.map(event => ({...event})));
		await store.putBatch([textEvent('after')]);
		expect(store.stats().events).toBe(301);
		expect(store.seqRange()).toEqual({oldest: 1, newest: 301});
		for (let seq = 1; seq <= 300; seq++) {
			const event = store.get(seq)!;
			expect([event.type, event.value, event.ids, event.receivedAt]).toEqual([`t${seq - 1}`, events[seq - 1]!.value, events[seq - 1]!.ids, 1_000 + seq - 1]);
		}

		expect(store.get(302)).toBeUndefined();
		expect(visited(store).map(([seq, type]) => [seq, type])).toEqual(Array.from({length: 301}, (_, i) => [301 - i, i === 0 ? 'after' : `t${299 - (i - 1)}`]));
		expect(visited(store).filter(([seq]) => seq <= 200 && seq > 150)).toHaveLength(50);
		const part: number[] = [];
		store.records(seq => part.push(seq), 150, 200);
		expect(part).toEqual(Array.from({length: 50}, (_, i) => 200 - i));
		// A visit may read the store (group-by does for records it cannot read raw): the records after it stay intact.
		const whileReading: string[] = [];
		store.records((seq, bytes) => {
			expect(store.get(300 - seq)?.type).toBe(`t${299 - seq}`);
			whileReading.push((unpack(bytes) as EventRecord)[11]);
		}, 0, 200);
		expect(whileReading).toEqual(Array.from({length: 200}, (_, i) => `t${199 - i}`));
		expect(store.recent(3).map(event => event.type)).toEqual(['t298', 't299', 'after']);
		expect(store.recent(2, undefined, 299).map(event => event.type)).toEqual(['t299', 'after']);
		expect(store.transaction('ORD-40')?.events.map(event => event.type)).toEqual(['t120', 't121', 't122']);
		const found = store.search(event => event.type.endsWith('7'), {limit: 3, maxScanned: 1_000});
		expect(found.matches.map(event => event.type)).toEqual(['t297', 't287', 't277']);
		expect(store.search(() => true, {limit: 2, maxScanned: 10, beforeSeq: found.continueBefore}).matches.map(event => event.type)).toEqual(['t276', 't275']);
		await store.close();

		const {keys, types, singles} = await chunksOf(directory);
		expect(singles).toEqual([]);
		expect(types).toEqual([...events.map(event => event.type), 'after']);
		let next = 1;
		for (const [first, count] of keys) {
			expect(first).toBe(next);
			expect(count).toBeGreaterThan(0);
			expect(count).toBeLessThanOrEqual(chunkRecords);
			next = first + count;
		}

		expect(next).toBe(302);
		// The 20 KB events each end a chunk; a batch of small events alone would fill chunks of 64.
		expect(keys.filter(([, count]) => count < chunkRecords).length).toBeGreaterThanOrEqual(6);
		expect(keys.some(([, count]) => count === chunkRecords)).toBe(false);
		expect(open(directory).stats().events).toBe(301);
	});

	it('fill four 4 KB pages per chunk, no more, when events are a few hundred bytes (a fifth page would be mostly empty)', async () => {
		const directory = tempDirectory();
		const store = open(directory);
		const events = Array.from({length: 400}, (_, i) => textEvent(`t${i}`, {receivedAt: i}, 250 + ((i * 37) % 200)));
		await store.putBatch(events);
		await store.close();
		const dbs = openDatabases(directory, {readOnly: true});
		try {
			const lengths = [...dbs.chunks!.getRange({})].map(({value}) => value.length);
			expect(lengths.length).toBeGreaterThan(5);
			// What four pages hold once LMDB's 16-byte page header is taken; all but the last chunk nearly fill them.
			for (const length of lengths) expect(length).toBeLessThanOrEqual((4 * 4096) - 16);
			for (const length of lengths.slice(0, -1)) expect(length).toBeGreaterThan(15_000);
			expect(dbs.chunks!.getStats()).toMatchObject({overflowPages: 4 * (lengths.length - 1) + Math.ceil((lengths.at(-1)! + 16) / 4096), pageSize: 4096});
		} finally {
			await dbs.root.close();
		}
	});

	it('read a store whose records have an entry each (earlier versions), add chunks after them, and let retention cut a chunk', async () => {
		const directory = tempDirectory();
		// A store as earlier versions wrote it: one entry per record, and the counters.
		const legacy = openDatabases(directory);
		await commit(legacy.root, () => {
			for (let seq = 1; seq <= 10; seq++) putEncoded(legacy, seq, legacy.encodeEvent(textEvent(`old${seq}`, {seq, receivedAt: seq})));
			void legacy.meta.put('counters', {nextSeq: 11, nextTxId: 1});
		});
		await legacy.root.close();

		const store = open(directory);
		expect(store.stats().events).toBe(10);
		expect(store.get(4)?.type).toBe('old4');
		// With offsets, retention reads the read-twice guard's runs after the chunk it cuts.
		await store.putBatch(Array.from({length: 100}, (_, i) => textEvent(`new${i + 11}`, {receivedAt: 100 + i, offset: String(i)})));
		expect(store.stats().events).toBe(110);
		expect(store.seqRange()).toEqual({oldest: 1, newest: 110});
		expect(visited(store).map(([seq]) => seq)).toEqual(Array.from({length: 110}, (_, i) => 110 - i));
		expect(visited(store).slice(98).map(([, type]) => type)).toEqual(['new12', 'new11', 'old10', 'old9', 'old8', 'old7', 'old6', 'old5', 'old4', 'old3', 'old2', 'old1']);
		expect(store.search(event => event.type.startsWith('old'), {limit: 2, maxScanned: 1_000}).matches.map(event => event.type)).toEqual(['old10', 'old9']);
		await store.close();

		// The 10 with entries of their own go, and the first chunked one (chunks of seqs 11–74 and 75–110): the cut
		// chunk's records are copied before retention reads the guard's runs, which reuses LMDB's read buffer.
		const cut = open(directory, {retention: {...keepAll, maxEvents: 99}});
		expect(await cut.enforceRetention()).toBe(11);
		expect(visited(cut).map(([, type]) => type)).toEqual(Array.from({length: 99}, (_, i) => `new${110 - i}`));
		await cut.close();

		// 49 more go, cutting the same chunk again.
		const limited = open(directory, {retention: {...keepAll, maxEvents: 50}});
		expect(await limited.enforceRetention()).toBe(49);
		expect(limited.stats().events).toBe(50);
		expect(limited.seqRange()).toEqual({oldest: 61, newest: 110});
		expect([59, 60, 61, 62].map(seq => limited.get(seq)?.type)).toEqual([undefined, undefined, 'new61', 'new62']);
		expect(visited(limited).map(([seq]) => seq)).toEqual(Array.from({length: 50}, (_, i) => 110 - i));
		expect(limited.recent(100).map(event => event.type)).toEqual(Array.from({length: 50}, (_, i) => `new${i + 61}`));
		await limited.close();

		const {keys, types, singles} = await chunksOf(directory);
		expect(singles).toEqual([]);
		expect(keys).toEqual([[61, 14], [75, 36]]);
		expect(types).toEqual(Array.from({length: 50}, (_, i) => `new${i + 61}`));
		const reopened = open(directory);
		expect(reopened.stats().events).toBe(50);
		expect(reopened.stats().oldestReceivedAt).toBe(150);
	});

	it('give a record a merge rewrote after its chunk was stored on every read, and retention deletes both', async () => {
		const directory = tempDirectory();
		const store = open(directory);
		await store.putBatch([textEvent('fraud', {ids: ['TXN-1'], receivedAt: 1}), textEvent('filler', {receivedAt: 2})]);
		await store.putBatch([textEvent('order', {ids: ['ORD-1'], receivedAt: 3})]);
		const {merges, stored} = await store.putBatch([textEvent('payment', {ids: ['ORD-1', 'TXN-1'], receivedAt: 4})]);
		expect(merges).toHaveLength(1);
		const root = stored[0]!.txId;
		const moved = merges[0]!.from === store.get(1)!.txId ? 1 : 3;
		expect([1, 3, 4].map(seq => store.get(seq)?.txId)).toEqual([root, root, root]);
		expect(visited(store).map(([seq, type, txId]) => [seq, type, txId === root])).toEqual([[4, 'payment', true], [3, 'order', true], [2, 'filler', false], [1, 'fraud', true]]);
		expect(store.recent(4).map(event => event.txId === root)).toEqual([true, false, true, true]);
		expect(store.search(event => event.seq === moved, {limit: 1, maxScanned: 10}).matches[0]?.txId).toBe(root);
		expect(store.transaction('TXN-1')?.events.map(event => event.type)).toEqual(['fraud', 'order', 'payment']);
		await store.close();
		expect((await chunksOf(directory)).singles).toEqual([moved]);

		const limited = open(directory, {retention: {...keepAll, maxEvents: 1}});
		expect(await limited.enforceRetention()).toBe(3);
		expect(visited(limited).map(([seq, type]) => [seq, type])).toEqual([[4, 'payment']]);
		await limited.close();
		const left = await chunksOf(directory);
		expect(left.singles).toEqual([]);
		expect(left.types).toEqual(['payment']);
		expect(open(directory).stats().events).toBe(1);
	});
});
