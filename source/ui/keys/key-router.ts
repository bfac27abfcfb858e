// Hands keys the App does not handle itself to the panes' registered handlers (the focused one takes them).
import type {KeyHandler, KeyName, PaneKeyRouter} from '../../plugin-api/index.js';

/** A router panes register with, and the App dispatches to. */
export type KeyRouter = PaneKeyRouter & {
	/** Offer a key to the registered handlers; true when one handled it. */
	dispatch(key: KeyName): boolean;
};

/** A new, empty router. */
export function createKeyRouter(): KeyRouter {
	const handlers = new Set<{readonly current: KeyHandler}>();
	return {
		register(handler) {
			handlers.add(handler);
			return () => {
				handlers.delete(handler);
			};
		},
		dispatch(key) {
			for (const handler of handlers) {
				if (handler.current(key)) return true;
			}

			return false;
		},
	};
}
