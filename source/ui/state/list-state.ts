// Selection and scrolling of a list whose rows change under it (tails, tables, timelines), as a pure reducer.
import type {ListKeyAction} from '../keys/bindings.js';

/** Where the selection and the visible window of a list are. */
export type ListState = {
	/** Row identities in display order; the selection follows its row when rows come and go. */
	keys: string[];
	/** Index of the selected row; -1 when there are no rows. */
	selected: number;
	/** Index of the first visible row. */
	offset: number;
	/** How many rows are visible. */
	height: number;
	/** A tail (newest at the bottom): the selection sticks to the newest row while it is on it. */
	tail: boolean;
	/** The selection is on the newest row and moves with it as rows arrive. */
	follow: boolean;
};

/** Everything that changes a list's selection. */
export type ListStateAction =
	| {type: 'rows'; keys: string[]}
	| {type: 'resize'; height: number}
	| {type: 'move'; by: number}
	| {type: 'page'; by: 1 | -1}
	| {type: 'top'}
	| {type: 'bottom'};

/** An empty list; a tail starts following its newest row. */
export function initialListState(options: {tail: boolean; height?: number; keys?: string[]; startAt?: string}): ListState {
	const state = listReducer({keys: [], selected: -1, offset: 0, height: Math.max(1, options.height ?? 10), tail: options.tail, follow: options.tail}, {type: 'rows', keys: options.keys ?? []});
	const at = options.startAt === undefined ? -1 : state.keys.indexOf(options.startAt);
	return at < 0 ? state : select(state, at);
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Keep the offset so the selected row is visible and the window is as full as the rows allow. */
function scrolled(state: ListState): ListState {
	const maxOffset = Math.max(0, state.keys.length - state.height);
	let offset = clamp(state.offset, 0, maxOffset);
	if (state.selected >= 0) {
		if (state.selected < offset) offset = state.selected;
		if (state.selected >= offset + state.height) offset = state.selected - state.height + 1;
	}

	return offset === state.offset ? state : {...state, offset};
}

/** Select row `index` (clamped); a tail follows again once the newest row is selected. */
function select(state: ListState, index: number): ListState {
	const last = state.keys.length - 1;
	const selected = last < 0 ? -1 : clamp(index, 0, last);
	return scrolled({...state, selected, follow: state.tail && selected === last});
}

/** The list reducer. */
export function listReducer(state: ListState, action: ListStateAction): ListState {
	switch (action.type) {
		case 'rows': {
			const {keys} = action;
			let selected: number;
			if (keys.length === 0) selected = -1;
			else if (state.follow) selected = keys.length - 1;
			else {
				const key = state.keys[state.selected];
				const found = key === undefined ? -1 : keys.indexOf(key);
				selected = found === -1 ? clamp(state.selected, 0, keys.length - 1) : found;
			}

			return scrolled({...state, keys, selected});
		}

		case 'resize': {
			const height = Math.max(1, action.height);
			return height === state.height ? state : scrolled({...state, height});
		}

		case 'move': {
			return select(state, state.selected + action.by);
		}

		case 'page': {
			return select(state, state.selected + (action.by * state.height));
		}

		case 'top': {
			return select(state, 0);
		}

		case 'bottom': {
			return select(state, state.keys.length - 1);
		}
	}
}

const fromKey: Record<ListKeyAction, ListStateAction> = {
	up: {type: 'move', by: -1},
	down: {type: 'move', by: 1},
	'page-up': {type: 'page', by: -1},
	'page-down': {type: 'page', by: 1},
	top: {type: 'top'},
	bottom: {type: 'bottom'},
};

/** The reducer action a list key triggers. */
export function listActionFor(key: ListKeyAction): ListStateAction {
	return fromKey[key];
}

/** The key of the selected row, if any. */
export function selectedKey(state: ListState): string | undefined {
	return state.keys[state.selected];
}

/** The indexes of the rows currently visible: [start, end). */
export function visibleRange(state: ListState): [number, number] {
	return [state.offset, Math.min(state.keys.length, state.offset + state.height)];
}
