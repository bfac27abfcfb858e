// Turns a pulled async iterable into an Observable that asks for the next item only after the last one is handled.
import {Observable} from 'rxjs';

/** An item plus the callback that lets the producer fetch the next one. */
export type Acked<T> = {item: T; ack: () => void};

/**
 * Emits each item of `iterable` with an `ack`; the next item is pulled only once `ack()` is called. Downstream
 * `concatMap` + `ack` after the work is done gives end-to-end backpressure: a slow store slows the source.
 *
 * @example pulled(source.batches()).pipe(concatMap(async ({item, ack}) => { await store(item); ack(); }))
 */
export function pulled<T>(iterable: AsyncIterable<T>): Observable<Acked<T>> {
	return new Observable<Acked<T>>(subscriber => {
		const iterator = iterable[Symbol.asyncIterator]();
		let closed = false;
		const loop = async () => {
			while (!closed) {
				const next = await iterator.next();
				if (next.done || closed) break;
				await new Promise<void>(resolve => {
					subscriber.next({item: next.value, ack: resolve});
				});
			}

			subscriber.complete();
		};

		loop().catch(error => {
			subscriber.error(error);
		});
		return () => {
			closed = true;
			void iterator.return?.();
		};
	});
}
