// One saga definition's instances, followed event by event in event time: state, current step, failure reason,
// compensations done and missing, overdue steps. Open instances are held; finished ones are counted and only
// the problem ones (failed, timed out, uncompensated) kept, newest first, up to a bound. A reason's personal data is masked.
import {findPath, maskInText, type Envelope} from '../../source/plugin-api/index.js';
import {DeadlineHeap} from './deadlines.js';
import {finishedFlag, InstanceSlots, outOfOrderFlag, problemFlag, sagaStates, succeededFlag} from './instances.js';
import type {SagaDefinition} from './definition.js';

/** Where an instance stands. */
export type SagaState = 'inProgress' | 'completed' | 'failed' | 'compensated' | 'timedOut';

/** One instance as shown and listed. */
export type InstanceSummary = {
	saga: string;
	/** The correlation value (or the first transaction id) that names it. */
	id: string;
	state: SagaState;
	/** The furthest point: the success or failure event, else the last step reached. */
	step: string;
	/** The event it waits for (in progress, timed out). */
	waitingFor?: string;
	/** The failure's reason when its event carries one. */
	reason?: string;
	compensationsDone: string[];
	compensationsMissing: string[];
	/** Some of its events arrived out of event-time order. */
	outOfOrder: boolean;
	/** Still open: a failed one may yet get its missing compensations. */
	open: boolean;
	/** Event time of its first step and of its latest event. */
	startedAt: number;
	lastAt: number;
};

/** Counts by state; a compensated instance is not also failed. */
export type SagaCounts = {
	instances: number;
	completed: number;
	failed: number;
	compensated: number;
	timedOut: number;
	inProgress: number;
	/** Failed instances (among `failed`) whose compensations did not all arrive in time. */
	compensationMissing: number;
	/** Instances some of whose events arrived out of event-time order. */
	outOfOrder: number;
	/**
	 * Instances let go undecided at the open cap (TrackerOptions.maxOpen) while in progress, oldest started first:
	 * counted here, not as in progress, so the states still add up to `instances`.
	 */
	evicted: number;
	/** Early events (of instances not started yet) dropped at the held cap (maxOrphans, 64 per instance) before their first step could come. */
	heldDropped: number;
};

/** What the diagram draws: instances reaching each step, failures branching off after a step, compensations. */
export type SagaFlow = {
	steps: Array<{event: string; reached: number}>;
	success: {event: string; reached: number};
	/** `afterStep`: index of the last step reached when the failure came (-1: none). */
	failures: Array<{event: string; afterStep: number; count: number}>;
	/** Timed-out instances by the index of the last step they reached. */
	timedOutAfter: number[];
	/** Per compensation event: its step, how often it came, how often it was needed and never came. */
	compensations: Array<{event: string; step: number; done: number; missing: number}>;
};

/** A tracker's state for views and commands; `applies`: the input has shown this saga (see SagaDefinition.needsEnd). */
export type SagaReport = {name: string; applies: boolean; counts: SagaCounts; flow: SagaFlow; problems: InstanceSummary[]; caps: {open: number; held: number}};

/** What the tracker tells its owner (the stage raises alerts from these). */
export type TrackerHooks = {
	onFailed?(instance: InstanceSummary, at: number): void;
	onTimedOut?(instance: InstanceSummary, at: number): void;
	onCompensationMissing?(instance: InstanceSummary, at: number): void;
	/** Every instance as it finishes, whatever its state. */
	onFinished?(instance: InstanceSummary): void;
};

/** Limits of the tracker. */
export type TrackerOptions = {
	/** How late (event time) an event may arrive: overdue means overdue by more than this, live. */
	latenessMs: number;
	/** Problem instances kept for the list (newest). */
	maxProblems: number;
	/** Not-yet-started instances (their keys) whose early events are held at once (their first step may still come). */
	maxOrphans: number;
	/** Open instances (their keys) at once: at the cap, starting one lets the oldest started go (counted: `evicted`). */
	maxOpen: number;
	/**
	 * Objects of the value a field is also looked for in (config `fields.containers`: a Redis entry's `data`), as
	 * every field of an event is found.
	 */
	containers: readonly string[];
	/** A failure's reason read from `event`, its personal data masked (by default the text rule, maskInText). */
	maskReason(text: string, event: Envelope): string;
};

