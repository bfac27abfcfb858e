// Work over every stored event on the main thread done in steps of about 40 ms, the event loop running between two,
// so that a stop signal (Ctrl-C) is heard and can abandon the work.

/** How long work runs between two looks at the event loop (a stop signal, a worker's message). */
const stepMs = 40;

/** The events of the next step: this one's scaled by how long it took, to last about `stepMs` (from 256 to 4× this one's). */
export function nextStepSize(events: number, tookMs: number): number {
	return Math.max(256, Math.min(events * 4, Math.round(events * stepMs / Math.max(tookMs, 1))));
}

/** Let the event loop look for input (a signal is heard there), then reject with `signal`'s reason if it was aborted. */
export async function betweenSteps(signal?: AbortSignal): Promise<void> {
	// An immediate queued from a callback of the check phase runs in the next turn, after its poll, where signals are heard.
	await new Promise(resolve => {
		setImmediate(resolve);
	});
	signal?.throwIfAborted();
}

/** Work that yields after each unit of it (an event, a row), so that it can run at once or in steps, heard between. */
export type Stepped<T> = Generator<void, T, void>;

/** Run stepped work to its end at once. */
export function atOnce<T>(work: Stepped<T>): T {
	for (;;) {
		const next = work.next();
		if (next.done) return next.value;
	}
}

/** Run stepped work in steps of about `stepMs`, the event loop running between two: `signal` abandons it (the promise then rejects). */
export async function inSteps<T>(work: Stepped<T>, signal?: AbortSignal): Promise<T> {
	for (let units = 256; ;) {
		const started = performance.now();
		for (let unit = 0; unit < units; unit++) {
			const next = work.next();
			if (next.done) return next.value;
		}

		units = nextStepSize(units, performance.now() - started);
		await betweenSteps(signal);
	}
}

/**
 * Let the event loop look for input whatever phase this is called from, then reject with `signal`'s reason if it was
 * aborted: an immediate queued from its poll phase (an I/O callback) runs before the next poll, the second one after.
 */
export async function afterNextPoll(signal?: AbortSignal): Promise<void> {
	await betweenSteps();
	await betweenSteps(signal);
}
