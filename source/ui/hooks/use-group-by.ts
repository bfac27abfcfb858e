// A `:group` view's figures: the whole store folded once when opened, then only the events stored since, once a
// second (the accumulated groups are kept; nothing is read twice). A store big enough to freeze the screen while
// it is read is folded on worker threads instead, and the view says so until they are done.
import {useEffect, useState} from 'react';
import {compileFilter} from '../../core/filter/filter.js';
import {GroupAccumulator, type GroupByOptions, type GroupByResult} from '../../core/queries/group-by.js';
import {defaultGroupByThreads, foldStoredOffThread, type SplitStore} from '../../core/queries/group-by-parallel.js';
import type {EventStore} from '../../core/store/types.js';
import type {GroupRequest} from '../state/commands.js';

/** How often the figures take in newly stored events. */
const refreshMs = 1000;

/** Stored events from which the first fold goes to worker threads (below, it takes a fraction of a second here). */
const offThreadFrom = 100_000;

/** What the view shows: the figures, or (`reading`) how many stored events the worker threads are folding. */
export type GroupByView = {result: GroupByResult; reading?: undefined} | {result?: undefined; reading: {events: number; threads: number}};

/** What the view reads of the store: its events' bytes, and where it lives for worker threads to read it too. */
export type GroupViewStore = SplitStore & Pick<EventStore, 'stats'>;

/**
 * The group-by `request` asks for over `store` (mount one per request). It folds the events stored since the last
 * fold every second on its own clock, so it needs nothing from the engine but the store (an empty fold reads one
 * range of keys and changes nothing).
 */
export function useGroupBy(store: GroupViewStore, request: GroupRequest, containers: readonly string[]): GroupByView {
	const [options] = useState((): GroupByOptions => ({
		groupBy: request.field,
		sum: request.sum,
		where: request.where === undefined ? undefined : compileFilter(request.where, containers),
		containers,
	}));
	const [start] = useState(() => {
		const events = store.stats().events;
		if (events < offThreadFrom) {
			const accumulator = new GroupAccumulator(options);
			accumulator.foldStored(store);
			return {accumulator, events, threads: 1};
		}

		return {accumulator: undefined, events, threads: Math.max(2, defaultGroupByThreads(events))};
	});
	const [accumulator, setAccumulator] = useState(start.accumulator);
	const [result, setResult] = useState(() => accumulator?.result());
	useEffect(() => {
		if (accumulator) return;
		// Closing the view (or quitting) stops the workers: they end within moments, before the process does.
		const closed = new AbortController();
		void foldStoredOffThread(store, options, start.threads, closed.signal).catch(() => {
			if (closed.signal.aborted) return undefined;
			// Worker threads could not read the store: read it here (the screen waits, the answers are the same).
			const here = new GroupAccumulator(options);
			here.foldStored(store);
			return here;
		}).then(folded => {
			if (!folded || closed.signal.aborted) return;
			setAccumulator(folded);
			setResult(folded.result());
		});
		return () => {
			closed.abort();
		};
	}, [accumulator, store, options, start]);
	useEffect(() => {
		if (!accumulator) return;
		const timer = setInterval(() => {
			if (accumulator.foldStored(store) > 0) setResult(accumulator.result());
		}, refreshMs);
		return () => {
			clearInterval(timer);
		};
	}, [accumulator, store]);
	return result ? {result} : {reading: {events: start.events, threads: start.threads}};
}
