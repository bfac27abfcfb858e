// The read-twice guard: the same source/topic/partition/offset is stored once, across batches and reopens.
import {describe, expect, it} from 'vitest';
import {openDatabases} from '../../../source/core/store/databases.js';
import {ReadTwiceGuard} from '../../../source/core/store/guard.js';
import {envelope, open, tempDirectory} from './helpers.js';

const message = (offset: string, partition = 0, topic = 'orders') => envelope({offset, partition, topic, type: `${topic}/${partition}@${offset}`});

describe('read twice', () => {
	it('skips messages already stored, in a later batch or earlier in the same one', async () => {
		const store = open(tempDirectory());
		const first = await store.putBatch([message('1'), message('2')]);
		expect(first.skipped).toBe(0);
		const second = await store.putBatch([message('2'), message('3'), message('3'), message('1')]);
		expect(second.skipped).toBe(3);
		expect(second.stored.map(event => event.type)).toEqual(['orders/0@3']);
		expect(second.stored[0]!.seq).toBe(3);
		expect(store.stats().events).toBe(3);
	});

	it('remembers across a reopen, and tells partitions, topics and sources apart', async () => {
		const directory = tempDirectory();
		const before = open(directory);
		await before.putBatch([message('5'), message('9', 1)]);
		await before.close();
		const after = open(directory);
		const result = await after.putBatch([
			message('5'), message('9', 1), message('5', 1), message('5', 0, 'payments'), {...message('5'), source: 'redis'},
			message('10'),
		]);
		expect(result.skipped).toBe(2);
		expect(result.stored.map(event => event.type)).toEqual(['orders/1@5', 'payments/0@5', 'orders/0@5', 'orders/0@10']);
	});

	it('tells two clusters (origins) of one kind apart: the same topic, partition and offset there are two messages', async () => {
		const directory = tempDirectory();
		const from = (origin: string | undefined, offset: string) => ({...message(offset), origin, type: `${origin ?? 'none'}@${offset}`, valueText: {text: '{"n":1}'}});
		const before = open(directory);
		expect((await before.putBatch([from('east:9092', '1'), from('west:9092', '1'), from(undefined, '1')])).skipped).toBe(0);
		await before.close();
		const after = open(directory);
		expect(after.get(2)?.origin).toBe('west:9092');
		const again = await after.putBatch([from('east:9092', '1'), from('west:9092', '1'), from(undefined, '1'), from('west:9092', '2')]);
		expect(again.skipped).toBe(3);
		expect(again.stored.map(event => event.type)).toEqual(['west:9092@2']);
	});

	it('keeps each partition\'s highest offset apart as messages are admitted, batch after batch and after a reopen', async () => {
		const directory = tempDirectory();
		const before = open(directory);
		await before.putBatch([message('1'), message('2', 1), message('1700000000000-1', 2)]);
		await before.putBatch([message('3'), message('1700000000000-2', 2), message('4', 1)]);
		await before.close();
		const after = open(directory);
		// The highest offsets are read from LMDB, then moved on by each new message: what is stored is still caught.
		const result = await after.putBatch([
			message('5'), message('3'), message('1'), message('6'), message('4', 1), message('2', 1),
			message('1700000000000-2', 2), message('1700000000000-3', 2), message('1700000000000-1', 2),
			// Too many digits for an exact number: a text offset, caught by its text.
			message('1234567890123456'), message('1234567890123456'),
		]);
		expect(result.stored.map(event => event.type)).toEqual(['orders/0@5', 'orders/0@6', 'orders/2@1700000000000-3', 'orders/0@1234567890123456']);
		const again = await after.putBatch([message('6'), message('7'), message('1700000000000-3', 2), message('1234567890123456')]);
		expect(again.stored.map(event => event.type)).toEqual(['orders/0@7']);
	});

	it('orders Redis entry ids and catches repeats of non-numeric offsets', async () => {
		const store = open(tempDirectory());
		await store.putBatch([message('1700000000000-1'), message('1700000000000-2'), message('offset-a')]);
		const result = await store.putBatch([message('1700000000000-1'), message('1700000000001-0'), message('offset-a'), message('offset-b')]);
		expect(result.skipped).toBe(2);
		expect(result.stored.map(event => event.offset)).toEqual(['1700000000001-0', 'offset-b']);
	});

	it('stores messages that arrive out of offset order (a merged recording) and still catches their repeats', async () => {
		const directory = tempDirectory();
		const before = open(directory);
		expect((await before.putBatch([message('5'), message('10'), message('7'), message('12')])).skipped).toBe(0);
		expect((await before.putBatch([message('6'), message('11'), message('20'), message('8')])).skipped).toBe(0);
		await before.close();
		const after = open(directory);
		const offsets = ['5', '6', '7', '8', '9', '10', '11', '12', '13', '20', '21'];
		const again = await after.putBatch(offsets.map(offset => message(offset)));
		expect(again.stored.map(event => event.offset)).toEqual(['9', '13', '21']);
		expect(after.stats().events).toBe(11);
	});

	it('never skips events that have no offset', async () => {
		const store = open(tempDirectory());
		const result = await store.putBatch([envelope(), envelope(), envelope()]);
		expect(result.skipped).toBe(0);
		expect(result.stored.map(event => event.seq)).toEqual([1, 2, 3]);
	});

	it('counts the entries of a Redis stream stored between two ids, in runs and out of order; none stored: not told', async () => {
		const store = open(tempDirectory());
		const entry = (id: string) => ({...message(id), source: 'redis', origin: 'cache:6379', topic: 'events', partition: undefined, valueText: {text: `{"id":"${id}"}`}});
		await store.putBatch(['1-1', '2-1', '3-1', '4-1', '5-1'].map(entry));
		await store.putBatch(['6-1', '7-1', '8-1'].map(entry));
		// Below the highest id stored: kept under its own key, not in a run.
		await store.putBatch([entry('2-5')]);
		const stream = {source: 'redis', origin: 'cache:6379', topic: 'events'};
		expect(store.storedBetween(stream, '2-1', '7-1')).toBe(6);
		expect(store.storedBetween(stream, '0-0', '100-0')).toBe(9);
		expect(store.storedBetween(stream, '8-1', '100-0')).toBe(0);
		expect(store.storedBetween({...stream, topic: 'other'}, '0-0', '100-0')).toBeUndefined();
		expect(store.storedBetween({...stream, origin: 'elsewhere:6379'}, '0-0', '100-0')).toBeUndefined();
	});
});