const defaultOptions: TrackerOptions = {latenessMs: 5000, maxProblems: 1000, maxOrphans: 100_000, maxOpen: 200_000, containers: [], maskReason: text => maskInText(text)};

/** What an event type is to a saga. */
export type Role = {kind: 'step'; index: number} | {kind: 'success'} | {kind: 'failure'; event: string} | {kind: 'compensation'; bit: number};

/** Events of an instance whose first step has not arrived (yet): replayed into it when it does. */
const maxHeldEvents = 64;

type Orphan = {keys: string[]; since: number; events: Array<{role: Role; at: number; reason?: string}>; held: boolean};

/**
 * Items in the order they came, the oldest taken first in constant time (a Map's first entry is found past every
 * entry deleted before it: at a cap, taking the oldest each time grew quadratic). Items no longer live are skipped
 * when they come up, and left out when the queue holds more than twice as many as are live.
 */
class OldestFirst<T> {
	private items: Array<T | undefined> = [];
	private head = 0;

	constructor(private readonly isLive: (item: T) => boolean) {}

	/** Add `item`; `live`: how many items are live at most (the queue is compacted beyond twice that). */
	push(item: T, live: number): void {
		this.items.push(item);
		if (this.items.length - this.head > (2 * live) + 64) {
			this.items = this.items.slice(this.head).filter(each => each !== undefined && this.isLive(each));
			this.head = 0;
		}
	}

	/** The oldest live item, left in place (undefined: none). */
	peek(): T | undefined {
		// One passed is let go at once, not when the queue is next cut.
		while (this.head < this.items.length && !this.isLive(this.items[this.head]!)) this.items[this.head++] = undefined;
		if (this.head > 1024 && this.head * 2 > this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}

		return this.items[this.head];
	}
}

/**
 * A field of an event as a string (a dotted path into nested objects), found as the configuration's fields are:
 * in the value, else inside one of its `containers`, else a header of that name.
 */
function fieldText(event: Envelope, path: readonly string[], containers: readonly string[]): string | undefined {
	const node = findPath(event.value, event.headers, path, containers);
	return typeof node === 'string' ? (node === '' ? undefined : node) : typeof node === 'number' ? String(node) : undefined;
}

/** Follows the instances of one saga definition. */
export class SagaTracker {
	/** Event type → its role in this saga. */
	readonly roles = new Map<string, Role>();
	private readonly options: TrackerOptions;
	private readonly compensationEvents: string[] = [];
	/** Compensation bits each step needs after a failure, accumulated over the steps up to it. */
	private readonly neededThrough: number[] = [];
	private readonly fieldPath?: string[];
	private readonly reasonPaths: string[][];
	/** Open instances' slots by every key they are known by. */
	private readonly open = new Map<string, number>();
	private readonly slots = new InstanceSlots();
	private readonly orphans = new Map<string, Orphan>();
	/** Orphans held, oldest first (`since` grows with the clock). */
	private readonly orphanOrder = new OldestFirst<Orphan>(orphan => orphan.held);
	/** Open instances as `slot * 2^32 + start number`, oldest started first: stale once the slot finished or was reused. */
	private readonly startOrder = new OldestFirst<number>(entry => this.startsOpen(entry));
	/** Open instances that failed (compensated or not, not yet final): what a report adds to the finished ones. */
	private readonly openFailures = new Set<number>();
	/** Each unfinished instance's one entry (a finished one's stays until it comes up). */
	private readonly deadlines = new DeadlineHeap();
	/** Finished failed and timed-out instances, oldest first (the newest `maxProblems` to `2 × maxProblems`). */
	private readonly problems: number[] = [];
	private readonly counts: SagaCounts = {instances: 0, completed: 0, failed: 0, compensated: 0, timedOut: 0, inProgress: 0, compensationMissing: 0, outOfOrder: 0, evicted: 0, heldDropped: 0};
	private readonly reached: number[];
	private readonly timedOutAfter: number[];
	private readonly failureCounts = new Map<string, {event: string; afterStep: number; count: number}>();
	private readonly compensationDone: number[] = [];
	private readonly compensationMissing: number[] = [];
	private clock = Number.NEGATIVE_INFINITY;
	/** The input showed one of the saga's end events (or the definition needs none): its findings are reported. */
	private applies: boolean;

