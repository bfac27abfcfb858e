// A transaction read from the store when opened, and again at most once a second while new events are stored.
import {useEffect, useRef, useState} from 'react';
import type {PaneEngine} from '../../plugin-api/index.js';
import type {TransactionView} from '../../core/queries/transaction.js';

/** How often an open transaction is re-read while events keep arriving. */
const refreshMs = 1000;

/** The transaction with id `id` (mount one per id); `stored` is the engine's stored-event count. */
export function useTransaction(engine: Pick<PaneEngine, 'transaction'>, id: string, stored: number): TransactionView | undefined {
	const [view, setView] = useState(() => engine.transaction(id));
	const readAt = useRef(Date.now());
	useEffect(() => {
		const reload = () => {
			readAt.current = Date.now();
			setView(engine.transaction(id));
		};

		const wait = refreshMs - (Date.now() - readAt.current);
		if (wait <= 0) {
			reload();
			return undefined;
		}

		const timer = setTimeout(reload, wait);
		return () => {
			clearTimeout(timer);
		};
	}, [engine, id, stored]);
	return view;
}
