// One store write = one LMDB transaction; a failed commit becomes one clear, handled error.
import {setTimeout as delay} from 'node:timers/promises';
import type {RootDatabase} from 'lmdb';

/** How long to wait for lmdb-js to report the underlying cause of a failed commit. */
const causeWaitMs = 1000;

/** The cause lmdb-js reports through `error.commitError` (a promise that rejects with it), if it does so in time. */
async function causeOf(error: unknown): Promise<unknown> {
	const pending = error && typeof error === 'object' ? (error as {commitError?: unknown}).commitError : undefined;
	if (!(pending instanceof Promise)) return undefined;
	// A handler is attached at once: an unobserved commitError would otherwise crash the process.
	const cause = pending.then(() => undefined, (reason: unknown) => reason);
	const cancel = new AbortController();
	const timeout = delay(causeWaitMs, undefined, {ref: false, signal: cancel.signal}).catch(() => undefined);
	try {
		return await Promise.race([cause, timeout]);
	} finally {
		cancel.abort();
	}
}

/** A commit LMDB refused; `cause` is LMDB's own error (its message is the system's reason, e.g. EIO). */
export class CommitError extends Error {
	constructor(cause: unknown) {
		super(`event store: commit failed (${cause instanceof Error ? cause.message : String(cause)}); nothing of this write was stored`, {cause});
		this.name = 'CommitError';
	}
}

/** Turn whatever lmdb-js rejected with into a CommitError carrying the underlying cause. */
async function commitFailure(error: unknown): Promise<Error> {
	return new CommitError((await causeOf(error)) ?? error);
}

let consoleFiltered = false;

/**
 * lmdb-js also prints a failed commit's error with console.error (write.js) before rejecting with it; the store
 * reports every failure itself, as one line, so that raw print is dropped (nothing else is).
 */
function dropLmdbCommitPrints(): void {
	if (consoleFiltered) return;
	consoleFiltered = true;
	const print = console.error.bind(console);
	console.error = (...args: unknown[]) => {
		const [first] = args;
		if (args.length === 1 && first instanceof Error && /[\\/]lmdb[\\/]write\.js/.test(first.stack ?? '')) return;
		print(...args);
	};
}

/**
 * Run `write` (puts and removes only: everything it needs must be read and encoded beforehand, since lmdb-js
 * commits whatever was issued even if it throws) as one atomic LMDB transaction; resolves once committed.
 */
export async function commit(root: RootDatabase, write: () => void): Promise<void> {
	dropLmdbCommitPrints();
	const written = root.batch(write);
	try {
		await written;
	} catch (error) {
		throw await commitFailure(error);
	}
}