	constructor(readonly definition: SagaDefinition, private readonly hooks: TrackerHooks = {}, options: Partial<TrackerOptions> = {}) {
		this.options = {...defaultOptions, ...options};
		this.applies = !definition.needsEnd;
		this.reached = definition.steps.map(() => 0);
		this.timedOutAfter = definition.steps.map(() => 0);
		let needed = 0;
		definition.steps.forEach((step, index) => {
			this.roles.set(step.event, {kind: 'step', index});
			for (const event of step.compensations) {
				let bit = this.compensationEvents.indexOf(event);
				if (bit === -1) {
					bit = this.compensationEvents.push(event) - 1;
					this.roles.set(event, {kind: 'compensation', bit});
					this.compensationDone.push(0);
					this.compensationMissing.push(0);
				}

				needed |= 1 << bit;
			}

			this.neededThrough.push(needed);
		});
		this.roles.set(definition.success, {kind: 'success'});
		for (const failure of definition.failures) this.roles.set(failure, {kind: 'failure', event: failure});
		if ('field' in definition.correlation) this.fieldPath = definition.correlation.field.split('.');
		this.reasonPaths = definition.reasonFields.map(field => field.split('.'));
	}

	/** Take one event whose type has a role in this saga (see `roles`); `clock` is the engine's event-time clock. */
	ingest(event: Envelope, role: Role, clock: number): void {
		// What was overdue before this event is decided first: a step that comes too late does not rescue its instance.
		if (clock > this.clock) {
			this.clock = clock;
			this.expireDeadlines(clock - this.options.latenessMs);
		}

		let keys: readonly string[];
		if (this.fieldPath) {
			const key = fieldText(event, this.fieldPath, this.options.containers);
			if (key === undefined) return;
			keys = [key];
		} else {
			keys = event.ids;
			if (keys.length === 0) return;
		}

		const at = event.timestamp ?? event.receivedAt;
		if (role.kind === 'success' || role.kind === 'failure') this.applies = true;
		const reason = role.kind === 'failure' ? this.reasonOf(event) : undefined;
		let slot: number | undefined;
		for (const key of keys) {
			slot = this.open.get(key);
			if (slot !== undefined) break;
		}

		if (slot === undefined && role.kind === 'step' && role.index === 0) slot = this.start(keys[0]!, at);
		if (slot === undefined) {
			this.hold(keys, role, at, reason);
			return;
		}

		const failedBefore = this.slots.failure[slot]! !== -1;
		this.apply(slot, role, at, reason);
		for (const key of keys) {
			if (keys.length > 1 && this.open.get(key) !== slot) this.addKey(slot, key);
			if (this.orphans.size > 0) this.adopt(slot, key);
		}

		this.settle(slot);
		if (!failedBefore && this.slots.failure[slot]! !== -1) this.hooks.onFailed?.(this.summary(slot), this.slots.failureAt[slot]!);
	}

	/** Decide what is overdue at event time `clock` (allowing late arrivals), and forget orphans too old to start. */
	advance(clock: number): void {
		if (clock > this.clock) this.clock = clock;
		this.expireDeadlines(this.clock - this.options.latenessMs);
		this.expireOrphans(this.clock - this.options.latenessMs);
	}

