// Text too long for a key, or holding NUL or another character ordered-binary cannot read back, is kept in keys as a
// hash of itself (keys.ts keyText). LMDB reads such a key back as other elements: every entry the store finds by
// reading keys (a merge moving ids, retention removing them, the read-twice guard's highest offset and its partition
// restarts) must still find, move and remove it.
import {describe, expect, it} from 'vitest';
import {openDatabases} from '../../../source/core/store/databases.js';
import {envelope, keepAll, open, tempDirectory, typesOf} from './helpers.js';

/** Entries left in the sub-databases that hold keys made of text. */
async function textKeyed(directory: string): Promise<{ids: number; txIds: number; topics: number; guard: number; guardRuns: number}> {
	const dbs = openDatabases(directory, {readOnly: true});
	try {
		return {ids: dbs.ids.getKeysCount(), txIds: dbs.txIds.getKeysCount(), topics: dbs.topics.getKeysCount(), guard: dbs.guard.getKeysCount(), guardRuns: dbs.guardRuns.getKeysCount()};
	} finally {
		await dbs.root.close();
	}
}

const longId = `ORD-${'x'.repeat(130)}`;
/** Short enough to be kept as it is, but ordered-binary reads a control character in 64 or more characters back wrong. */
const controlId = `ORD-\u0002-${'y'.repeat(70)}`;
const longTopic = `orders.${'t'.repeat(130)}`;

describe('keys that are hashes of their text', () => {
	for (const [name, id] of [['too long', longId], ['with a control character', controlId]] as const) {
		it(`keep an id ${name} with its transaction through a merge, and forget it with the transaction's last event`, async () => {
			const directory = tempDirectory();
			const store = open(directory);
			await store.putBatch([envelope({type: 'Order', ids: [id], timestamp: 1})]);
			await store.putBatch([envelope({type: 'Payment', ids: ['PAY-1'], timestamp: 2})]);
			const {merges} = await store.putBatch([envelope({type: 'Captured', ids: ['PAY-1', id], timestamp: 3})]);
			expect(merges).toHaveLength(1);
			for (const each of [id, 'PAY-1']) expect(typesOf(store, each)).toEqual(['Order', 'Payment', 'Captured']);
			expect(store.transaction(id)!.ids.sort()).toEqual([id, 'PAY-1'].sort());
			await store.close();

			const emptied = open(directory, {retention: {...keepAll, maxEvents: 0}});
			expect(await emptied.enforceRetention()).toBe(3);
			for (const each of [id, 'PAY-1']) expect(emptied.transaction(each)).toBeUndefined();
			await emptied.close();
			expect(await textKeyed(directory)).toMatchObject({ids: 0, txIds: 0});
		});
	}

	it('leave no topic index or read-twice entry of a topic named too long behind once its events are gone', async () => {
		const directory = tempDirectory();
		const store = open(directory);
		const message = (offset: string) => envelope({topic: longTopic, partition: 0, offset, type: `m${offset}`});
		await store.putBatch([message('1'), message('2'), message('4'), message('3')]);
		expect(store.range(longTopic, 0, Number.POSITIVE_INFINITY).map(event => event.type)).toEqual(['m1', 'm2', 'm4', 'm3']);
		await store.close();
		const emptied = open(directory, {retention: {...keepAll, maxEvents: 0}});
		expect(await emptied.enforceRetention()).toBe(4);
		await emptied.close();
		expect(await textKeyed(directory)).toEqual({ids: 0, txIds: 0, topics: 0, guard: 0, guardRuns: 0});
	});

	it('guard a topic named too long against reading twice after a reopen, and forget its offsets when its partition starts again', async () => {
		const directory = tempDirectory();
		const message = (offset: string) => envelope({topic: longTopic, partition: 0, offset, type: `m${offset}`});
		const before = open(directory);
		// Out of offset order: 7 is kept under a key of its own, the others in runs.
		expect((await before.putBatch([message('5'), message('10'), message('7'), message('12')])).skipped).toBe(0);
		await before.close();
		const after = open(directory);
		const again = await after.putBatch(['5', '7', '10', '11', '12', '13'].map(offset => message(offset)));
		expect(again.stored.map(event => event.offset)).toEqual(['11', '13']);
		// The partition was made again: its offsets start over and are new messages.
		const restarted = [{source: 'kafka', origin: undefined, topic: longTopic, partition: 0}];
		const fresh = await after.putBatch([message('5'), message('7')], {sourceId: 'long', positions: {}, restarted});
		expect(fresh.skipped).toBe(0);
		expect(fresh.stored.map(event => event.offset)).toEqual(['5', '7']);
	});
});
