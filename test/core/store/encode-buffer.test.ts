// Store jobs encode into one reused buffer (encode-buffer.ts): nothing pending may be overwritten, whatever the
// number of stores writing at once or the size of a batch.
import {describe, expect, it} from 'vitest';
import {envelope, open, tempDirectory} from './helpers.js';

/** A batch of `count` events whose values say which store, batch and event they are, padded to `bytes`. */
function batch(store: string, number: number, count: number, bytes: number) {
	return Array.from({length: count}, (_, index) => envelope({
		type: `${store}-${number}-${index}`,
		ids: [`${store}-ORD-${number}-${index % 7}`],
		value: {store, number, index, pad: 'x'.repeat(bytes)},
	}));
}

describe('reused encode buffer', () => {
	it('keeps every value intact when two stores commit at the same time', async () => {
		const stores = [open(tempDirectory()), open(tempDirectory())];
		// Interleaved jobs: each store starts its next batch while the other's commit is pending.
		await Promise.all(stores.map(async (store, which) => {
			for (let number = 0; number < 30; number++) await store.putBatch(batch(`s${which}`, number, 50, 200 + 97 * which));
		}));
		for (const [which, store] of stores.entries()) {
			expect(store.stats().events).toBe(1500);
			for (let seq = 1; seq <= 1500; seq++) {
				const number = Math.floor((seq - 1) / 50);
				const index = (seq - 1) % 50;
				expect(store.get(seq)?.value).toEqual({store: `s${which}`, number, index, pad: 'x'.repeat(200 + 97 * which)});
			}

			expect(store.transaction(`s${which}-ORD-29-3`)?.events.map(event => event.type)).toEqual(
				[3, 10, 17, 24, 31, 38, 45].map(index => `s${which}-29-${index}`),
			);
		}
	});

	it('keeps values intact in batches larger than the buffer, and in the small batches after them', async () => {
		const store = open(tempDirectory());
		// 2 000 events of ~3 KB: several MB, more than the buffer holds at first.
		await store.putBatch(batch('big', 0, 2000, 3000));
		await store.putBatch(batch('big', 1, 3, 10));
		await store.putBatch(batch('big', 2, 2000, 3000));
		expect(store.stats().events).toBe(4003);
		for (const [seq, number, index, bytes] of [[1, 0, 0, 3000], [2000, 0, 1999, 3000], [2001, 1, 0, 10], [2003, 1, 2, 10], [2004, 2, 0, 3000], [4003, 2, 1999, 3000]] as const) {
			expect(store.get(seq)?.value).toEqual({store: 'big', number, index, pad: 'x'.repeat(bytes)});
		}
	});
});
