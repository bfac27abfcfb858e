// Transactions in the store: look-up by any id, transitive joins in any arrival order, event-time order, the cap.
import {describe, expect, it} from 'vitest';
import {commit} from '../../../source/core/store/commit.js';
import {openDatabases, putEncoded, putTxEvent} from '../../../source/core/store/databases.js';
import {envelope, keepAll, open, tempDirectory, typesOf} from './helpers.js';
import {limit} from '../../support/limits.js';

const order = envelope({type: 'OrderCreated', ids: ['ORD-1'], timestamp: 1_000});
const payment = envelope({type: 'PaymentAuthorized', ids: ['ORD-1', 'TXN-9'], timestamp: 2_000});
const fraud = envelope({type: 'FraudChecked', ids: ['TXN-9'], timestamp: 3_000});

describe('transaction(id)', () => {
	it('finds every event of a transaction by any of its ids, joined through a second id', async () => {
		const store = open(tempDirectory());
		await store.putBatch([{...order}, {...payment}, {...fraud}]);
		for (const id of ['ORD-1', 'TXN-9']) expect(typesOf(store, id)).toEqual(['OrderCreated', 'PaymentAuthorized', 'FraudChecked']);
		const record = store.transaction('TXN-9')!;
		expect(record.ids.sort()).toEqual(['ORD-1', 'TXN-9']);
		expect(record.capped).toBe(false);
		expect(record.events.every(event => event.txId === record.txId)).toBe(true);
		expect(store.transaction('ORD-2')).toBeUndefined();
	});

	it('merges two transactions when the event joining them arrives last, in a later batch', async () => {
		const store = open(tempDirectory());
		const first = await store.putBatch([{...fraud}]);
		const second = await store.putBatch([{...order}]);
		const fraudTx = first.stored[0]!.txId;
		const orderTx = second.stored[0]!.txId;
		expect(fraudTx).not.toBe(orderTx);
		const joined = await store.putBatch([{...payment}]);
		expect(joined.merges).toEqual([{from: Math.max(fraudTx, orderTx), to: Math.min(fraudTx, orderTx)}]);
		const record = store.transaction('TXN-9')!;
		expect(record.txId).toBe(Math.min(fraudTx, orderTx));
		expect(record.events.map(event => event.type)).toEqual(['OrderCreated', 'PaymentAuthorized', 'FraudChecked']);
		expect(store.transaction('ORD-1')!.txId).toBe(record.txId);
		// The absorbed transaction's stored events were re-filed too.
		for (const event of record.events) expect(store.get(event.seq)!.txId).toBe(record.txId);
	});

	it('joins the same way whatever the arrival order, within one batch or across a reopen', async () => {
		const arrivals = [[payment, order, fraud], [fraud, payment, order], [fraud, order, payment]];
		for (const arrival of arrivals) {
			const store = open(tempDirectory());
			await store.putBatch(arrival.map(event => ({...event})));
			expect(typesOf(store, 'ORD-1')).toEqual(['OrderCreated', 'PaymentAuthorized', 'FraudChecked']);
			await store.close();
		}

		const directory = tempDirectory();
		const before = open(directory);
		await before.putBatch([{...fraud}, {...order}]);
		await before.close();
		const after = open(directory);
		const result = await after.putBatch([{...payment}]);
		expect(result.merges).toHaveLength(1);
		expect(typesOf(after, 'TXN-9')).toEqual(['OrderCreated', 'PaymentAuthorized', 'FraudChecked']);
	});

	it('follows chains of joins: a checkout joins an order, which joins a payment and a shipment', async () => {
		const store = open(tempDirectory());
		await store.putBatch([envelope({type: 'CheckoutStarted', ids: ['CHK-1'], timestamp: 1})]);
		await store.putBatch([envelope({type: 'ShipmentCreated', ids: ['SHP-1'], timestamp: 5})]);
		await store.putBatch([envelope({type: 'PaymentCaptured', ids: ['PAY-1'], timestamp: 3})]);
		await store.putBatch([envelope({type: 'OrderCreated', ids: ['CHK-1', 'ORD-1'], timestamp: 2})]);
		const last = await store.putBatch([
			envelope({type: 'OrderPaid', ids: ['ORD-1', 'PAY-1'], timestamp: 4}),
			envelope({type: 'OrderShipped', ids: ['ORD-1', 'SHP-1'], timestamp: 6}),
		]);
		expect(last.merges).toHaveLength(2);
		const expected = ['CheckoutStarted', 'OrderCreated', 'PaymentCaptured', 'OrderPaid', 'ShipmentCreated', 'OrderShipped'];
		for (const id of ['CHK-1', 'ORD-1', 'PAY-1', 'SHP-1']) expect(typesOf(store, id)).toEqual(expected);
		expect(new Set(last.stored.map(event => event.txId)).size).toBe(1);
	});

	it('returns events in event-time order for out-of-order input, untimed events last by seq', async () => {
		const store = open(tempDirectory());
		await store.putBatch([
			envelope({type: 'c', ids: ['X'], timestamp: 3_000}),
			envelope({type: 'untimed-1', ids: ['X']}),
			envelope({type: 'a', ids: ['X'], timestamp: 1_000}),
		]);
		await store.putBatch([envelope({type: 'untimed-2', ids: ['X']}), envelope({type: 'b', ids: ['X'], timestamp: 2_000})]);
		expect(typesOf(store, 'X')).toEqual(['a', 'b', 'c', 'untimed-1', 'untimed-2']);
	});

	it('files events without ids under transaction 0', async () => {
		const store = open(tempDirectory());
		const result = await store.putBatch([envelope({ids: []}), envelope({ids: ['']})]);
		expect(result.stored.map(event => event.txId)).toEqual([0, 0]);
	});

	it('finds ids that are too long or contain NUL for a key, and reports them as they were', async () => {
		const store = open(tempDirectory());
		const long = `trace-${'x'.repeat(5000)}`;
		const nul = 'id\u0000with-nul';
		await store.putBatch([envelope({type: 'a', ids: [long, nul], timestamp: 1}), envelope({type: 'b', ids: [nul], timestamp: 2})]);
		expect(typesOf(store, long)).toEqual(['a', 'b']);
		expect(store.transaction(nul)!.ids.sort()).toEqual([long, nul].sort());
	});
});

