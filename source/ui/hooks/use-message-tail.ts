// The Messages pane's tail: seeded from the engine's recent events (or, under a filter, from a search of the whole
// store), fed by its batches, read at snapshot pace.
import {useEffect, useMemo, useState} from 'react';
import type {Envelope} from '../../core/envelope.js';
import {StoreSearch} from '../../core/queries/search.js';
import type {PaneEngine, ViewFilter} from '../../plugin-api/index.js';
import {MessageTail} from '../state/message-tail.js';

/**
 * How far a filter looks back: a slice decodes ~5,000 events (~15 ms), then the event loop gets keys and frames;
 * a million events back is a few seconds of slices on a long-running store, and says where it stopped.
 */
const searchSlice = 5000;
const searchMaxScanned = 1_000_000;

/** The tail's events, how many stored events it looked at as they came, and, under a filter, the store search that seeded it. */
export type MessageTailView = {events: Envelope[]; followed: number; search?: StoreSearch};

/** The newest `limit` events matching `filter`; a new list only when `tick` (the snapshot) or the search changes. */
export function useMessageTail(engine: Pick<PaneEngine, 'batches$' | 'recent' | 'search'>, filter: ViewFilter | undefined, tick: unknown, limit: number): MessageTailView {
	const [slices, setSlices] = useState(0);
	const {tail, search} = useMemo(() => {
		const created = new MessageTail(limit, filter ? event => filter.matches(event) : undefined);
		if (!filter) {
			created.push(engine.recent());
			return {tail: created, search: undefined};
		}

		const storeSearch = new StoreSearch(engine.search, event => filter.matches(event), {limit, maxScanned: searchMaxScanned, slice: searchSlice});
		// The first slice now, so a filter over a small store shows its answer in the frame that applies it.
		created.prependOlder(storeSearch.step());
		created.startAfter(storeSearch.newestSeq);
		return {tail: created, search: storeSearch};
	}, [engine, filter, limit]);
	useEffect(() => {
		// Catch up with what was stored since the render (only that is read), then follow; the tail takes each event once.
		tail.push(engine.recent(tail.newestSeq));
		const subscription = engine.batches$.subscribe(batch => {
			tail.push(batch);
		});
		let timer: NodeJS.Timeout | undefined;
		const continueSearch = (running: StoreSearch) => {
			const older = running.step();
			tail.prependOlder(older);
			// Progress reaches the header at snapshot pace; a frame of its own only for new matches or the end.
			if (older.length > 0 || running.done) setSlices(count => count + 1);
			if (!running.done) timer = setTimeout(continueSearch, 0, running);
		};

		if (search && !search.done) timer = setTimeout(continueSearch, 0, search);
		return () => {
			subscription.unsubscribe();
			clearTimeout(timer);
		};
	}, [engine, tail, search]);
	// eslint-disable-next-line react-hooks/exhaustive-deps -- tick and slices say the mutable tail changed; they are clocks, not inputs
	const {events, followed} = useMemo(() => ({events: tail.list(), followed: tail.followed}), [tail, tick, slices]);
	return {events, followed, search};
}
