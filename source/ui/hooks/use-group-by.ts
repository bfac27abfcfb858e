// A `:group` view's figures: the whole store folded once when opened, then only the events stored since, at most
// once a second while events arrive (the accumulated groups are kept; nothing is read twice).
import {useEffect, useRef, useState} from 'react';
import {compileFilter} from '../../core/filter/filter.js';
import {GroupAccumulator, type GroupByResult, type GroupByStore} from '../../core/queries/group-by.js';
import type {GroupRequest} from '../state/commands.js';

/** How often the figures take in newly stored events. */
const refreshMs = 1000;

/** The group-by `request` asks for over `store` (mount one per request); `stored` is the engine's stored-event count. */
export function useGroupBy(store: GroupByStore, request: GroupRequest, containers: readonly string[], stored: number): GroupByResult {
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
	const readAt = useRef(Date.now());
	useEffect(() => {
		const fold = () => {
			readAt.current = Date.now();
			if (accumulator.foldStored(store) > 0) setResult(accumulator.result());
		};

		const wait = refreshMs - (Date.now() - readAt.current);
		if (wait <= 0) {
			fold();
			return undefined;
		}

		const timer = setTimeout(fold, wait);
		return () => {
			clearTimeout(timer);
		};
	}, [accumulator, store, stored]);
	return result;
}