describe('the transaction size cap', () => {
	it('stops a full transaction from growing: the next event with only its ids stays outside, and it is flagged', async () => {
		const store = open(tempDirectory(), {maxTransactionEvents: 3});
		const filled = await store.putBatch([1, 2, 3].map(n => envelope({type: `e${n}`, ids: ['HOT'], timestamp: n})));
		const txId = filled.stored[0]!.txId;
		expect(filled.capped).toEqual([]);
		const overflow = await store.putBatch([envelope({type: 'e4', ids: ['HOT'], timestamp: 4})]);
		expect(overflow.stored[0]!.txId).toBe(0);
		expect(overflow.capped).toEqual([txId]);
		expect(store.transaction('HOT')).toMatchObject({txId, capped: true});
		expect(typesOf(store, 'HOT')).toEqual(['e1', 'e2', 'e3']);
	});

	it('starts a new transaction for an event whose known transactions are full, led to by its new ids', async () => {
		const store = open(tempDirectory(), {maxTransactionEvents: 2});
		await store.putBatch([envelope({type: 'a', ids: ['HOT'], timestamp: 1}), envelope({type: 'b', ids: ['HOT'], timestamp: 2})]);
		const result = await store.putBatch([envelope({type: 'order', ids: ['HOT', 'ORD-7'], timestamp: 3}), envelope({type: 'paid', ids: ['ORD-7'], timestamp: 4})]);
		expect(result.stored[0]!.txId).toBe(result.stored[1]!.txId);
		expect(typesOf(store, 'ORD-7')).toEqual(['order', 'paid']);
		expect(typesOf(store, 'HOT')).toEqual(['a', 'b']);
		expect(store.transaction('HOT')!.capped).toBe(true);
	});

	it('refuses a merge that would pass the cap and flags the larger transaction, which absorbs no more', async () => {
		const directory = tempDirectory();
		let store = open(directory, {maxTransactionEvents: 4});
		const first = await store.putBatch([
			envelope({type: 'x1', ids: ['X'], timestamp: 1}), envelope({type: 'x2', ids: ['X'], timestamp: 2}),
			envelope({type: 'y1', ids: ['Y'], timestamp: 3}), envelope({type: 'y2', ids: ['Y'], timestamp: 4}),
		]);
		const xTx = first.stored[0]!.txId;
		const yTx = first.stored[2]!.txId;
		const bridge = await store.putBatch([envelope({type: 'xy', ids: ['X', 'Y'], timestamp: 5})]);
		expect(bridge.merges).toEqual([]);
		expect(bridge.capped).toEqual([xTx]);
		expect(bridge.stored[0]!.txId).toBe(xTx);
		expect(typesOf(store, 'X')).toEqual(['x1', 'x2', 'xy']);
		expect(typesOf(store, 'Y')).toEqual(['y1', 'y2']);
		// Capped, it no longer absorbs even a transaction that would fit (also read from disk by a store opened again).
		await store.close();
		store = open(directory, {maxTransactionEvents: 4});
		await store.putBatch([envelope({type: 'z1', ids: ['Z'], timestamp: 6})]);
		const again = await store.putBatch([envelope({type: 'xz', ids: ['X', 'Z'], timestamp: 7})]);
		expect(again.merges).toEqual([]);
		expect(again.stored[0]!.txId).toBe(xTx);
		expect(typesOf(store, 'Z')).toEqual(['z1']);
		expect(store.transaction('Y')).toMatchObject({txId: yTx, capped: false});
		// It took events of its own ids up to the cap; full now, it turns the next away, and takes none after that.
		expect((await store.putBatch([envelope({type: 'x5', ids: ['X'], timestamp: 8})])).stored[0]!.txId).toBe(0);
		await store.close();
		store = open(directory, {maxTransactionEvents: 100});
		expect((await store.putBatch([envelope({type: 'x6', ids: ['X'], timestamp: 9})])).stored[0]!.txId).toBe(0);
		expect(typesOf(store, 'X')).toEqual(['x1', 'x2', 'xy', 'xz']);
		await store.close();
	});

	it('keeps a capped transaction closed once retention deleted some of its events, and in a store reopened with a larger cap', async () => {
		const directory = tempDirectory();
		const store = open(directory, {maxTransactionEvents: 3, retention: {...keepAll, maxEvents: 4}});
		const filled = await store.putBatch([1, 2, 3].map(n => envelope({type: `e${n}`, ids: ['HOT'], timestamp: n})));
		const txId = filled.stored[0]!.txId;
		expect((await store.putBatch([envelope({type: 'e4', ids: ['HOT'], timestamp: 4})])).capped).toEqual([txId]);
		// Retention makes room for one more event: e1 goes (and e2, with its slack), the transaction is below the
		// cap, and still missing e4.
		await store.putBatch([envelope({type: 'other', ids: ['OTHER'], timestamp: 5})]);
		const kept = typesOf(store, 'HOT')!;
		expect(kept.length).toBeLessThan(3);
		expect(kept).toContain('e3');
		expect((await store.putBatch([envelope({type: 'e6', ids: ['HOT'], timestamp: 6})])).stored[0]!.txId).toBe(0);
		await store.close();

		const larger = open(directory, {maxTransactionEvents: 100});
		expect((await larger.putBatch([envelope({type: 'e7', ids: ['HOT'], timestamp: 7})])).stored[0]!.txId).toBe(0);
		// A capped transaction found with others leaves the event to them, and absorbs none of them.
		const joined = await larger.putBatch([envelope({type: 'e8', ids: ['HOT', 'NEW'], timestamp: 8}), envelope({type: 'e9', ids: ['NEW'], timestamp: 9})]);
		expect(joined.stored[0]!.txId).not.toBe(txId);
		expect(joined.stored[1]!.txId).toBe(joined.stored[0]!.txId);
		expect(larger.transaction('HOT')).toMatchObject({txId, capped: true});
		// None of the later events joined it (retention may have deleted more of the first ones meanwhile).
		expect(typesOf(larger, 'HOT')!.filter(type => !['e1', 'e2', 'e3'].includes(type))).toEqual([]);
		await larger.close();
	});

	it('merges while the sum fits, exactly up to the cap', async () => {
		const store = open(tempDirectory(), {maxTransactionEvents: 5});
		await store.putBatch([envelope({ids: ['A']}), envelope({ids: ['A']}), envelope({ids: ['B']}), envelope({ids: ['B']})]);
		const bridge = await store.putBatch([envelope({ids: ['A', 'B']})]);
		expect(bridge.merges).toHaveLength(1);
		expect(bridge.capped).toEqual([]);
		expect(store.transaction('B')!.events).toHaveLength(5);
	});
});

