// Waits that a live source's closing (or another signal) cuts short, without keeping what was waited for.
// `Promise.race([work, longLived.then(…)])` leaves a reaction on the long-lived promise at every call, and that
// reaction holds the race and so its result: every fetch response and XREAD reply of a run stayed in memory until
// the source closed (~0.8 KB an event). An AbortSignal's listener is removed as soon as the wait ends.
import {setTimeout as delay} from 'node:timers/promises';

/** What a wait gives when its signal cut it short instead of the work's result. */
export const cutShort = Symbol('cut short');

/** `work`'s result, or `cutShort` as soon as `signal` aborts (work's later failure is then ignored). */
export async function unlessCut<T>(work: Promise<T>, signal: AbortSignal): Promise<T | typeof cutShort> {
	if (signal.aborted) {
		work.catch(() => undefined);
		return cutShort;
	}

	return new Promise<T | typeof cutShort>((resolve, reject) => {
		const cut = () => {
			work.catch(() => undefined);
			resolve(cutShort);
		};

		signal.addEventListener('abort', cut, {once: true});
		work.then(value => {
			signal.removeEventListener('abort', cut);
			resolve(value);
		}, (error: unknown) => {
			signal.removeEventListener('abort', cut);
			reject(error);
		});
	});
}

/** Resolves after `ms`, or at once when `signal` aborts. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
	await delay(ms, undefined, {signal}).catch(() => undefined);
}

/** Resolves when `work` settles or after `ms`, whichever comes first (work's later failure is ignored). */
export async function within(work: Promise<unknown>, ms: number): Promise<void> {
	const expired = new AbortController();
	const timer = setTimeout(() => {
		expired.abort();
	}, ms);
	await unlessCut(work, expired.signal).catch(() => undefined);
	clearTimeout(timer);
}
