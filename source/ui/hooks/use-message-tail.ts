// The Messages pane's tail: seeded from the engine's recent events, fed by its batches, read at snapshot pace.
import {useEffect, useMemo} from 'react';
import type {Envelope} from '../../core/envelope.js';
import type {PaneEngine, ViewFilter} from '../../plugin-api/index.js';
import {MessageTail} from '../state/message-tail.js';

/** The newest `limit` events matching `filter`; a new list only when `tick` (the snapshot) changes. */
export function useMessageTail(engine: Pick<PaneEngine, 'batches$' | 'recent'>, filter: ViewFilter | undefined, tick: unknown, limit: number): Envelope[] {
	const tail = useMemo(() => {
		const created = new MessageTail(limit, filter ? event => filter.matches(event) : undefined);
		created.push(engine.recent());
		return created;
	}, [engine, filter, limit]);
	useEffect(() => {
		// Catch up with what was stored since the render (only that is read), then follow; the tail takes each event once.
		tail.push(engine.recent(tail.newestSeq));
		const subscription = engine.batches$.subscribe(batch => {
			tail.push(batch);
		});
		return () => {
			subscription.unsubscribe();
		};
	}, [engine, tail]);
	return useMemo(() => tail.list(), [tail, tick]);
}
