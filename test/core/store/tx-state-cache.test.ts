// The transaction state cache: a slot per id modulo its capacity, never one transaction's state for another's.
import {describe, expect, it} from 'vitest';
import {TxStateCache} from '../../../source/core/store/tx-state-cache.js';

describe('TxStateCache', () => {
	it('answers only for the transaction its slot holds, and gives the slot to the newest set', () => {
		const cache = new TxStateCache(4);
		cache.set(1, {count: 3, capped: false, closed: false});
		cache.set(2, {count: 0, capped: false, closed: false, mergedInto: 1});
		expect(cache.get(1)).toEqual({count: 3, capped: false, closed: false, mergedInto: undefined});
		expect(cache.get(2)).toEqual({count: 0, capped: false, closed: false, mergedInto: 1});
		expect(cache.size).toBe(2);
		// 5 shares 1's slot: 1 is forgotten, not answered with 5's state.
		cache.set(5, {count: 7, capped: true, closed: false});
		expect(cache.get(1)).toBeUndefined();
		expect(cache.get(5)).toEqual({count: 7, capped: true, closed: false, mergedInto: undefined});
		expect(cache.get(9)).toBeUndefined();
		expect(cache.size).toBe(2);
		cache.delete(1);
		expect(cache.get(5)).toBeDefined();
		cache.delete(5);
		expect(cache.get(5)).toBeUndefined();
		expect(cache.size).toBe(1);
		cache.clear();
		expect(cache.get(2)).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('tells a closed transaction from one only capped', () => {
		const cache = new TxStateCache(4);
		cache.set(1, {count: 2, capped: true, closed: true});
		cache.set(2, {count: 2, capped: true, closed: false});
		expect(cache.get(1)).toEqual({count: 2, capped: true, closed: true, mergedInto: undefined});
		expect(cache.get(2)).toEqual({count: 2, capped: true, closed: false, mergedInto: undefined});
	});

	it('keeps ids beyond 2^32 apart from the small ones sharing their low bits', () => {
		const cache = new TxStateCache(4);
		cache.set(2 ** 32 + 1, {count: 1, capped: false, closed: false});
		expect(cache.get(1)).toBeUndefined();
		expect(cache.get(2 ** 32 + 1)).toEqual({count: 1, capped: false, closed: false, mergedInto: undefined});
	});
});
