// The builder of a batch's transaction-event index keeps its lists from batch to batch: a batch's entries must hold
// that batch's events only, in order, whatever the batch before held.
import {describe, expect, it} from 'vitest';
import {openDatabases} from '../../../source/core/store/databases.js';
import {TxEventsBuilder, txEventEntries} from '../../../source/core/store/tx-events.js';
import {envelope, tempDirectory} from './helpers.js';

/** Events with these (txId, seq, time) triples; txId 0: no transaction. */
function events(triples: Array<[number, number, number]>) {
	return triples.map(([txId, seq, timestamp]) => envelope({txId, seq, timestamp}));
}

describe('TxEventsBuilder', () => {
	it('lays out each batch by transaction, in first-event order, with nothing left over from the batch before', async () => {
		const dbs = openDatabases(tempDirectory());
		try {
			const builder = new TxEventsBuilder();
			// A large batch first: many transactions, interleaved, and an event without one.
			builder.index(events([[7, 1, 100], [8, 2, 101], [7, 3, 102], [0, 4, 103], [9, 5, 104], [8, 6, 105], [7, 7, 106]]));
			builder.write(dbs);
			await dbs.root.committed;
			// A smaller batch: one transaction seen before, one new, events out of time order.
			builder.index(events([[9, 8, 210], [10, 9, 200], [9, 10, 205]]));
			builder.write(dbs);
			await dbs.root.committed;
			const pairs = (txId: number) => txEventEntries(dbs, txId).map(({key, pairs}) => [...key, ...pairs]);
			expect(pairs(7)).toEqual([[7, 1, 100, 1, 102, 3, 106, 7]]);
			expect(pairs(8)).toEqual([[8, 2, 101, 2, 105, 6]]);
			expect(pairs(9)).toEqual([[9, 5, 104, 5], [9, 8, 210, 8, 205, 10]]);
			expect(pairs(10)).toEqual([[10, 9, 200, 9]]);
			// An empty batch writes nothing.
			builder.index([]);
			builder.write(dbs);
			await dbs.root.committed;
			expect(txEventEntries(dbs, 11)).toEqual([]);
		} finally {
			await dbs.root.close();
		}
	});
});
