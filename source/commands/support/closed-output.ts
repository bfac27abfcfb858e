// A reader that closes our output early (`pubsub-tools alerts --json | head -2`) is not an error: the run stops
// as if its input had ended there, the store is closed as usual, and nothing is printed about it. This is the one
// place that knows: main.tsx watches standard output and error, runToEnd stops the engine, and an EPIPE that
// reaches the CLI's error handler ends the program quietly with the exit code of what was done.

const closedCodes = new Set(['EPIPE', 'ERR_STREAM_DESTROYED']);
const listeners = new Set<() => void>();
let closed = false;
/** An output that failed otherwise (EIO, ENOSPC on a redirected file): reported once the run has stopped. */
let failure: string | undefined;

/** Whether `error` (or one of its causes) is a write to a pipe whose reader went away. */
export function isClosedPipe(error: unknown): boolean {
	for (let depth = 0, current = error; depth < 8 && current && typeof current === 'object'; depth++, current = (current as {cause?: unknown}).cause) {
		if (closedCodes.has(String((current as {code?: unknown}).code))) return true;
	}

	return false;
}

/** Whether standard output or error was closed by its reader. */
export function outputClosed(): boolean {
	return closed;
}

/** What went wrong writing standard output or error other than its reader closing it, if anything did. */
export function outputFailure(): string | undefined {
	return failure;
}

/** Call `listener` once if (or as soon as) an output is closed; returns the function that unsubscribes. */
export function onOutputClosed(listener: () => void): () => void {
	if (closed) {
		listener();
		return () => undefined;
	}

	listeners.add(listener);
	return () => listeners.delete(listener);
}

/**
 * Make a closed standard output or error stop the program quietly, and any other failure to write them stop it
 * with outputFailure() to report (install once, at the CLI entry).
 */
export function watchOutputs(): void {
	for (const stream of [process.stdout, process.stderr]) {
		stream.on('error', (error: Error) => {
			if (!isClosedPipe(error)) failure ??= `cannot write to standard ${stream === process.stdout ? 'output' : 'error'}: ${error.message}`;
			if (closed) return;
			closed = true;
			for (const listener of listeners) listener();
			listeners.clear();
		});
	}
}
