// A store job: planned in memory against what is committed, written as one LMDB transaction, then made visible.
import {commit} from './commit.js';
import type {StoreState} from './state.js';

/** A planned job: `write` issues its puts and removes, `committed` updates memory once they are committed. */
export type Job<T> = {result: T; write(): void; committed(): void};

/**
 * Plan and commit one job; when either fails, memory is rebuilt from LMDB and the error passed on.
 * `whileCommitting` runs once the write is issued, while LMDB commits it (it must not wait on the store).
 */
export async function runJob<T>(state: StoreState, plan: () => Job<T> | Promise<Job<T>>, whileCommitting?: (result: T) => void): Promise<T> {
	try {
		const job = await plan();
		state.commitFailed = true;
		const committing = commit(state.dbs.root, () => {
			job.write();
		});
		try {
			whileCommitting?.(job.result);
		} finally {
			await committing;
		}

		state.commitFailed = false;
		job.committed();
		return job.result;
	} catch (error) {
		state.reload();
		throw error;
	}
}

/** A job that rewrites the counters as they are: the smallest commit there is. */
export function rewriteCounters(state: StoreState): Job<undefined> {
	const counters = {...state.counters};
	return {result: undefined, write: () => void state.dbs.meta.put('counters', counters), committed: () => undefined};
}
