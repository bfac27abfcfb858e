// Transactions checked against a model kept by hand over a random run: batches of events with one or two ids from a
// small pool (so that transactions merge), retention deleting the oldest events before each batch, the store opened
// again now and then (its caches empty, everything read from LMDB), ids too long for a key and with a lone surrogate.
import {describe, expect, it} from 'vitest';
import {openDatabases} from '../../../source/core/store/databases.js';
import {keyText} from '../../../source/core/store/keys.js';
import {Random} from '../../../source/core/sources/simulator/random.js';
import type {EventStore} from '../../../source/core/store/types.js';
import {envelope, keepAll, open, tempDirectory} from './helpers.js';
import {limit} from '../../support/limits.js';

/** An id too long to be a key as it is (kept under a hash of itself), and one holding a lone surrogate. */
const longId = `LONG-${'x'.repeat(200)}`;
const loneSurrogate = 'ORD-\uD800-1';

/** One transaction of the model: its ids and its events still stored. */
type ModelTx = {ids: Set<string>; events: Array<{eventId: string; time: number; seq: number}>};

/** What the store must say of transactions, kept by hand: events sharing an id, transitively, until each one is deleted. */
class TransactionModel {
	private readonly txOf = new Map<string, ModelTx>();
	/** Event ids in store order, with their transaction. */
	private readonly order: Array<{eventId: string; tx: () => ModelTx}> = [];
	private seq = 0;

	add(eventId: string, ids: string[], time: number): void {
		const joined = new Set(ids.flatMap(id => this.txOf.get(id) ?? []));
		const tx: ModelTx = {ids: new Set(ids), events: [{eventId, time, seq: ++this.seq}]};
		for (const other of joined) {
			for (const id of other.ids) tx.ids.add(id);
			tx.events.push(...other.events);
		}

		for (const id of tx.ids) this.txOf.set(id, tx);
		// An event's transaction is whichever now holds one of its ids (merges replace transactions).
		this.order.push({eventId, tx: () => this.txOf.get(ids[0]!)!});
	}

	/** Delete the oldest `count` events (store order); a transaction left without events is forgotten with its ids. */
	deleteOldest(count: number): void {
		for (const {eventId, tx} of this.order.splice(0, count)) {
			const holder = tx();
			holder.events = holder.events.filter(event => event.eventId !== eventId);
			if (holder.events.length === 0) for (const id of holder.ids) this.txOf.delete(id);
		}
	}

	get size(): number {
		return this.order.length;
	}

	/** The event ids (event-time order, then store order) and ids of the transaction `id` leads to; undefined when none. */
	expected(id: string): {events: string[]; ids: string[]} | undefined {
		const tx = this.txOf.get(id);
		if (!tx) return undefined;
		const events = [...tx.events].sort((a, b) => a.time - b.time || a.seq - b.seq).map(event => event.eventId);
		// In the order of their keys, as the store lists them.
		return {events, ids: [...tx.ids].sort((a, b) => Buffer.compare(Buffer.from(keyText(a)), Buffer.from(keyText(b))))};
	}
}

describe('transactions through merges, retention and reopening', () => {
	it('agree with a model of them after every batch of a random run', {timeout: limit(60_000)}, async () => {
		const random = new Random(19);
		const pick = (n: number) => Math.floor(random.next() * n);
		const pool = Array.from({length: 40}, (_, i) => (i === 7 ? longId : i === 11 ? loneSurrogate : `ID-${i}`));
		const maxEvents = 45;
		const directory = tempDirectory();
		const model = new TransactionModel();
		let store: EventStore = open(directory, {retention: {...keepAll, maxEvents}});
		let next = 0;
		for (let batch = 0; batch < 80; batch++) {
			if (batch % 9 === 8) {
				await store.close();
				store = open(directory, {retention: {...keepAll, maxEvents}});
			}

			const events = Array.from({length: 1 + pick(8)}, () => {
				const ids = Array.from({length: 1 + pick(2)}, () => pool[pick(pool.length)]!);
				return envelope({eventId: `e${next++}`, ids: [...new Set(ids)], timestamp: 1 + pick(50)});
			});
			// Retention makes room before the batch: the store never holds more than maxEvents.
			model.deleteOldest(Math.max(0, model.size + events.length - maxEvents));
			for (const event of events) model.add(event.eventId, event.ids, event.timestamp!);
			await store.putBatch(events);
			for (const id of pool) {
				const found = store.transaction(id);
				const expected = model.expected(id);
				expect(found && {events: found.events.map(event => event.eventId), ids: found.ids}, `batch ${batch}, id ${id.slice(0, 12)}`).toEqual(expected);
			}
		}

		await store.close();
		store = open(directory, {retention: {...keepAll, maxEvents: 0}});
		await store.enforceRetention();
		await store.close();
		const dbs = openDatabases(directory, {readOnly: true});
		expect({txEvents: dbs.txEvents.getKeysCount(), txIds: dbs.txIds.getKeysCount(), ids: dbs.ids.getKeysCount()}).toEqual({txEvents: 0, txIds: 0, ids: 0});
		await dbs.root.close();
	});
});
