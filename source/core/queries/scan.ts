// Every stored event, once, for queries that fold the whole store (state of all aggregates, group-by).
import type {Envelope} from '../envelope.js';
import type {EventStore} from '../store/types.js';

/** Visit every stored event, newest first, keeping none of them (the store's bounded search, told to match nothing). */
export function visitStoredEvents(store: Pick<EventStore, 'search'>, visit: (event: Envelope) => void): void {
	store.search(event => {
		visit(event);
		return false;
	}, {limit: 1, maxScanned: Number.POSITIVE_INFINITY});
}
