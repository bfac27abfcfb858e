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

/** Turn whatever lmdb-js rejected with into an Error that says what happened and what it means. */
async function commitFailure(error: unknown): Promise<Error> {
	const cause = (await causeOf(error)) ?? error;
	const reason = cause instanceof Error ? cause.message : String(cause);
	return new Error(`event store: commit failed (${reason}); nothing of this write was stored. Is the disk full?`, {cause});
}

/**
 * Run `write` (puts and removes only: everything it needs must be read and encoded beforehand, since lmdb-js
 * commits whatever was issued even if it throws) as one atomic LMDB transaction; resolves once committed.
 */
export async function commit(root: RootDatabase, write: () => void): Promise<void> {
	const written = root.batch(write);
	try {
		await written;
	} catch (error) {
		throw await commitFailure(error);
	}
}
