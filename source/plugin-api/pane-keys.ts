// How a pane handles its keys: the host hands each key to the focused pane's bindings, synchronously.
import {createContext, useContext, useLayoutEffect, useRef, useState} from 'react';
import type {KeyName} from './keys.js';
import type {PaneBinding} from './pane.js';

/** A binding that names the action it triggers. */
export type ActionBinding<Action extends string = string> = PaneBinding & {action: Action};

/** Receives a key; returns true when it handled it. */
export type KeyHandler = (key: KeyName) => boolean;

/** Where panes register their key handlers (provided by the host). */
export type PaneKeyRouter = {register(handler: {readonly current: KeyHandler}): () => void};

/** The host's key router; panes reach it through `usePaneKeys`. */
export const PaneKeysContext = createContext<PaneKeyRouter | undefined>(undefined);

/** The action a key triggers in a set of bindings, if any. */
export function actionFor<Action extends string>(bindings: ReadonlyArray<ActionBinding<Action>>, key: KeyName): Action | undefined {
	return bindings.find(binding => (binding.keys as readonly string[]).includes(key))?.action;
}

/**
 * Call `onAction` for the keys bound in `bindings` while `focused` (call it from a pane component). An error it throws
 * is thrown again while the pane renders, where the host's guard of a plugin's pane catches it (pane-guard.tsx).
 */
export function usePaneKeys<Action extends string>(bindings: ReadonlyArray<ActionBinding<Action>>, focused: boolean, onAction: (action: Action, key: KeyName) => void): void {
	const router = useContext(PaneKeysContext);
	const handler = useRef<KeyHandler>(() => false);
	const [, fail] = useState<undefined>();
	// Updated at every render, so a key always meets the newest selection and focus.
	handler.current = key => {
		if (!focused) return false;
		const action = actionFor(bindings, key);
		if (action === undefined) return false;
		try {
			onAction(action, key);
		} catch (error) {
			fail(() => {
				throw error;
			});
		}

		return true;
	};

	// A layout effect registers during the commit itself: a key typed right after the pane appears reaches it.
	useLayoutEffect(() => router?.register(handler), [router]);
}