describe('the on-disk transaction index', () => {
	it('index a batch\'s events of a transaction in one entry, and read, count, move and cut an earlier version\'s one-event entries', async () => {
		const directory = tempDirectory();
		// A store as an earlier version wrote it: records with an entry each, one index entry per event.
		const legacy = openDatabases(directory);
		await commit(legacy.root, () => {
			for (const [seq, event, txId] of [[1, fraud, 1], [2, order, 2]] as const) {
				putEncoded(legacy, seq, legacy.encodeEvent({...event, seq, txId}));
				putTxEvent(legacy, [txId, event.timestamp!, seq]);
				void legacy.ids.put(event.ids[0]!, txId);
				void legacy.txIds.put([txId, event.ids[0]!], null);
			}

			void legacy.meta.put('counters', {nextSeq: 3, nextTxId: 3});
		});
		await legacy.root.close();

		const store = open(directory);
		expect(typesOf(store, 'TXN-9')).toEqual(['FraudChecked']);
		// One batch: the payment joins both transactions (a merge), a refund and a reminder join the merged one.
		const refund = envelope({type: 'Refunded', ids: ['TXN-9'], timestamp: 4_000});
		const reminder = envelope({type: 'Reminder', ids: ['ORD-1'], timestamp: 2_500});
		const {merges} = await store.putBatch([{...payment}, {...refund}, {...reminder}]);
		expect(merges).toHaveLength(1);
		expect(typesOf(store, 'ORD-1')).toEqual(['OrderCreated', 'PaymentAuthorized', 'Reminder', 'FraudChecked', 'Refunded']);
		await store.close();

		const entries = async () => {
			const dbs = openDatabases(directory, {readOnly: true});
			try {
				return [...dbs.txEventBytes.getRange({})].map(({key, value}) => ({key, bytes: value.length}));
			} finally {
				await dbs.root.close();
			}
		};

		// The earlier version's entries moved as they were (one each, null); the batch's three events are one entry.
		// Both transactions held one event: the merge keeps the lower id.
		const root = 1;
		expect(await entries()).toEqual([{key: [root, 3], bytes: 48}, {key: [root, 1_000, 2], bytes: 1}, {key: [root, 3_000, 1], bytes: 1}]);

		// Retention takes seqs 1–3: the earlier version's entries go, the batch's entry is cut to its two newer events.
		const limited = open(directory, {retention: {...keepAll, maxEvents: 2}});
		expect(await limited.enforceRetention()).toBe(3);
		await limited.close();
		// Opened again, the transaction's size is counted from its cut entry: two events, so with a cap of three one
		// more joins, and the next event with only its ids stays outside.
		const capped = open(directory, {maxTransactionEvents: 3});
		expect((await capped.putBatch([envelope({type: 'Shipped', ids: ['TXN-9'], timestamp: 5_000})])).stored[0]!.txId).toBe(root);
		expect((await capped.putBatch([envelope({type: 'Late', ids: ['TXN-9'], timestamp: 6_000})])).stored[0]!.txId).toBe(0);
		expect(typesOf(capped, 'TXN-9')).toEqual(['Reminder', 'Refunded', 'Shipped']);
		await capped.close();
		expect(await entries()).toEqual([{key: [root, 4], bytes: 32}, {key: [root, 6], bytes: 16}]);
	});
});

