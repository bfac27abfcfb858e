// useReducer whose newest state is also readable from a ref, so key handlers never act on a stale state.
import {useCallback, useRef, useState} from 'react';

/** Like useReducer, plus a getter for the state after every action dispatched so far (even before a render). */
export function useLatestReducer<State, Action>(reducer: (state: State, action: Action) => State, initial: () => State): [State, (action: Action) => void, () => State] {
	const latest = useRef<State | undefined>(undefined);
	const [state, setState] = useState(() => {
		latest.current = initial();
		return latest.current;
	});
	const dispatch = useCallback((action: Action) => {
		// Keys typed faster than React renders must see each other's effect: reduce on the ref, then render.
		latest.current = reducer(latest.current!, action);
		setState(latest.current);
	}, [reducer]);
	const get = useCallback(() => latest.current!, []);
	return [state, dispatch, get];
}
