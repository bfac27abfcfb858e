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