describe('the partitions the guard keeps in memory', () => {
	it('are bounded: past the bound they are forgotten between jobs, and what was stored is still read twice', async () => {
		const directory = tempDirectory();
		const topics = Array.from({length: 10}, (_, n) => `t${n}`);
		const store = open(directory);
		await store.putBatch(topics.flatMap(topic => [message('1', 0, topic), message('2', 1, topic)]));
		await store.close();

		const dbs = openDatabases(directory);
		try {
			const guard = new ReadTwiceGuard(dbs, 4);
			/** One job offered `messages`: the types of those it admits. */
			const job = (messages: Array<ReturnType<typeof message>>) => {
				const planned = guard.begin();
				return messages.filter(event => planned.admit({...event, offset: event.offset!})).map(event => event.type);
			};

			const sizes: number[] = [];
			for (const topic of topics) {
				expect(job([message('1', 0, topic), message('2', 1, topic), message('1', 1, topic)])).toEqual([`${topic}/1@1`]);
				sizes.push(guard.size);
			}

			// Two partitions a job: forgotten once it knows 4, so never more than the bound plus one job's.
			expect(sizes).toEqual([2, 4, 2, 4, 2, 4, 2, 4, 2, 4]);
			// A partition forgotten and read again from LMDB knows its stored offsets: one above them is new, once.
			expect(job([message('2', 1, 't0'), message('3', 1, 't0'), message('3', 1, 't0')])).toEqual(['t0/1@3']);
		} finally {
			await dbs.root.close();
		}
	});
});
