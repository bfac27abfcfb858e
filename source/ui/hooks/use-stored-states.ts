// A capped transaction's aggregate states, folded from every stored event of its aggregates while the view shows.
import {useEffect, useMemo, useState} from 'react';
import type {Engine} from '../../core/engine.js';
import type {TransactionView} from '../../core/queries/transaction.js';
import type {StateAfterEvent} from '../../core/state/event-states.js';
import {storedStatesAfter} from '../../core/state/stored-states.js';

/** The view, and whether its states are still being folded. */
export type StatedView = {view: TransactionView | undefined; folding: boolean};

/**
 * `view` with each step's aggregate state when it is capped (its own steps carry none: they are only some of their
 * aggregates' events): folded in steps from every stored event (stored-states.ts), `folding` until then. The fold
 * starts again when the steps change, and is abandoned when they change again or the view closes.
 */
export function useStoredStates(engine: Pick<Engine, 'store' | 'config'>, view: TransactionView | undefined): StatedView {
	const [folded, setFolded] = useState<{key: string; states: Map<number, StateAfterEvent>}>();
	const steps = view?.capped ? view.steps : undefined;
	const key = steps ? `${view!.txId}:${steps.length}:${steps.at(-1)?.event.seq ?? ''}` : undefined;
	useEffect(() => {
		if (!steps || key === undefined) return undefined;
		const stop = new AbortController();
		storedStatesAfter(engine.store, steps.map(step => step.event), engine.config, stop.signal).then(states => {
			setFolded({key, states});
		}, () => {
			// Abandoned (the view moved on), or the store closed under it: no states then.
			if (!stop.signal.aborted) setFolded({key, states: new Map()});
		});
		return () => {
			stop.abort();
		};
		// The key says when the steps changed; a view read again with the same steps is folded already.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [engine, key]);
	return useMemo(() => {
		if (!view || key === undefined) return {view, folding: false};
		if (folded?.key !== key) return {view, folding: true};
		const withStates = view.steps.map(step => {
			const state = folded.states.get(step.event.seq);
			return state ? {...step, state} : step;
		});
		return {view: {...view, steps: withStates}, folding: false};
	}, [view, key, folded]);
}
