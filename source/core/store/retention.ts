// Retention: delete the oldest events (store order) with every index entry that points at them. Limits are
// event count, age (receive time, counted back from the newest stored event so that replaying an old recording
// does not delete it at once) and size (pages in use, see usedBytes: the file itself never shrinks).
import type {Config} from '../config.js';
import {usedBytes} from './databases.js';
import {keysOfRecord, type StoredEventKeys} from './event-record.js';
import type {Job} from './job.js';
import {expiredRuns} from './guard.js';
import {guardKey, keyText, offsetParts, partitionKey, txEventKey} from './keys.js';
import type {StoreState} from './state.js';
import {expiredTopicBlocks} from './topic-index.js';
import {TxPlan} from './transactions.js';

/** Retention limits (config `store.retention`). */
export type RetentionLimits = Config['store']['retention'];

/** Most events one pass deletes: bounds its LMDB transaction and the pause it causes. */
const passLimit = 10_000;

/** Automatic passes measure the size (~0.1–0.4 ms) only after this many new events. */
const sizeCheckEvents = 50_000;

/** One pass: delete the oldest `count` events, and go on while events were received before `cutoff`. */
export type RetentionPass = {count: number; cutoff: number | undefined};

/**
 * The next pass needed to bring the store within its limits, or undefined when it is within them. Automatic
 * passes (`slack` > 0, a fraction of each limit) go a little below the limits so they run once per many batches,
 * and check the size only now and then.
 */
export function nextPass(state: StoreState, limits: RetentionLimits, slack: number): RetentionPass | undefined {
	let count = 0;
	if (state.events > limits.maxEvents) count = state.events - limits.maxEvents + Math.floor(limits.maxEvents * slack);
	const measure = slack === 0 || state.unmeasured >= sizeCheckEvents;
	const bytes = measure ? usedBytes(state.dbs) : 0;
	if (measure) state.unmeasured = 0;
	if (bytes > limits.maxBytes && state.events > 0) {
		const perEvent = bytes / state.events;
		count = Math.max(count, Math.ceil((bytes - limits.maxBytes * (1 - slack)) / perEvent));
	}

	const newest = state.counters.newestReceivedAt;
	const cutoff = newest === undefined ? undefined : newest - limits.maxAgeMs;
	const aged = cutoff !== undefined && state.oldestReceivedAt !== undefined && state.oldestReceivedAt < cutoff;
	if (count === 0 && !aged) return undefined;
	return {count: Math.min(count, passLimit), cutoff};
}

/** Plan one retention pass; its result is the number of events it deletes. */
export function planRetention(state: StoreState, cap: number, pass: RetentionPass): Job<number> {
	const {dbs} = state;
	const doomed: StoredEventKeys[] = [];
	for (const {key, value} of dbs.events.getRange({limit: passLimit})) {
		const event = keysOfRecord(key, value);
		if (doomed.length >= pass.count && !(pass.cutoff !== undefined && event.receivedAt < pass.cutoff)) break;
		doomed.push(event);
	}

	const tx = new TxPlan(dbs, state.caches, state.counters, cap);
	for (const event of doomed) if (event.txId !== 0) tx.release(event.txId);
	const topics = new Set(doomed.flatMap(event => (event.topic === undefined ? [] : [event.topic])));
	const partitions = new Map(doomed.flatMap(event => {
		if (event.offset === undefined) return [];
		const prefix = [keyText(event.source), keyText(event.topic ?? ''), partitionKey(event.partition)];
		return [[JSON.stringify(prefix), prefix] as const];
	}));
	const lastSeq = doomed.at(-1)?.seq ?? 0;
	const expired = expiredTopicBlocks(dbs, topics, lastSeq);
	const runs = expiredRuns(dbs, partitions.values(), lastSeq);
	return {
		result: doomed.length,
		write() {
			for (const event of doomed) {
				void dbs.events.remove(event.seq);
				if (event.offset !== undefined) void dbs.guard.remove(guardKey(event, offsetParts(event.offset)));
				if (event.txId !== 0) void dbs.txEvents.remove(txEventKey(event.txId, event.timestamp, event.seq));
			}

			for (const key of expired) void dbs.topics.remove(key);
			for (const key of runs) void dbs.guardRuns.remove(key);
			tx.write();
		},
		committed() {
			tx.committed();
			state.removed(doomed.length);
		},
	};
}
