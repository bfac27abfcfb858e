// Every stored event, once, for queries that fold the whole store (state of all aggregates, group-by).
import type {Envelope} from '../envelope.js';
import type {EventStore} from '../store/types.js';
import {betweenSteps, nextStepSize} from './steps.js';

/**
 * Visit every stored event, newest first, keeping none of them (the store's bounded search, told to match nothing),
 * in steps (steps.ts) between which a stop signal is heard: `signal` abandons the visit; the promise then rejects.
 */
export async function visitStoredEvents(store: Pick<EventStore, 'search'>, visit: (event: Envelope) => void, signal?: AbortSignal): Promise<void> {
	let events = 1024;
	for (let beforeSeq: number | undefined; ;) {
		const started = performance.now();
		const step = store.search(event => {
			visit(event);
			return false;
		}, {limit: 1, maxScanned: events, beforeSeq});
		if (step.continueBefore === undefined) return;
		beforeSeq = step.continueBefore;
		events = nextStepSize(events, performance.now() - started);
		await betweenSteps(signal);
	}
}