	/** End of the input at event time `now`: everything overdue then is decided; failed instances still waiting are final. */
	finish(now: number): void {
		if (now > this.clock) this.clock = now;
		this.expireDeadlines(this.clock);
		this.expireOrphans(this.clock);
		for (const slot of new Set(this.open.values())) {
			if ((this.slots.flags[slot]! & finishedFlag) === 0 && this.slots.state[slot] !== 0) this.finalize(slot);
		}
	}

	/** Counts, the flow's figures and the problem instances (newest first; open failed ones included). */
	report(): SagaReport {
		const definition = this.definition;
		const failures = new Map([...this.failureCounts].map(([key, entry]) => [key, {...entry}]));
		const waiting: InstanceSummary[] = [];
		for (const slot of this.openFailures) {
			this.countFailure(failures, slot);
			if (sagaStates[this.slots.state[slot]!] === 'failed') waiting.push(this.summary(slot));
		}

		return {
			name: definition.name,
			applies: this.applies,
			counts: {...this.counts},
			flow: {
				steps: definition.steps.map((step, index) => ({event: step.event, reached: this.reached[index]!})),
				success: {event: definition.success, reached: this.counts.completed},
				timedOutAfter: [...this.timedOutAfter],
				failures: [...failures.values()].sort((a, b) => a.afterStep - b.afterStep || b.count - a.count),
				compensations: this.compensationEvents.map((event, bit) => ({
					event,
					step: definition.steps.findIndex(step => step.compensations.includes(event)),
					done: this.compensationDone[bit]!,
					missing: this.compensationMissing[bit]!,
				})),
			},
			problems: [...waiting.reverse(), ...this.problems.map(slot => this.summary(slot)).reverse()],
			caps: {open: this.options.maxOpen, held: this.options.maxOrphans},
		};
	}

	/** The input has shown this saga (see SagaDefinition.needsEnd). */
	get showsSaga(): boolean {
		return this.applies;
	}

	/** Summaries of the instances still open. */
	openInstances(): InstanceSummary[] {
		return [...new Set(this.open.values())].map(slot => this.summary(slot));
	}

	private reasonOf(event: Envelope): string | undefined {
		for (const path of this.reasonPaths) {
			const text = fieldText(event, path, this.options.containers);
			// Shown in the pane, alerts, `saga --list` and CI logs: the personal data a reason may carry is masked.
			if (text !== undefined) return this.options.maskReason(text, event);
		}

		return undefined;
	}

	private start(id: string, at: number): number {
		if (this.open.size >= this.options.maxOpen) this.evictOldest();
		const slot = this.slots.allocate(id, at);
		this.open.set(id, slot);
		this.counts.instances++;
		const serial = this.counts.instances % 2 ** 32;
		this.slots.serial[slot] = serial;
		this.startOrder.push((slot * 2 ** 32) + serial, this.open.size);
		this.counts.inProgress++;
		return slot;
	}

	/**
	 * Let the oldest started open instance go (its keys first in `open`): one in progress is counted `evicted`, one
	 * already decided (completed, compensated, failed) is final as it stands, as at the end of an input.
	 */
	private evictOldest(): void {
		const entry = this.startOrder.peek();
		if (entry === undefined) return;
		const slot = Math.floor(entry / 2 ** 32);
		if (this.slots.state[slot] === 0) {
			this.counts.inProgress--;
			this.counts.evicted++;
			this.slots.flags[slot] = this.slots.flags[slot]! | finishedFlag;
			this.forgetKeys(slot);
		} else {
			this.finalize(slot);
		}

		// Its deadline entry comes up at once, releasing the slot (a due time days away would hold it until then).
		this.deadlines.schedule(slot, Number.NEGATIVE_INFINITY);
	}

	/** A startOrder entry's instance is still open: its slot not finished nor reused since. */
	private startsOpen(entry: number): boolean {
		const slot = Math.floor(entry / 2 ** 32);
		return this.slots.serial[slot] === entry % 2 ** 32 && (this.slots.flags[slot]! & finishedFlag) === 0;
	}

