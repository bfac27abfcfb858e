import {describe, expect, it} from 'vitest';
import {initialListState, listActionFor, listReducer, selectedKey, visibleRange, type ListState} from '../../source/ui/state/list-state.js';

const keys = (count: number, from = 0) => Array.from({length: count}, (_, index) => String(from + index));
const apply = (state: ListState, ...actions: Parameters<typeof listReducer>[1][]) => actions.reduce(listReducer, state);

describe('list state', () => {
	it('a tail follows its newest row as rows arrive', () => {
		let state = initialListState({tail: true, height: 3, keys: keys(5)});
		expect(selectedKey(state)).toBe('4');
		expect(visibleRange(state)).toEqual([2, 5]);
		state = listReducer(state, {type: 'rows', keys: keys(5, 3)});
		expect(selectedKey(state)).toBe('7');
		expect(state.follow).toBe(true);
	});

	it('scrolling up stops following and keeps the selected row while rows shift', () => {
		let state = apply(initialListState({tail: true, height: 3, keys: keys(5)}), listActionFor('up'), listActionFor('up'));
		expect(selectedKey(state)).toBe('2');
		expect(state.follow).toBe(false);
		state = listReducer(state, {type: 'rows', keys: keys(5, 1)});
		expect(selectedKey(state)).toBe('2');
		expect(state.selected).toBe(1);
		expect(visibleRange(state)).toEqual([1, 4]);
	});

	it('G goes to the bottom and follows again', () => {
		const state = apply(initialListState({tail: true, height: 3, keys: keys(10)}), listActionFor('top'), listActionFor('bottom'));
		expect(state.follow).toBe(true);
		expect(selectedKey(state)).toBe('9');
		expect(listReducer(state, {type: 'rows', keys: keys(11)}).selected).toBe(10);
	});

	it('a table starts at the top and never follows', () => {
		let state = initialListState({tail: false, height: 4, keys: keys(3)});
		expect(state.selected).toBe(0);
		state = apply(state, listActionFor('bottom'), {type: 'rows', keys: keys(6)});
		expect(selectedKey(state)).toBe('2');
		expect(state.follow).toBe(false);
	});

	it('pages move by the visible height, clamped to the ends, and keep the selection visible', () => {
		let state = initialListState({tail: false, height: 4, keys: keys(10)});
		state = listReducer(state, listActionFor('page-down'));
		expect(state.selected).toBe(4);
		expect(visibleRange(state)).toEqual([1, 5]);
		state = apply(state, listActionFor('page-down'), listActionFor('page-down'));
		expect(state.selected).toBe(9);
		expect(visibleRange(state)).toEqual([6, 10]);
		state = listReducer(state, listActionFor('page-up'));
		expect(state.selected).toBe(5);
		expect(visibleRange(state)).toEqual([5, 9]);
	});

	it('a removed selected row leaves the selection at the same place, and an empty list selects nothing', () => {
		let state = apply(initialListState({tail: false, height: 5, keys: ['a', 'b', 'c']}), listActionFor('down'));
		state = listReducer(state, {type: 'rows', keys: ['a', 'c']});
		expect(selectedKey(state)).toBe('c');
		state = listReducer(state, {type: 'rows', keys: []});
		expect(state.selected).toBe(-1);
		expect(listReducer(state, listActionFor('down')).selected).toBe(-1);
	});

	it('shrinking the height scrolls so the selection stays visible', () => {
		let state = apply(initialListState({tail: false, height: 10, keys: keys(10)}), {type: 'move', by: 8});
		state = listReducer(state, {type: 'resize', height: 3});
		expect(visibleRange(state)).toEqual([6, 9]);
		expect(listReducer(state, {type: 'resize', height: 0}).height).toBe(1);
	});
});
