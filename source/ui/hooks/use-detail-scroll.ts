// The scroll position of a detail box (an event's JSON), back to the top whenever another event is shown.
import {useState} from 'react';
import {scrollStep, scrollWindow, type ScrollWindow} from '../state/detail-scroll.js';

/** The item a scroll key acts on: its key and its text. */
export type ScrollTarget = {key: string; text: string};

/**
 * The window of `text` shown in `rows` rows for the item `key`, and the function that scrolls a page of the item
 * the keys typed so far selected (`target`; by default the one drawn): a J in the packet of the j before it scrolls
 * the event that j selected, not the one the frame still showed.
 */
export function useDetailScroll(key: string | undefined, text: string | undefined, rows: number): [ScrollWindow | undefined, (action: 'scroll-down' | 'scroll-up', target?: ScrollTarget) => void] {
	const [scroll, setScroll] = useState<{key?: string; offset: number}>({offset: 0});
	const offset = scroll.key === key ? scroll.offset : 0;
	const window = text === undefined ? undefined : scrollWindow(text.split('\n'), rows, offset);
	const move = (action: 'scroll-down' | 'scroll-up', target = key === undefined || text === undefined ? undefined : {key, text}) => {
		if (!target) return;
		const lines = target.text.split('\n');
		const direction = action === 'scroll-down' ? 1 : -1;
		// From the offset the keys before left (clamped each time, so a K after scrolling past the end moves at once).
		setScroll(previous => {
			const from = previous.key === target.key ? scrollWindow(lines, rows, previous.offset).offset : 0;
			return {key: target.key, offset: scrollWindow(lines, rows, from + (direction * scrollStep(rows))).offset};
		});
	};

	return [window, move];
}
