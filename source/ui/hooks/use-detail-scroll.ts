// The scroll position of a detail box (an event's JSON), back to the top whenever another event is shown.
import {useState} from 'react';
import {scrollStep, scrollWindow, type ScrollWindow} from '../state/detail-scroll.js';

/** The window of `text` shown in `rows` rows for the item `key`, and the function that scrolls it a page. */
export function useDetailScroll(key: string | undefined, text: string | undefined, rows: number): [ScrollWindow | undefined, (action: 'scroll-down' | 'scroll-up') => void] {
	const [scroll, setScroll] = useState<{key?: string; offset: number}>({offset: 0});
	const offset = scroll.key === key ? scroll.offset : 0;
	const window = text === undefined ? undefined : scrollWindow(text.split('\n'), rows, offset);
	const move = (action: 'scroll-down' | 'scroll-up') => {
		if (!window) return;
		const direction = action === 'scroll-down' ? 1 : -1;
		// Clamped against the window just drawn, so a K after scrolling past the end moves at once.
		setScroll({key, offset: scrollWindow(text!.split('\n'), rows, window.offset + direction * scrollStep(rows)).offset});
	};

	return [window, move];
}
