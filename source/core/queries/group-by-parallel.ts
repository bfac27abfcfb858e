// A group-by split over threads: the store's seqs are cut into contiguous parts, the newest folded on this thread
// and each older one on a worker thread (group-by-worker.ts), every part reading its own stored bytes. A copy counts
// once, as the newest event with its id: each older part keeps what it counted until the tables of ids counted by
// all newer parts are known (shared memory, not copied), then settles. On 2 cores two parts take ~0.55 of one.
import os from 'node:os';
import {Worker} from 'node:worker_threads';
import type {EventStore} from '../store/types.js';
import {GroupAccumulator, groupStoredEvents, type GroupByOptions, type GroupByResult, type PartFigures} from './group-by.js';

/** What a worker folds: the store's directory, the group-by's options (the filter as its text) and the part's seqs (afterSeq, upToSeq]. */
export type PartTask = {path: string; groupBy: string; sum?: string; where?: string; containers: readonly string[]; afterSeq: number; upToSeq: number};

/** A worker's messages: its table of counted ids once folded, then its groups once settled. */
export type PartMessage = {kind: 'folded'; table: Int32Array} | {kind: 'done'; result: PartFigures};

/** The tables of the ids counted by every newer part, sent to a worker to settle. */
export type SettleMessage = {newer: Int32Array[]};

/** Events a thread must have to itself to be worth starting (a worker takes ~0.1–0.2 s to load its modules and open LMDB). */
const minEventsPerThread = 150_000;

/** How much more than an even share of the seqs this thread folds (its part needs no worker to start, nor settling). */
const mainShareBoost = 1.1;

/** Most threads a group-by uses by default. */
const maxDefaultThreads = 4;

/** The threads a group-by over `events` stored events uses unless told: one per core, up to 4, each with enough to do. */
export function defaultGroupByThreads(events: number): number {
	return Math.max(1, Math.min(os.availableParallelism(), maxDefaultThreads, Math.floor(events / minEventsPerThread)));
}

/** Group every stored event as groupStoredEvents does, the work split over `threads` threads; the same figures. */
export async function groupStoredEventsInParallel(store: EventStore, options: GroupByOptions, threads: number, workerUrl = new URL('group-by-worker.js', import.meta.url)): Promise<GroupByResult> {
	const range = store.seqRange();
	const parts = Math.min(threads, range ? range.newest - range.oldest + 1 : 1);
	if (!range || parts < 2) return groupStoredEvents(store, options);
	// Part 0 holds the newest seqs: (bounds[1], bounds[0]]; part i (bounds[i + 1], bounds[i]]. This thread's part is
	// the larger by what a worker spends starting and settling (measured: ~0.3 s of a 2–4 s fold on 2 cores).
	const seqs = range.newest - range.oldest + 1;
	const mainShare = Math.min(1, mainShareBoost / parts);
	const bounds = [range.newest, ...Array.from({length: parts}, (_, index) => range.newest - Math.round(seqs * (mainShare + (((1 - mainShare) * index) / (parts - 1)))))];
	const workers = Array.from({length: parts - 1}, (_, index) => startPart(workerUrl, {
		path: store.path,
		groupBy: options.groupBy,
		sum: options.sum,
		where: options.where?.expr,
		containers: options.containers,
		afterSeq: bounds[index + 2]!,
		upToSeq: bounds[index + 1]!,
	}));
	try {
		const newest = new GroupAccumulator(options, {expected: bounds[0]! - bounds[1]!, shared: true});
		newest.foldRange(store, bounds[1]!, bounds[0]!);
		const tables = [newest.seenTable()];
		// Part i + 1 settles once parts 0..i are folded: their tables arrive in part order.
		for (const worker of workers) {
			const folded = await worker.folded;
			worker.settle({newer: [...tables]});
			tables.push(folded);
		}

		for (const worker of workers) newest.absorb(await worker.done);
		return newest.result();
	} finally {
		await Promise.all(workers.map(async worker => worker.stop()));
	}
}

/** A worker folding one part: its table once folded, its figures once settled. */
type RunningPart = {folded: Promise<Int32Array>; done: Promise<PartFigures>; settle(message: SettleMessage): void; stop(): Promise<number>};

/** Start the worker of one part. */
function startPart(workerUrl: URL, task: PartTask): RunningPart {
	const worker = new Worker(workerUrl, {workerData: task});
	let fail: (error: Error) => void = () => undefined;
	const failed = new Promise<never>((_, reject) => {
		fail = reject;
	});
	// Whichever the caller awaits rejects; the other must not count as unhandled.
	failed.catch(() => undefined);
	worker.once('error', fail);
	worker.once('exit', code => {
		fail(new Error(`a group-by thread stopped (exit code ${code}) before it was done`));
	});
	const message = async <K extends PartMessage['kind']>(kind: K) => Promise.race([failed, new Promise<Extract<PartMessage, {kind: K}>>(resolve => {
		const listen = (received: PartMessage) => {
			if (received.kind !== kind) return;
			worker.off('message', listen);
			resolve(received as Extract<PartMessage, {kind: K}>);
		};

		worker.on('message', listen);
	})]);
	const folded = message('folded').then(received => received.table);
	const done = message('done').then(received => received.result);
	folded.catch(() => undefined);
	done.catch(() => undefined);
	return {folded, done, settle: settle => worker.postMessage(settle), stop: async () => worker.terminate()};
}
