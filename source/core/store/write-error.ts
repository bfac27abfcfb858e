// A write the store could not commit, told the way the user needs it: where, why (a full disk, or the system's
// reason) and what is safe: every event committed before it is intact, and the failed write stored nothing.
import fs from 'node:fs';
import {sanitize} from '../sanitize.js';
import {counted} from '../units/format.js';

/** Free space under which a failed write is put down to a full disk: LMDB grows its file a batch at a time. */
const nearlyFullBytes = 8 * 1024 * 1024;

/** errno values (and their names) that mean no space: ENOSPC, EDQUOT. */
const noSpace = new Set<unknown>(['ENOSPC', 'EDQUOT', 28, 122]);

/** Whether the failure `cause` of a write in `directory` came from a full disk (or quota). */
function isDiskFull(directory: string, cause: unknown): boolean {
	if (cause && typeof cause === 'object' && noSpace.has((cause as {code?: unknown}).code)) return true;
	// LMDB does not always say ENOSPC (on tmpfs a write past the end fails with EIO): look at the space left.
	try {
		const stats = fs.statfsSync(directory);
		return stats.bavail * stats.bsize < nearlyFullBytes;
	} catch {
		return false;
	}
}

/** A store write that failed; its message is one line meant for the user. */
export class StoreWriteError extends Error {
	constructor(directory: string, storedEvents: number, cause: unknown) {
		const safe = `${counted(storedEvents, 'event')} stored, nothing lost`;
		const reason = cause instanceof Error ? cause.message : String(cause);
		const where = sanitize(directory);
		super(isDiskFull(directory, cause) ? `disk full at ${where}, ${safe}` : `cannot write the store at ${where} (${sanitize(reason)}), ${safe}`, {cause});
		this.name = 'StoreWriteError';
	}
}