	/** `slot`'s instance is no longer open under any of its keys. */
	private forgetKeys(slot: number): void {
		const id = this.slots.ids[slot]!;
		if (this.open.get(id) === slot) this.open.delete(id);
		for (const key of this.slots.moreKeys[slot] ?? []) if (this.open.get(key) === slot) this.open.delete(key);
	}

	/** `slot`'s instance is also open under `key`. */
	private addKey(slot: number, key: string): void {
		const more = this.slots.moreKeys[slot];
		if (more) more.push(key);
		else this.slots.moreKeys[slot] = [key];
		this.open.set(key, slot);
	}

	/** Replay into `slot`'s instance what arrived for `key` before the instance started. */
	private adopt(slot: number, key: string): void {
		const orphan = this.orphans.get(key);
		if (!orphan) return;
		const {keys, events} = orphan;
		this.forgetOrphan(orphan);
		for (const other of keys) {
			if (this.open.has(other)) continue;
			this.addKey(slot, other);
		}

		if (events.length > 0) this.markOutOfOrder(slot);
		for (const event of events.sort((a, b) => a.at - b.at)) this.apply(slot, event.role, event.at, event.reason);
	}

	private hold(keys: readonly string[], role: Role, at: number, reason: string | undefined): void {
		let orphan: Orphan | undefined;
		for (const key of keys) {
			orphan = this.orphans.get(key);
			if (orphan) break;
		}

		if (!orphan) {
			if (this.orphans.size >= this.options.maxOrphans) this.dropOldestOrphan();
			orphan = {keys: [], since: this.clock, events: [], held: true};
			this.orphanOrder.push(orphan, this.orphans.size + 1);
		}

		for (const key of keys) {
			if (this.orphans.has(key)) continue;
			orphan.keys.push(key);
			this.orphans.set(key, orphan);
		}

		if (orphan.events.length < maxHeldEvents) orphan.events.push({role, at, reason});
		else this.counts.heldDropped++;
	}

	private dropOldestOrphan(): void {
		const first = this.orphanOrder.peek();
		if (!first) return;
		this.counts.heldDropped += first.events.length;
		this.forgetOrphan(first);
	}

	/** `orphan` is no longer held: its keys let go, and what it held (its queue entry may outlive it a while). */
	private forgetOrphan(orphan: Orphan): void {
		orphan.held = false;
		for (const key of orphan.keys) this.orphans.delete(key);
		orphan.keys = [];
		orphan.events = [];
	}

	/** Count `slot`'s failure on its branch: after the last step it reached (known once its events are in). */
	private countFailure(failures: Map<string, {event: string; afterStep: number; count: number}>, slot: number): void {
		const highest = this.slots.highest[slot]!;
		const failure = this.definition.failures[this.slots.failure[slot]!]!;
		const key = `${highest}|${failure}`;
		const entry = failures.get(key) ?? {event: failure, afterStep: highest, count: 0};
		entry.count++;
		failures.set(key, entry);
	}

	private markOutOfOrder(slot: number): void {
		const flags = this.slots.flags;
		if ((flags[slot]! & outOfOrderFlag) !== 0) return;
		flags[slot] = flags[slot]! | outOfOrderFlag;
		this.counts.outOfOrder++;
	}

	private apply(slot: number, role: Role, at: number, reason: string | undefined): void {
		const slots = this.slots;
		if (at < slots.lastAt[slot]!) this.markOutOfOrder(slot);
		else slots.lastAt[slot] = at;

		if (at < slots.startedAt[slot]!) slots.startedAt[slot] = at;
		switch (role.kind) {
			case 'step': {
				this.reach(slot, role.index, at);
				break;
			}

			case 'success': {
				slots.flags[slot] = slots.flags[slot]! | succeededFlag;
				this.reach(slot, this.definition.steps.length - 1, at);
				break;
			}

			case 'failure': {
				if (slots.failure[slot] === -1) {
					slots.failure[slot] = this.definition.failures.indexOf(role.event);
					this.openFailures.add(slot);
					slots.failureAt[slot] = at;
					slots.reasons[slot] = reason;
				} else if (slots.reasons[slot] === undefined && reason !== undefined) {
					slots.reasons[slot] = reason;
				}

				break;
			}

			case 'compensation': {
				const bit = 1 << role.bit;
				if ((slots.compensations[slot]! & bit) === 0) {
					slots.compensations[slot] = slots.compensations[slot]! | bit;
					this.compensationDone[role.bit]!++;
				}

				break;
			}
		}
	}