describe('join scratch lists', () => {
	it('gives each event only its own ids\' transactions, after an event that found several', async () => {
		const store = open(tempDirectory());
		const shipment = envelope({type: 'ShipmentCreated', ids: ['SHP-5'], timestamp: 4_000});
		const reminder = envelope({type: 'PaymentReminder', ids: ['TXN-9'], timestamp: 5_000});
		const {stored, merges} = await store.putBatch([{...fraud}, {...order}, {...payment}, {...shipment}, {...reminder}]);
		expect(merges).toHaveLength(1);
		const [, , joined, shipped, reminded] = stored;
		expect(shipped!.txId).not.toBe(joined!.txId);
		expect(reminded!.txId).toBe(joined!.txId);
		expect(typesOf(store, 'SHP-5')).toEqual(['ShipmentCreated']);
		expect(typesOf(store, 'ORD-1')).toEqual(['OrderCreated', 'PaymentAuthorized', 'FraudChecked', 'PaymentReminder']);
	});
});

describe('ids and transaction states the caches do not hold', () => {
	it('are found in LMDB once the caches let them go, and in a store opened again', {timeout: limit(120_000)}, async () => {
		const directory = tempDirectory();
		// A cap of 3: the joined transaction below is full, which only its state read back from LMDB can say.
		const store = open(directory, {maxTransactionEvents: 3});
		const first = await store.putBatch([envelope({type: 'OrderCreated', ids: ['ORD-OLD'], eventId: 'first'}), envelope({type: 'PaymentAuthorized', ids: ['PAY-OLD'], eventId: 'pay'})]);
		const txId = first.stored[0]!.txId;
		const payTx = first.stored[1]!.txId;
		// 250,000 other ids and transactions: the id cache (two generations of 100,000 ids) lets ORD-OLD and PAY-OLD
		// go, and newer transactions take their transactions' slots in the state cache (131,072 slots).
		for (let batch = 0; batch < 50; batch++) {
			await store.putBatch(Array.from({length: 5000}, (_, i) => envelope({type: 'Other', ids: [`X-${batch}-${i}`], eventId: `x-${batch}-${i}`})));
		}

		expect(store.stats().cached.ids).toBeLessThan(250_000);
		expect(store.stats().cached.transactions).toBeLessThanOrEqual(131_072);
		const later = await store.putBatch([envelope({type: 'PaymentAuthorized', ids: ['ORD-OLD', 'PAY-OLD'], eventId: 'later'})]);
		expect(later.stored[0]!.txId).toBe(txId);
		expect(later.merges).toEqual([{from: payTx, to: txId}]);
		expect(typesOf(store, 'PAY-OLD')).toEqual(['OrderCreated', 'PaymentAuthorized', 'PaymentAuthorized']);
		for (let batch = 0; batch < 28; batch++) {
			await store.putBatch(Array.from({length: 5000}, (_, i) => envelope({type: 'Other', ids: [`Y-${batch}-${i}`], eventId: `y-${batch}-${i}`})));
		}

		// Its state read back again after its slot went to another transaction: three events, at the cap.
		const full = await store.putBatch([envelope({type: 'Refund', ids: ['PAY-OLD'], eventId: 'full'})]);
		expect(full.stored[0]!.txId).toBe(0);
		expect(full.capped).toEqual([txId]);
		expect(store.transaction('ORD-OLD')!.capped).toBe(true);
		await store.close();
		const again = open(directory, {maxTransactionEvents: 3});
		const third = await again.putBatch([envelope({type: 'ShipmentCreated', ids: ['ORD-OLD', 'SHP-1'], eventId: 'third'})]);
		// Full: a new transaction that only SHP-1 leads to.
		expect(third.stored[0]!.txId).not.toBe(txId);
		expect(typesOf(again, 'SHP-1')).toEqual(['ShipmentCreated']);
		expect(typesOf(again, 'ORD-OLD')).toEqual(['OrderCreated', 'PaymentAuthorized', 'PaymentAuthorized']);
	});
});

describe('a job whose new ids outgrow the id cache', () => {
	it('still joins an id it brought before the cache dropped two generations, and an id an event names twice once', {timeout: limit(120_000)}, async () => {
		const store = open(tempDirectory());
		// 200,001 new ids in one job: the id cache (generations of 100,000) drops the first ones before the last event.
		const events = Array.from({length: 200_001}, (_, i) => envelope({type: 'Other', ids: [`Z-${i}`], eventId: `z-${i}`}));
		events.push(envelope({type: 'Again', ids: ['Z-0', 'NEW-1', 'NEW-1'], eventId: 'again'}));
		const {stored} = await store.putBatch(events);
		expect(stored.at(-1)!.txId).toBe(stored[0]!.txId);
		expect(typesOf(store, 'Z-0')).toEqual(['Other', 'Again']);
		expect(typesOf(store, 'NEW-1')).toEqual(['Other', 'Again']);
		await store.close();
	});
});
