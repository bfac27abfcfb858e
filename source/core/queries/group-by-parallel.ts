// A group-by split over threads: the store's seqs are cut into contiguous parts, the newest folded on this thread
// and each older one on a worker thread (group-by-worker.ts), every part reading its own stored bytes. A copy counts
// once, as the newest event with its id: each older part keeps what it counted until the tables of ids counted by
// all newer parts are known (shared memory, not copied), then settles. On 2 cores two parts took 0.71–0.75 of one.
import os from 'node:os';
import {Worker} from 'node:worker_threads';
import type {EventStore} from '../store/types.js';
import {betweenSteps, nextStepSize} from './steps.js';
import {GroupAccumulator, type GroupByOptions, type GroupByResult, type GroupByStore, type PartFigures} from './group-by.js';

/** What a split fold reads of the store: its events' bytes and seqs, and its directory, where worker threads open it. */
export type SplitStore = GroupByStore & Pick<EventStore, 'seqRange' | 'path'>;

/** What a worker folds: the store's directory, the group-by's options (the filter as its text), the part's seqs (afterSeq, upToSeq], and the word (shared) that asks every worker to stop when not 0. */
export type PartTask = {path: string; groupBy: string; sum?: string; where?: string; containers: readonly string[]; afterSeq: number; upToSeq: number; stop: Int32Array};

/** A worker's messages: its table of counted ids once folded, then its groups once settled. */
export type PartMessage = {kind: 'folded'; table: Int32Array} | {kind: 'done'; result: PartFigures};

/** The tables of the ids counted by every newer part, sent to a worker to settle; none when the fold is abandoned. */
export type SettleMessage = {newer?: Int32Array[]};

/**
 * Events a thread must have to itself to be worth starting (a worker takes ~0.1–0.3 s to load its modules and
 * open LMDB): reading records and JSON text, ~2–4 µs an event; reading group columns, under 1 µs an event (on 1 M
 * events one thread took 0.94 s, two 1.15 s).
 */
const minEventsPerThread = {records: 150_000, columns: 2_000_000};

/** How much more than an even share of the seqs this thread folds (its part needs no worker to start, nor settling). */
const mainShareBoost = 1.1;

/** Most threads a group-by uses by default. */
const maxDefaultThreads = 4;

/** The threads a group-by over `events` stored events uses unless told: one per core, up to 4, each with enough to do (far more when group columns answer it). */
export function defaultGroupByThreads(events: number, fromColumns = false): number {
	const perThread = fromColumns ? minEventsPerThread.columns : minEventsPerThread.records;
	return Math.max(1, Math.min(os.availableParallelism(), maxDefaultThreads, Math.floor(events / perThread)));
}

/**
 * Group every stored event as groupStoredEvents does, the work split over `threads` threads; the same figures.
 * `signal` abandons it (this thread's fold within a step, the workers within 1,024 events each); the promise then rejects.
 */
export async function groupStoredEventsInParallel(store: SplitStore, options: GroupByOptions, threads: number, signal?: AbortSignal, workerUrl = defaultWorker): Promise<GroupByResult> {
	const range = store.seqRange();
	const parts = range ? Math.min(threads, range.newest - range.oldest + 1) : 1;
	if (!range || parts < 2) {
		const accumulator = new GroupAccumulator(options, {expected: range ? range.newest - range.oldest + 1 : 0});
		if (range) await foldInSteps(accumulator, store, range.oldest - 1, range.newest, signal);
		return accumulator.result();
	}

	const folded = await foldParts(store, options, range, parts, true, workerUrl, signal);
	for (const part of folded.parts) folded.newest!.absorb(part);
	return folded.newest!.result();
}

/**
 * Fold every stored event on `threads` worker threads, none of it on this one (the terminal UI stays responsive),
 * into an accumulator that goes on from there with foldStored, telling copies by the workers' tables of ids.
 * `signal` abandons the fold (the workers stop within 1,024 events each); the promise then rejects.
 */
export async function foldStoredOffThread(store: SplitStore, options: GroupByOptions, threads: number, signal?: AbortSignal, workerUrl = defaultWorker): Promise<GroupAccumulator> {
	const accumulator = new GroupAccumulator(options);
	const range = store.seqRange();
	if (!range) return accumulator;
	const folded = await foldParts(store, options, range, Math.max(1, Math.min(threads, range.newest - range.oldest + 1)), false, workerUrl, signal);
	accumulator.adopt(folded.parts, folded.tables, range.newest);
	return accumulator;
}