	private reach(slot: number, index: number, at: number): void {
		const slots = this.slots;
		const highest = slots.highest[slot]!;
		if (index > highest) {
			for (let step = highest + 1; step <= index; step++) this.reached[step]!++;
			slots.highest[slot] = index;
			slots.highestAt[slot] = at;
		} else if (index === highest && at > slots.highestAt[slot]!) {
			slots.highestAt[slot] = at;
		}
	}

	/**
	 * Move `slot`'s instance to the state its events say and set when it is decided: an open step's due time, a
	 * failure's compensation due time, else its latest event (events may still arrive out of order until the
	 * lateness passed).
	 */
	private settle(slot: number): void {
		const slots = this.slots;
		if ((slots.flags[slot]! & finishedFlag) !== 0) return;
		let state: SagaState;
		let deadline = slots.lastAt[slot]!;
		if (slots.failure[slot] !== -1) {
			const needed = this.neededThrough[slots.highest[slot]!] ?? 0;
			if (needed === 0) state = 'failed';
			else if ((slots.compensations[slot]! & needed) === needed) state = 'compensated';
			else {
				state = 'failed';
				deadline = slots.failureAt[slot]! + this.definition.compensationDueMs;
			}
		} else if ((slots.flags[slot]! & succeededFlag) !== 0) {
			state = 'completed';
		} else {
			state = 'inProgress';
			deadline = slots.highestAt[slot]! + this.dueOfNext(slot);
		}

		this.move(slot, state);
		slots.deadline[slot] = deadline;
		this.deadlines.schedule(slot, deadline);
	}

	private dueOfNext(slot: number): number {
		const next = this.definition.steps[this.slots.highest[slot]! + 1];
		return next ? next.dueMs : this.definition.successDueMs;
	}

	private move(slot: number, state: SagaState): void {
		const from = sagaStates[this.slots.state[slot]!]!;
		if (from === state) return;
		this.counts[from]--;
		this.counts[state]++;
		this.slots.state[slot] = sagaStates.indexOf(state);
	}

	/** Instances due before `until` are decided: in progress ones time out, the others finish as they stand. */
	private expireDeadlines(until: number): void {
		const slots = this.slots;
		// A deadline at `until` has not passed yet.
		while (this.deadlines.nextAt < until) {
			const at = this.deadlines.nextAt;
			const slot = this.deadlines.pop();
			if ((slots.flags[slot]! & finishedFlag) !== 0) {
				// Finished at the end of an input while its entry waited: the slot was kept for it until now.
				this.releaseIfUnused(slot);
				continue;
			}

			if (slots.deadline[slot]! > at) {
				// It moved on since: its entry comes back at its new deadline.
				this.deadlines.schedule(slot, slots.deadline[slot]!);
				continue;
			}

			if (slots.state[slot] === 0) {
				this.move(slot, 'timedOut');
				this.timedOutAfter[slots.highest[slot]!]!++;
				this.finalize(slot, at);
			} else {
				this.finalize(slot);
			}
		}
	}

	/** Forget events held for instances whose first step did not come within the lateness. */
	private expireOrphans(until: number): void {
		for (let orphan = this.orphanOrder.peek(); orphan && orphan.since < until; orphan = this.orphanOrder.peek()) this.forgetOrphan(orphan);
	}

