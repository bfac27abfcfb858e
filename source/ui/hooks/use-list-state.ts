// A list's selection kept in step with its rows and its visible height.
import {useCallback, useReducer, useRef} from 'react';
import {initialListState, listReducer, selectedKey, type ListState, type ListStateAction} from '../state/list-state.js';
import {useSeen} from './use-seen.js';

/**
 * Selection state of a list whose rows are `keys` (memoize it) with `height` visible rows, started afresh when `view`
 * changes; the dispatch of its actions; the state keys act on; and whether rows moved the selection in a frame the
 * user may not have seen yet.
 * A key handler reads the state keys act on, not the rendered state: keys typed fast (or pasted, or arriving in one
 * packet over SSH) reach the handler before the render that follows the previous key, and `j j Enter` must open the
 * row two down. Rows that moved the selection (a tail following its newest row) in a frame drawn after the key was
 * typed do not count for it (use-seen.ts): keys act on the row the screen showed, where it is still listed.
 */
export function useListState(keys: string[], height: number, tail: boolean, view?: unknown, startAt?: string): [ListState, (action: ListStateAction) => void, () => ListState, () => boolean] {
	const rows = Math.max(1, height);
	const held = useRef<ListState | undefined>(undefined);
	// Whether rows moved the selection since the last key.
	const moved = useRef(false);
	// Another view of the rows (a filter applied or cleared) is a new list: a tail follows its newest row again.
	const shownView = useRef(view);
	if (shownView.current !== view) {
		shownView.current = view;
		held.current = undefined;
		moved.current = false;
	}

	// Rows and height come from props, so they are folded in during render through the pure reducer. A state update
	// during render would do the same, but Ink then never subscribes the component's useInput.
	let state = held.current ?? initialListState({tail, height: rows, keys, startAt});
	if (state.keys !== keys) {
		const before = selectedKey(state);
		state = listReducer(state, {type: 'rows', keys});
		if (selectedKey(state) !== before) moved.current = true;
	}

	if (state.height !== rows) state = listReducer(state, {type: 'resize', height: rows});
	held.current = state;
	const seenKey = useSeen(selectedKey(state));
	const [, rendered] = useReducer((count: number) => count + 1, 0);
	const movedUnseen = useCallback(() => moved.current && seenKey() !== selectedKey(held.current!), [seenKey]);
	const current = useCallback(() => {
		const at = movedUnseen() ? held.current!.keys.indexOf(seenKey()!) : -1;
		return at < 0 ? held.current! : {...held.current!, selected: at, follow: false};
	}, [movedUnseen, seenKey]);
	const dispatch = useCallback((action: ListStateAction) => {
		held.current = listReducer(current(), action);
		moved.current = false;
		rendered();
	}, [current]);
	return [state, dispatch, current, movedUnseen];
}