/**
 * Fold seqs (afterSeq, upToSeq] into `accumulator` on this thread, newest first as one foldRange would, in steps
 * (steps.ts: ~1 µs an event from group columns, up to ~30 µs read whole), letting the event loop run between steps,
 * so that a signal (Ctrl-C) is heard and `signal` can abandon the fold; the promise then rejects with its reason.
 */
async function foldInSteps(accumulator: GroupAccumulator, store: GroupByStore, afterSeq: number, upToSeq: number, signal?: AbortSignal): Promise<void> {
	let seqs = 1024;
	for (let upper = upToSeq; upper > afterSeq;) {
		const lower = Math.max(afterSeq, upper - seqs);
		const started = performance.now();
		accumulator.foldRange(store, lower, upper);
		upper = lower;
		seqs = nextStepSize(seqs, performance.now() - started);
		await betweenSteps(signal);
	}
}

/** The worker thread's module. */
const defaultWorker = new URL('group-by-worker.js', import.meta.url);

/**
 * Fold seqs [oldest, newest] of `range` in `count` contiguous parts, newest first: part 0 on this thread when
 * `here` (returned unsettled as `newest`; the figures of the others in `parts`), else every part on a worker. Each
 * part settles once the tables of every newer part are known; they arrive in part order.
 */
async function foldParts(store: SplitStore, options: GroupByOptions, range: {oldest: number; newest: number}, count: number, here: boolean, workerUrl: URL, signal?: AbortSignal): Promise<{newest?: GroupAccumulator; parts: PartFigures[]; tables: Int32Array[]}> {
	// Part i holds seqs (bounds[i + 1], bounds[i]]. A part on this thread is the larger by what a worker spends
	// starting and settling (measured: ~0.3 s of a 2–4 s fold on 2 cores).
	const seqs = range.newest - range.oldest + 1;
	const first = here ? Math.min(1, mainShareBoost / count) : 1 / count;
	const bounds = [range.newest, ...Array.from({length: count}, (_, index) => range.newest - Math.round(seqs * (count === 1 ? 1 : first + (((1 - first) * index) / (count - 1)))))];
	const task = (part: number): PartTask => ({
		path: store.path,
		groupBy: options.groupBy,
		sum: options.sum,
		where: options.where?.expr,
		containers: options.containers,
		afterSeq: bounds[part + 1]!,
		upToSeq: bounds[part]!,
		stop,
	});
	const stop = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
	const workers = Array.from({length: here ? count - 1 : count}, (_, index) => startPart(workerUrl, task(here ? index + 1 : index)));
	const abandon = () => {
		Atomics.store(stop, 0, 1);
		for (const worker of workers) worker.settle({});
	};

	signal?.addEventListener('abort', abandon);
	try {
		const tables: Int32Array[] = [];
		let newest: GroupAccumulator | undefined;
		if (here) {
			newest = new GroupAccumulator(options, {expected: bounds[0]! - bounds[1]!, shared: true});
			await foldInSteps(newest, store, bounds[1]!, bounds[0]!, signal);
			tables.push(newest.seenTable());
		}

		for (const worker of workers) {
			const table = await worker.folded;
			worker.settle({newer: [...tables]});
			tables.push(table);
		}

		const parts: PartFigures[] = [];
		for (const worker of workers) parts.push(await worker.done);
		signal?.throwIfAborted();
		return {newest, parts, tables};
	} catch (error) {
		abandon();
		throw signal?.aborted ? signal.reason : error;
	} finally {
		signal?.removeEventListener('abort', abandon);
		// Each worker ends on its own once its store is closed (see group-by-worker.ts: never terminated).
		await Promise.all(workers.map(async worker => worker.exited));
	}
}

/** A worker folding one part: its table once folded, its figures once settled, and when it has ended. */
type RunningPart = {folded: Promise<Int32Array>; done: Promise<PartFigures>; settle(message: SettleMessage): void; exited: Promise<void>};

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
	const exited = new Promise<void>(resolve => {
		worker.once('exit', code => {
			fail(new Error(`a group-by thread ended (exit code ${code}) before it was done`));
			resolve();
		});
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
	return {
		folded,
		done,
		settle(settle) {
			// A worker that has ended takes no message.
			worker.postMessage(settle);
		},
		exited,
	};
}