	/** `slot`'s instance is final; `timedOutAt`: it timed out then (told to onTimedOut). */
	private finalize(slot: number, timedOutAt?: number): void {
		const slots = this.slots;
		slots.flags[slot] = slots.flags[slot]! | finishedFlag;
		const failed = slots.failure[slot] !== -1;
		if (failed) {
			this.countFailure(this.failureCounts, slot);
			this.openFailures.delete(slot);
		}

		this.forgetKeys(slot);
		const missing = this.missingCompensations(slot);
		if (missing !== 0) {
			this.counts.compensationMissing++;
			for (let bit = 0; bit < this.compensationEvents.length; bit++) if ((missing & (1 << bit)) !== 0) this.compensationMissing[bit]!++;
			if (this.applies && this.hooks.onCompensationMissing) this.hooks.onCompensationMissing(this.summary(slot), slots.failureAt[slot]! + this.definition.compensationDueMs);
		}

		if (this.hooks.onFinished) this.hooks.onFinished(this.summary(slot));
		if (timedOutAt !== undefined && this.applies) this.hooks.onTimedOut?.(this.summary(slot), timedOutAt);
		// Problem instances are kept as they are (a finished one no longer changes), summarized only when reported:
		// where most time out (every event starts its own), few of them are ever shown.
		const state = sagaStates[slots.state[slot]!];
		if (state === 'failed' || state === 'timedOut') {
			slots.flags[slot] = slots.flags[slot]! | problemFlag;
			this.problems.push(slot);
			if (this.problems.length > this.options.maxProblems * 2) {
				for (const dropped of this.problems.splice(0, this.problems.length - this.options.maxProblems)) {
					slots.flags[dropped] = slots.flags[dropped]! & ~problemFlag;
					this.releaseIfUnused(dropped);
				}
			}
		} else {
			this.releaseIfUnused(slot);
		}
	}

	/** Free a finished instance's slot unless it is still listed as a problem or still has a deadline entry. */
	private releaseIfUnused(slot: number): void {
		if (this.deadlines.holds(slot) || (this.slots.flags[slot]! & problemFlag) !== 0) return;
		this.slots.release(slot);
	}

	/** Bits of the compensations a failed instance needed and has not had (0 when it did not fail). */
	private missingCompensations(slot: number): number {
		if (this.slots.failure[slot] === -1) return 0;
		return (this.neededThrough[this.slots.highest[slot]!] ?? 0) & ~this.slots.compensations[slot]!;
	}

	private summary(slot: number): InstanceSummary {
		const slots = this.slots;
		const cached = slots.summaries[slot];
		if (cached) return cached;
		const definition = this.definition;
		const missingBits = this.missingCompensations(slot);
		const compensations = slots.compensations[slot]!;
		const done: string[] = [];
		const missing: string[] = [];
		this.compensationEvents.forEach((event, bit) => {
			if ((compensations & (1 << bit)) !== 0) done.push(event);
			else if ((missingBits & (1 << bit)) !== 0) missing.push(event);
		});
		const state = sagaStates[slots.state[slot]!]!;
		const flags = slots.flags[slot]!;
		const highest = slots.highest[slot]!;
		const finished = (flags & finishedFlag) !== 0;
		const reason = slots.reasons[slot];
		const open = state === 'inProgress' || state === 'timedOut';
		const waitingFor = open ? definition.steps[highest + 1]?.event ?? definition.success : undefined;
		const failure = slots.failure[slot] === -1 ? undefined : definition.failures[slots.failure[slot]!];
		const summary: InstanceSummary = {
			saga: definition.name,
			id: slots.ids[slot]!,
			state,
			step: failure ?? ((flags & succeededFlag) !== 0 ? definition.success : definition.steps[highest]?.event ?? definition.steps[0]!.event),
			...(waitingFor === undefined ? {} : {waitingFor}),
			...(reason === undefined ? {} : {reason}),
			compensationsDone: done,
			compensationsMissing: missing,
			outOfOrder: (flags & outOfOrderFlag) !== 0,
			open: !finished,
			startedAt: slots.startedAt[slot]!,
			lastAt: slots.lastAt[slot]!,
		};
		if (finished) slots.summaries[slot] = summary;
		return summary;
	}
}
