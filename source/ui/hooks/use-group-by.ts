// A `:group` view's figures: the whole store folded once when opened, then only the events stored since, once a
// second (the accumulated groups are kept; nothing is read twice).
import {useEffect, useState} from 'react';
import {compileFilter} from '../../core/filter/filter.js';
import {GroupAccumulator, type GroupByResult, type GroupByStore} from '../../core/queries/group-by.js';
import type {GroupRequest} from '../state/commands.js';

/** How often the figures take in newly stored events. */
const refreshMs = 1000;

/**
 * The group-by `request` asks for over `store` (mount one per request). It folds the events stored since the last
 * fold every second on its own clock, so it needs nothing from the engine but the store (an empty fold reads one
 * range of keys and changes nothing).
 */
export function useGroupBy(store: GroupByStore, request: GroupRequest, containers: readonly string[]): GroupByResult {
	const [accumulator] = useState(() => new GroupAccumulator({
		groupBy: request.field,
		sum: request.sum,
		where: request.where === undefined ? undefined : compileFilter(request.where),
		containers,
	}));
	const [result, setResult] = useState(() => {
		accumulator.foldStored(store);
		return accumulator.result();
	});
	useEffect(() => {
		const timer = setInterval(() => {
			if (accumulator.foldStored(store) > 0) setResult(accumulator.result());
		}, refreshMs);
		return () => {
			clearInterval(timer);
		};
	}, [accumulator, store]);
	return result;
}
