// A list's selection kept in step with its rows and its visible height.
import {useCallback, useReducer, useRef} from 'react';
import {initialListState, listReducer, type ListState, type ListStateAction} from '../state/list-state.js';

/**
 * Selection state of a list whose rows are `keys` (memoize it) with `height` visible rows; the dispatch of its
 * actions; and the state as the keys pressed so far left it. A key handler reads that last one, not the rendered
 * state: keys typed fast (or pasted, or arriving in one packet over SSH) reach the handler before the render that
 * follows the previous key, and `j j Enter` must open the row two down.
 */
export function useListState(keys: string[], height: number, tail: boolean): [ListState, (action: ListStateAction) => void, () => ListState] {
	const rows = Math.max(1, height);
	const held = useRef<ListState | undefined>(undefined);
	// Rows and height come from props, so they are folded in during render through the pure reducer. A state update
	// during render would do the same, but Ink then never subscribes the component's useInput.
	let state = held.current ?? initialListState({tail, height: rows, keys});
	if (state.keys !== keys) state = listReducer(state, {type: 'rows', keys});
	if (state.height !== rows) state = listReducer(state, {type: 'resize', height: rows});
	held.current = state;
	const [, rendered] = useReducer((count: number) => count + 1, 0);
	const dispatch = useCallback((action: ListStateAction) => {
		held.current = listReducer(held.current!, action);
		rendered();
	}, []);
	const current = useCallback(() => held.current!, []);
	return [state, dispatch, current];
}
