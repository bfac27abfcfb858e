// A saga tracker's instances as slots of flat arrays instead of an object each: an instance lives seconds of event
// time (until its deadline passes), long enough to be promoted, and where every event starts one (most time out) an
// object and a key list per instance were what the collector promoted and marked. Numbers, flags and states live in
// typed arrays (outside the JS heap); only the name, a failure's reason, the keys beyond the name and a finished
// problem's summary are references. A freed slot is reused, newest freed first.
import type {InstanceSummary, SagaState} from './tracker.js';

/** The states in the order their codes number them. */
export const sagaStates: readonly SagaState[] = ['inProgress', 'completed', 'failed', 'compensated', 'timedOut'];

/** Flag bits of a slot. */
export const succeededFlag = 1;
export const outOfOrderFlag = 2;
export const finishedFlag = 4;
/** Finished and kept in the tracker's list of problems. */
export const problemFlag = 8;

/** The instances' fields, one entry per slot (see SagaTracker for what each means). */
export class InstanceSlots {
	/** The correlation value (or first transaction id) that names it; undefined: the slot is free. */
	ids: Array<string | undefined> = [];
	/** Keys it is also open under, besides its id (undefined: none). */
	moreKeys: Array<string[] | undefined> = [];
	/** The failure's reason (masked) when its event carried one. */
	reasons: Array<string | undefined> = [];
	/** Its summary once finished (it no longer changes then). */
	summaries: Array<InstanceSummary | undefined> = [];
	/** Index of the last step reached (-1: none). */
	highest = new Int32Array(0);
	/** Bits of the compensation events seen. */
	compensations = new Int32Array(0);
	/** Index of its failure event in the definition's failures (-1: none). */
	failure = new Int16Array(0);
	/** Its state's index in sagaStates. */
	state = new Uint8Array(0);
	/** succeededFlag, outOfOrderFlag, finishedFlag, problemFlag. */
	flags = new Uint8Array(0);
	highestAt = new Float64Array(0);
	startedAt = new Float64Array(0);
	lastAt = new Float64Array(0);
	failureAt = new Float64Array(0);
	/** When it is decided (see SagaTracker.settle). */
	deadline = new Float64Array(0);
	/** Its start number (the tracker's instance count when it started, modulo 2^32): tells it from a slot's earlier instances. */
	serial = new Uint32Array(0);
	private readonly free: number[] = [];

	/** A slot for a new instance named `id` that started at `at`, in progress. */
	allocate(id: string, at: number): number {
		const slot = this.free.pop() ?? this.grow();
		this.ids[slot] = id;
		this.highest[slot] = -1;
		this.compensations[slot] = 0;
		this.failure[slot] = -1;
		this.state[slot] = 0;
		this.flags[slot] = 0;
		this.highestAt[slot] = at;
		this.startedAt[slot] = at;
		this.lastAt[slot] = at;
		this.failureAt[slot] = 0;
		this.deadline[slot] = at;
		return slot;
	}

	/** Free `slot`, letting go of its texts and summary. */
	release(slot: number): void {
		this.ids[slot] = undefined;
		this.moreKeys[slot] = undefined;
		this.reasons[slot] = undefined;
		this.summaries[slot] = undefined;
		this.free.push(slot);
	}

	/** A new slot at the end, the arrays doubled when full. */
	private grow(): number {
		const slot = this.ids.length;
		if (slot === this.highest.length) {
			const size = Math.max(64, slot * 2);
			this.highest = grown(this.highest, new Int32Array(size));
			this.compensations = grown(this.compensations, new Int32Array(size));
			this.failure = grown(this.failure, new Int16Array(size));
			this.state = grown(this.state, new Uint8Array(size));
			this.flags = grown(this.flags, new Uint8Array(size));
			this.highestAt = grown(this.highestAt, new Float64Array(size));
			this.startedAt = grown(this.startedAt, new Float64Array(size));
			this.lastAt = grown(this.lastAt, new Float64Array(size));
			this.failureAt = grown(this.failureAt, new Float64Array(size));
			this.deadline = grown(this.deadline, new Float64Array(size));
			this.serial = grown(this.serial, new Uint32Array(size));
		}

		this.ids.push(undefined);
		this.moreKeys.push(undefined);
		this.reasons.push(undefined);
		this.summaries.push(undefined);
		return slot;
	}
}

/** `to` with `from` copied to its start. */
function grown<T extends Int32Array | Int16Array | Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
	to.set(from);
	return to;
}
